// The HTTPS peer listener (main/sync/peer-server.ts) as an attacker sees it: the node's client
// token opens nothing there, and a peer request whose signature was made with another secret,
// or moved onto another path, query or body, is refused; so is a captured request played
// again byte for byte, or re-signed with a stale clock. Two real nodes in this process, paired.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from '@shared/api'
import type { EnvelopeClient } from '@shared/api'
import { silentLogger } from '../../main/lib/logger'
import { startNode } from '../../main/node/start'
import type { RunningNode } from '../../main/node/start'
import { NODE_HEADER, newSecret, NONCE_HEADER, SIGNATURE_HEADER, signedHeaders, signRequest, TIMESTAMP_HEADER } from '../../main/sync/proofs'
import { SKEW_WINDOW_MS } from '../../main/sync/replay-guard'
import { peerAnswer, peerRequest } from '../sync/peer-request'

const TOKEN = 'peer-surface-token'
interface InProcess {
  node: RunningNode
  client: EnvelopeClient
  dataDir: string
}
let A: InProcess
let B: InProcess

async function start(name: string): Promise<InProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), `envelope-peer-${name}-`))
  const node = await startNode({ dataDir, host: '127.0.0.1', port: 0, token: TOKEN, name, logger: silentLogger })
  return { node, client: createClient({ baseUrl: node.url, token: TOKEN }), dataDir }
}

/** One request to B's peer listener, as whoever holds these headers (the certificate is not checked: we are the attacker). */
function toPeer(method: string, path: string, headers: Record<string, string>, body = ''): Promise<{ status: number; code?: string }> {
  return peerRequest(B.node.peerUrl, method, path, headers, body)
}

/** Headers of a request from A signed with `secret` over (method, path, body), fresh timestamp and nonce. */
const signed = (secret: string, method: string, path: string, body = '', now = Date.now()) => signedHeaders(A.node.nodeId, secret, method, path, body, now)

const PEER_ROUTES: [string, string, string][] = [
  ['GET', '/api/v1/peer/events?after=0', ''],
  ['POST', '/api/v1/peer/events', JSON.stringify({ after: 0, upTo: 0, events: [] })],
  ['POST', '/api/v1/peer/hello', JSON.stringify({ name: 'x', url: 'http://127.0.0.1:1', peerUrl: 'https://127.0.0.1:1' })],
  ['POST', '/api/v1/peer/unpair', ''],
]

let secret: string
/** A moment before B's node started. */
let beforeB: number

beforeAll(async () => {
  A = await start('pa')
  beforeB = Date.now() - 1
  B = await start('pb')
  const { code } = await B.client.pairingCode()
  await A.client.pair(B.node.url, code)
  // The pair's shared secret, as A holds it (never shown over the API).
  secret = A.node.sync.book.get(B.node.nodeId)!.secret
}, 60_000)

afterAll(async () => {
  for (const n of [A, B]) {
    await n?.node.stop()
    if (n) {
      await rm(n.dataDir, { recursive: true, force: true })
    }
  }
})

