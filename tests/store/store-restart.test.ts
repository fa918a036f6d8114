// A node restarted on the same data folder keeps everything it acknowledged; a corrupt store
// file stops it with an error naming the file and is never overwritten; --demo seeds only an
// empty folder. Real nodes (startNode) on real temp folders.
import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { SendResponse } from '@shared/api'
import { DEMO_HANDLES } from '../../main/node/demo'
import { silentLogger } from '../../main/lib/logger'
import { startNode } from '../../main/node/start'
import { StoreCorruptError } from '../../main/store/log'
import type { TestNode } from '../api/support'
import { pair, send, startTestNode, tempDir, TOKEN } from '../api/support'

const made: string[] = []
const running: TestNode[] = []
async function folder(): Promise<string> {
  const dir = await tempDir('envelope-restart-')
  made.push(dir)
  return dir
}
async function start(dataDir: string, demo = false): Promise<TestNode> {
  const t = await startTestNode({ dataDir, demo })
  running.push(t)
  return t
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((t) => t.stop()))
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })))
})

/** All messages of a conversation as `viewer` sees them, every page. */
async function allMessages(t: TestNode, viewer: string, conversationId: string) {
  const page = await t.client.messages(viewer, conversationId, { limit: 100 })
  const out = [...page.messages]
  let more = page.hasMore
  while (more) {
    const next = await t.client.messages(viewer, conversationId, { limit: 100, before: out[0].id })
    out.unshift(...next.messages)
    more = next.hasMore
  }
  return out
}

describe('restart keeps every acknowledged write', () => {
  it('N concurrent sends, stop, start: all N present exactly once, with accounts, settings, read, mute and hidden state', async () => {
    const dataDir = await folder()
    let t = await start(dataDir)
    const [a, b] = await pair(t)
    await t.client.patchSettings(b.id, { whoCanMessageMe: 'mutual', readReceipts: false })
    await t.client.follow(b.id, a.id)
    const N = 40
    const results = await Promise.all(Array.from({ length: N }, (_, i) => t.client.send(a.id, { to: b.id, text: `concurrent ${i} ✓`, clientId: `restart-${i}` })))
    const conversationId = results[0].conversationId
    await t.client.markRead(b.id, conversationId)
    await t.client.mute(b.id, conversationId, { muted: true })
    await t.client.hideMessage(a.id, results[0].message.id)
    const before = {
      node: (await t.client.node()).node,
      accounts: (await t.client.listAccounts()).accounts,
      settings: (await t.client.getSettings(b.id)).settings,
      follows: (await t.client.listFollows(b.id)).accounts,
      conversationsA: (await t.client.conversations(a.id)).conversations,
      conversationsB: (await t.client.conversations(b.id)).conversations,
      messagesA: await allMessages(t, a.id, conversationId),
      messagesB: await allMessages(t, b.id, conversationId),
    }
    await t.stop(true)
    running.splice(running.indexOf(t), 1)

    t = await start(dataDir)
    const after = {
      node: (await t.client.node()).node,
      accounts: (await t.client.listAccounts()).accounts,
      settings: (await t.client.getSettings(b.id)).settings,
      follows: (await t.client.listFollows(b.id)).accounts,
      conversationsA: (await t.client.conversations(a.id)).conversations,
      conversationsB: (await t.client.conversations(b.id)).conversations,
      messagesA: await allMessages(t, a.id, conversationId),
      messagesB: await allMessages(t, b.id, conversationId),
    }
    expect(after).toEqual(before)
    const ids = after.messagesB.map((m) => m.id)
    expect(ids).toHaveLength(N)
    expect(new Set(ids)).toEqual(new Set(results.map((r) => r.message.id)))
    expect(after.messagesA.map((m) => m.id)).not.toContain(results[0].message.id)
    expect(after.conversationsB[0]).toMatchObject({ unread: 0, muted: true })

    // R18 across a restart: a retry of an acknowledged send returns it and stores nothing.
    const retry = await t.client.send(a.id, { to: b.id, text: 'concurrent 7 ✓', clientId: 'restart-7' })
    expect(retry).toEqual(results[7])
    expect(await allMessages(t, b.id, conversationId)).toHaveLength(N)
  })

  it('sends cut off by a stop: every one that was acknowledged is there after the restart', async () => {
    const dataDir = await folder()
    let t = await start(dataDir)
    const [a, b] = await pair(t)
    const pending = Array.from({ length: 30 }, (_, i) => t.client.send(a.id, { to: b.id, text: `in flight ${i}`, clientId: `flight-${i}` }))
    // Let some of them land, then stop while others may still be on the wire.
    const first: SendResponse = await pending[0]
    const stopping = t.stop(true)
    running.splice(running.indexOf(t), 1)
    const settled = await Promise.allSettled(pending)
    await stopping
    const acknowledged = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value.message.id] : []))
    expect(acknowledged).toContain(first.message.id)

    t = await start(dataDir)
    const stored = (await allMessages(t, b.id, first.conversationId)).map((m) => m.id)
    for (const id of acknowledged) {
      expect(stored).toContain(id)
    }
    expect(new Set(stored).size).toBe(stored.length)
  })
})

