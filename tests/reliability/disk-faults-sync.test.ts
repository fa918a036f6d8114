// Sync during a disk fault, with two paired nodes in this process: while A's disk is full, a
// message from B's account to A's is held on B (A's peer listener answers 503, B's link backs
// off, and so does A's own pull); once A's disk takes writes again it arrives, once.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createClient } from '@shared/api'
import type { EnvelopeClient } from '@shared/api'
import { silentLogger } from '../../main/lib/logger'
import { startNode } from '../../main/node/start'
import type { RunningNode } from '../../main/node/start'
import { conversationIdFor } from '../../main/store'
import { DiskFaults } from '../store/disk-faults'
import { ADULT } from '../api/support'

const closers: (() => Promise<unknown>)[] = []
afterAll(async () => {
  for (const close of closers.reverse()) {
    await close().catch(() => undefined)
  }
})

async function start(name: string, disk?: DiskFaults): Promise<{ node: RunningNode; client: EnvelopeClient }> {
  const dataDir = await mkdtemp(join(tmpdir(), `envelope-disk-sync-${name}-`))
  closers.push(() => rm(dataDir, { recursive: true, force: true }))
  const node = await startNode({ dataDir, host: '127.0.0.1', port: 0, token: 't', name, logger: silentLogger, files: disk?.files, storageProbeMs: 20 })
  closers.push(() => node.stop())
  return { node, client: createClient({ baseUrl: node.url, token: 't' }) }
}

async function eventually<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const found = await check().catch(() => undefined)
    if (found !== undefined) {
      return found
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`never happened: ${what}`)
}

describe("sync while a node's disk is full", () => {
  it('a message to an account homed on the full node arrives once after its disk recovers', { timeout: 60_000 }, async () => {
    const disk = new DiskFaults()
    const A = await start('fa', disk)
    const B = await start('fb')
    const { code } = await B.client.pairingCode()
    await A.client.pair(B.node.url, code)
    const person = { birthDate: ADULT, phone: '+14155550123', region: 'US', kind: 'personal' } as const
    const { account: a } = await A.client.createAccount({ handle: 'full_disk_a', displayName: 'On A', ...person })
    const { account: b } = await B.client.createAccount({ handle: 'full_disk_b', displayName: 'On B', ...person })
    await eventually('A known on B', async () => ((await B.client.getAccount(a.id)).account.id === a.id ? true : undefined))

    await B.client.follow(b.id, a.id)
    disk.fault = 'ENOSPC'
    const sent = await B.client.send(b.id, { to: a.id, text: 'across a full disk', clientId: 'across' })
    const conversationId = conversationIdFor(a.id, b.id)
    // Nothing half-stored on A meanwhile; both nodes keep answering reads.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect((await A.client.conversations(a.id, 'requests')).conversations).toEqual([])
    expect((await B.client.messages(b.id, conversationId)).messages.map((m) => m.id)).toEqual([sent.message.id])

    // A was asked to store it and refused (the push, or its own pull, met the full disk).
    expect(disk.refused).toBeGreaterThan(0)
    disk.fault = null
    const arrived = await eventually('the message on A', async () => {
      const all = [...(await A.client.conversations(a.id, 'requests')).conversations, ...(await A.client.conversations(a.id)).conversations]
      if (all.length === 0) {
        return undefined
      }
      const { messages } = await A.client.messages(a.id, all[0].id)
      return messages.length > 0 ? messages : undefined
    })
    expect(arrived.map((m) => [m.id, m.text])).toEqual([[sent.message.id, 'across a full disk']])
  })
})
