// Pairing against a hostile network, with nodes in this process: an expired code, a machine
// in the middle that re-encrypts the traffic, and one that answers in the target's place.
import { createServer as createHttpServer } from 'node:http'
import type { Server } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { mkdtemp, rm } from 'node:fs/promises'
import type { AddressInfo, Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connect, createServer as createTlsServer } from 'node:tls'
import { generate } from 'selfsigned'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createClient } from '@shared/api'
import type { EnvelopeClient } from '@shared/api'
import { silentLogger } from '../../main/lib/logger'
import { startNode } from '../../main/node/start'
import type { RunningNode } from '../../main/node/start'
import { fingerprintOf } from '../../main/sync/identity'
import { refusal } from './harness'

interface InProcess {
  node: RunningNode
  client: EnvelopeClient
}

const dirs: string[] = []
const closers: (() => Promise<unknown>)[] = []
let offset = 0
let A: InProcess, B: InProcess

async function start(name: string, clock?: () => Date): Promise<InProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), `envelope-sync-${name}-`))
  dirs.push(dataDir)
  const node = await startNode({ dataDir, host: '127.0.0.1', port: 0, token: 't', name, logger: silentLogger, clock })
  closers.push(() => node.stop())
  return { node, client: createClient({ baseUrl: node.url, token: 't' }) }
}

async function listen<T extends Server | ReturnType<typeof createTlsServer>>(server: T): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  closers.push(() => new Promise((r) => server.close(r)))
  return (server.address() as AddressInfo).port
}

/** A fake peer-info saying: the target is at `peerUrl`, with certificate `fingerprint`. */
async function fakeInfo(peerUrl: string, fingerprint: string): Promise<string> {
  const info = { nodeId: B.node.nodeId, name: B.node.name, url: B.node.url, peerUrl, fingerprint }
  const server = createHttpServer((_req, res) => {
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify(info))
  })
  return `http://127.0.0.1:${await listen(server)}`
}

async function ownCertificate() {
  const pems = await generate([{ name: 'commonName', value: 'mallory' }], { keyType: 'ec', algorithm: 'sha256' })
  return { key: pems.private, cert: pems.cert, fingerprint: fingerprintOf(pems.cert) }
}

beforeAll(async () => {
  A = await start('ta')
  B = await start('tb', () => new Date(Date.now() + offset))
}, 30_000)

afterAll(async () => {
  for (const close of closers.reverse()) {
    await close().catch(() => undefined)
  }
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
})

describe('pairing under attack', () => {
  test('an expired code is PAIRING_FAILED', async () => {
    const { code } = await B.client.pairingCode()
    offset = 10 * 60_000 + 1_000 // B's clock: ten minutes on
    try {
      const err = await refusal(A.client.pair(B.node.url, code))
      expect([err.status, err.code]).toEqual([400, 'PAIRING_FAILED'])
    } finally {
      offset = 0
    }
    expect((await A.client.peers()).peers).toEqual([])
  })

  test('a machine in the middle that re-encrypts with its own certificate makes the proof fail', async () => {
    const mallory = await ownCertificate()
    const peerPort = Number(new URL(B.node.peerUrl).port)
    // Terminates A's TLS with its own certificate, opens its own TLS to B, and relays the bytes.
    const relay = createTlsServer({ key: mallory.key, cert: mallory.cert }, (inbound: Socket) => {
      const outbound = connect({ host: '127.0.0.1', port: peerPort, rejectUnauthorized: false })
      inbound.pipe(outbound).pipe(inbound)
      inbound.on('error', () => outbound.destroy())
      outbound.on('error', () => inbound.destroy())
    })
    const relayPort = await listen(relay)
    const { code } = await B.client.pairingCode()
    const err = await refusal(A.client.pair(await fakeInfo(`https://127.0.0.1:${relayPort}`, mallory.fingerprint), code))
    expect([err.status, err.code]).toEqual([400, 'PAIRING_FAILED'])
    expect((await A.client.peers()).peers).toEqual([])
    expect((await B.client.peers()).peers).toEqual([])
    // The code was not spent by the failed attempt: the real pairing still works with it.
    expect((await A.client.pair(B.node.url, code)).peer.id).toBe(B.node.nodeId)
    await A.client.unpair(B.node.nodeId)
  })

  test('an impostor answering in the target\'s place cannot prove it knows the code', async () => {
    const mallory = await ownCertificate()
    // Answers the pairing itself, handing A a secret of its choosing.
    const impostor = createHttpsServer({ key: mallory.key, cert: mallory.cert }, (_req, res) => {
      res.setHeader('content-type', 'application/json')
      const target = { nodeId: B.node.nodeId, name: B.node.name, url: B.node.url, peerUrl: `https://127.0.0.1:1`, fingerprint: mallory.fingerprint }
      res.end(JSON.stringify({ target, secret: 'x'.repeat(43), proof: '0'.repeat(64) }))
    })
    const port = await listen(impostor)
    const { code } = await B.client.pairingCode()
    const err = await refusal(A.client.pair(await fakeInfo(`https://127.0.0.1:${port}`, mallory.fingerprint), code))
    expect([err.status, err.code]).toEqual([400, 'PAIRING_FAILED'])
    expect((await A.client.peers()).peers).toEqual([])
  })
})