describe('a corrupt store file stops the node and is left as it was', () => {
  async function folderWithData(): Promise<string> {
    const dataDir = await folder()
    const t = await start(dataDir)
    const [a, b] = await pair(t)
    await send(t, a, b, 'precious')
    await t.stop(true)
    running.splice(running.indexOf(t), 1)
    return dataDir
  }

  async function expectRefusal(dataDir: string, file: string, demo = false): Promise<StoreCorruptError> {
    const bytes = await readFile(file)
    const listing = await readdir(join(dataDir, 'log'))
    let caught: unknown
    try {
      const node = await startNode({ dataDir, host: '127.0.0.1', port: 0, token: TOKEN, logger: silentLogger, demo })
      await node.stop()
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(StoreCorruptError)
    const err = caught as StoreCorruptError
    expect(err.file).toBe(file)
    expect(err.message).toContain(file)
    expect(err.message).toMatch(/will not overwrite/)
    expect(await readFile(file)).toEqual(bytes)
    expect(await readdir(join(dataDir, 'log'))).toEqual(listing)
    return err
  }

  it('garbage in data/log/000001.json: StoreCorruptError naming the file; the bytes are unchanged', async () => {
    const dataDir = await folderWithData()
    const file = join(dataDir, 'log', '000001.json')
    await writeFile(file, Buffer.from([0x00, 0xff, 0x7b, 0x22, 0x67, 0x61, 0x72, 0x62, 0x61, 0x67, 0x65]))
    const err = await expectRefusal(dataDir, file)
    expect(err.problem).toMatch(/not valid JSON/)
    // Refusing again changes nothing either (a second start must not "repair" it).
    await expectRefusal(dataDir, file)
  })

  it('a segment cut off halfway (say, a half-copied backup) is refused the same way', async () => {
    const dataDir = await folderWithData()
    const file = join(dataDir, 'log', '000001.json')
    const text = await readFile(file, 'utf8')
    await writeFile(file, text.slice(0, Math.floor(text.length / 2)))
    await expectRefusal(dataDir, file)
  })

  it('a segment whose records skip a seq is refused, naming it', async () => {
    const dataDir = await folderWithData()
    const file = join(dataDir, 'log', '000001.json')
    const doc = JSON.parse(await readFile(file, 'utf8')) as { records: { seq: number }[] }
    doc.records.splice(1, 1)
    await writeFile(file, JSON.stringify(doc))
    const err = await expectRefusal(dataDir, file)
    expect(err.problem).toMatch(/seq/)
  })

  it('an empty segment file and a null document are refused', async () => {
    for (const content of ['', 'null']) {
      const dataDir = await folderWithData()
      const file = join(dataDir, 'log', '000001.json')
      await writeFile(file, content)
      await expectRefusal(dataDir, file)
    }
  })

  it('--demo never seeds over a corrupt folder', async () => {
    const dataDir = await folderWithData()
    const file = join(dataDir, 'log', '000001.json')
    await writeFile(file, 'not json at all')
    await expectRefusal(dataDir, file, true)
  })

  it('a corrupt node.json is refused too, naming it, and kept', async () => {
    const dataDir = await folderWithData()
    const file = join(dataDir, 'node.json')
    await writeFile(file, '{"id": "n_x", ')
    const bytes = await readFile(file)
    await expect(startNode({ dataDir, host: '127.0.0.1', port: 0, token: TOKEN, logger: silentLogger })).rejects.toMatchObject({ name: 'StoreCorruptError', file })
    expect(await readFile(file)).toEqual(bytes)
  })
})

describe('--demo', () => {
  it('seeds an empty folder once: 3 local accounts and 200+ creators; a restart with --demo adds nothing', async () => {
    const dataDir = await folder()
    let t = await start(dataDir, true)
    expect(t.node.seeded).toBe(true)
    const local = (await t.client.listAccounts()).accounts
    expect(local.map((a) => a.handle).sort()).toEqual(Object.values(DEMO_HANDLES).sort())
    expect((await t.client.listAccounts(true)).accounts.length).toBeGreaterThanOrEqual(203)
    const business = local.find((a) => a.handle === DEMO_HANDLES.business)!
    expect((await t.client.conversations(business.id, 'requests')).conversations.length).toBeGreaterThanOrEqual(1)
    const seq = (await t.client.node()).node.lastSeq
    await t.stop(true)
    running.splice(running.indexOf(t), 1)

    t = await start(dataDir, true)
    expect(t.node.seeded).toBe(false)
    expect((await t.client.node()).node.lastSeq).toBe(seq)
  })

  it('never seeds a folder that holds data', async () => {
    const dataDir = await folder()
    let t = await start(dataDir)
    const mine = await t.account()
    const seq = (await t.client.node()).node.lastSeq
    await t.stop(true)
    running.splice(running.indexOf(t), 1)
    const files = await readdir(join(dataDir, 'log'))
    const bytes = await Promise.all(files.map((f) => readFile(join(dataDir, 'log', f))))

    t = await start(dataDir, true)
    expect(t.node.seeded).toBe(false)
    expect((await t.client.listAccounts(true)).accounts.map((a) => a.id)).toEqual([mine.id])
    expect((await t.client.node()).node.lastSeq).toBe(seq)
    await t.stop(true)
    running.splice(running.indexOf(t), 1)
    expect(await readdir(join(dataDir, 'log'))).toEqual(files)
    expect(await Promise.all(files.map((f) => readFile(join(dataDir, 'log', f))))).toEqual(bytes)
  })
})