describe('the peer listener', () => {
  it('answers a request signed with the pair secret (the control case)', async () => {
    expect((await toPeer('GET', '/api/v1/peer/events?after=0', signed(secret, 'GET', '/api/v1/peer/events?after=0'))).status).toBe(200)
  })

  it.each(PEER_ROUTES)('refuses the node client token on %s %s: 401 PEER_UNAUTHORIZED', async (method, path, body) => {
    const res = await toPeer(method, path, { Authorization: `Bearer ${TOKEN}` }, body)
    expect(res).toEqual({ status: 401, code: 'PEER_UNAUTHORIZED' })
    // Even naming a paired node: the token is no signature.
    expect(await toPeer(method, path, { Authorization: `Bearer ${TOKEN}`, [NODE_HEADER]: A.node.nodeId, [SIGNATURE_HEADER]: TOKEN }, body)).toEqual({
      status: 401,
      code: 'PEER_UNAUTHORIZED',
    })
  })

  it.each(PEER_ROUTES)('refuses %s %s re-signed with a secret other than the pair one', async (method, path, body) => {
    expect(await toPeer(method, path, signed(newSecret(), method, path, body), body)).toEqual({ status: 401, code: 'PEER_UNAUTHORIZED' })
  })

  it('refuses a genuine signature replayed onto another query, path, method or body', async () => {
    const pull = signed(secret, 'GET', '/api/v1/peer/events?after=0')
    expect((await toPeer('GET', '/api/v1/peer/events?after=5', pull)).status).toBe(401)
    expect((await toPeer('GET', '/api/v1/peer/events?after=0&limit=1000', pull)).status).toBe(401)
    expect((await toPeer('POST', '/api/v1/peer/unpair', pull)).status).toBe(401)
    const body = JSON.stringify({ after: 0, upTo: 0, events: [] })
    const push = signed(secret, 'POST', '/api/v1/peer/events', body)
    expect((await toPeer('POST', '/api/v1/peer/events', push, JSON.stringify({ after: 0, upTo: 1, events: [] }))).status).toBe(401)
    // Still paired after all that: nothing above reached a handler.
    expect((await B.client.peers()).peers.map((p) => p.id)).toEqual([A.node.nodeId])
  })

  it('refuses a stranger naming itself with an unknown node id, without reading its body', async () => {
    const res = await toPeer('GET', '/api/v1/peer/events?after=0', {
      ...signedHeaders('n_0000000000000000', secret, 'GET', '/api/v1/peer/events?after=0', ''),
    })
    expect(res).toEqual({ status: 401, code: 'PEER_UNAUTHORIZED' })
  })

  it('refuses a captured request played again byte for byte: 403 PEER_REPLAYED, and nothing reaches a handler', async () => {
    const body = JSON.stringify({ after: 0, upTo: 0, events: [] })
    const push = signed(secret, 'POST', '/api/v1/peer/events', body)
    expect((await toPeer('POST', '/api/v1/peer/events', push, body)).status).toBe(200)
    expect(await toPeer('POST', '/api/v1/peer/events', push, body)).toEqual({ status: 403, code: 'PEER_REPLAYED' })
    const pull = signed(secret, 'GET', '/api/v1/peer/events?after=0')
    expect((await toPeer('GET', '/api/v1/peer/events?after=0', pull)).status).toBe(200)
    for (let i = 0; i < 3; i++) {
      expect(await toPeer('GET', '/api/v1/peer/events?after=0', pull)).toEqual({ status: 403, code: 'PEER_REPLAYED' })
    }
    const helloBody = JSON.stringify({ name: 'pa', url: A.node.url, peerUrl: A.node.peerUrl })
    const hello = signed(secret, 'POST', '/api/v1/peer/hello', helloBody)
    expect((await toPeer('POST', '/api/v1/peer/hello', hello, helloBody)).status).toBe(200)
    expect(await toPeer('POST', '/api/v1/peer/hello', hello, helloBody)).toEqual({ status: 403, code: 'PEER_REPLAYED' })
  })

  it('refuses a genuine signature whose timestamp or nonce was changed (re-signing needs the secret)', async () => {
    const pull = signed(secret, 'GET', '/api/v1/peer/events?after=0')
    const later = { ...pull, [TIMESTAMP_HEADER]: String(Number(pull[TIMESTAMP_HEADER]) + 1) }
    expect(await toPeer('GET', '/api/v1/peer/events?after=0', later)).toEqual({ status: 401, code: 'PEER_UNAUTHORIZED' })
    const otherNonce = { ...pull, [NONCE_HEADER]: newSecret().slice(0, 22) }
    expect(await toPeer('GET', '/api/v1/peer/events?after=0', otherNonce)).toEqual({ status: 401, code: 'PEER_UNAUTHORIZED' })
    // The old (v1) form: a signature over method, path and body only, no timestamp or nonce.
    const v1 = { [NODE_HEADER]: A.node.nodeId, [SIGNATURE_HEADER]: signRequest(secret, 'GET', '/api/v1/peer/events?after=0', '', '', '') }
    expect(await toPeer('GET', '/api/v1/peer/events?after=0', v1)).toEqual({ status: 401, code: 'PEER_UNAUTHORIZED' })
  })

  it('refuses a request signed with a clock outside the skew window: 403 PEER_CLOCK_SKEW', async () => {
    for (const off of [-SKEW_WINDOW_MS - 60_000, SKEW_WINDOW_MS + 60_000]) {
      const stale = signed(secret, 'GET', '/api/v1/peer/events?after=0', '', Date.now() + off)
      expect(await toPeer('GET', '/api/v1/peer/events?after=0', stale)).toEqual({ status: 403, code: 'PEER_CLOCK_SKEW' })
    }
    // Within the window (a minute ahead) is fine.
    expect((await toPeer('GET', '/api/v1/peer/events?after=0', signed(secret, 'GET', '/api/v1/peer/events?after=0', '', Date.now() + 60_000))).status).toBe(200)
    // Stamped before B started (within the window, but no request of B's run): refused as a replay.
    expect(await toPeer('GET', '/api/v1/peer/events?after=0', signed(secret, 'GET', '/api/v1/peer/events?after=0', '', beforeB))).toEqual({
      status: 403,
      code: 'PEER_REPLAYED',
    })
  })

  it('refuses a body declared over 16 MiB before anything else, even from a stranger and on pair: 413 PAYLOAD_TOO_LARGE', async () => {
    const tooLarge = { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' }
    const over = 16 * 1024 * 1024 + 1
    expect(await peerAnswer(B.node.peerUrl, 'POST', '/api/v1/peer/events', {}, '', over)).toEqual(tooLarge)
    expect(await peerAnswer(B.node.peerUrl, 'POST', '/api/v1/peer/pair', {}, '', over)).toEqual(tooLarge)
    const push = signed(secret, 'POST', '/api/v1/peer/events', '')
    expect(await peerAnswer(B.node.peerUrl, 'POST', '/api/v1/peer/events', push, '', over)).toEqual(tooLarge)
  })

  it('refuses a chunked body (no Content-Length) once more than 16 MiB of it arrived: 413 PAYLOAD_TOO_LARGE', async () => {
    const mib = 'x'.repeat(1024 * 1024)
    const chunks = Array.from({ length: 17 }, () => mib)
    const push = signed(secret, 'POST', '/api/v1/peer/events', chunks.join(''))
    expect(await peerAnswer(B.node.peerUrl, 'POST', '/api/v1/peer/events', push, chunks)).toEqual({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message: 'The request body is too large.',
    })
  })

  it('takes a signed push sent chunked, and checks the signature over the bytes that came', async () => {
    const body = JSON.stringify({ after: 0, upTo: 0, events: [] })
    const chunks = [body.slice(0, 7), body.slice(7, 20), body.slice(20)]
    const push = signed(secret, 'POST', '/api/v1/peer/events', body)
    expect((await peerAnswer(B.node.peerUrl, 'POST', '/api/v1/peer/events', push, chunks)).status).toBe(200)
    const other = JSON.stringify({ after: 0, upTo: 1, events: [] })
    const moved = signed(secret, 'POST', '/api/v1/peer/events', body)
    expect(await peerAnswer(B.node.peerUrl, 'POST', '/api/v1/peer/events', moved, [other.slice(0, 5), other.slice(5)])).toMatchObject({
      status: 401,
      code: 'PEER_UNAUTHORIZED',
    })
    // Not JSON, signed: the same sentence as ever.
    const junk = signed(secret, 'POST', '/api/v1/peer/events', '{"after":')
    expect(await peerAnswer(B.node.peerUrl, 'POST', '/api/v1/peer/events', junk, '{"after":')).toEqual({
      status: 400,
      code: 'INVALID_INPUT',
      message: 'The request body is not valid JSON.',
    })
  })

  it('once unpaired, the old secret opens nothing (checked last: it ends the pairing)', async () => {
    await B.client.unpair(A.node.nodeId)
    expect(await toPeer('GET', '/api/v1/peer/events?after=0', signed(secret, 'GET', '/api/v1/peer/events?after=0'))).toEqual({ status: 401, code: 'PEER_UNAUTHORIZED' })
  })
})
