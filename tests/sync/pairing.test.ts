// Pairing and peer authentication between real nodes (docs/API.md "Peers", docs/SYNC.md).
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { NODE_HEADER, SIGNATURE_HEADER, signedHeaders } from '../../main/sync/proofs'
import { PeerRefused, peerRequest } from '../../main/sync/transport'
import { assertBuilt, cluster, eventually, pair, refusal } from './harness'
import type { TestNode } from './harness'

describe('pairing three nodes', { timeout: 60_000 }, () => {
  const c = cluster()
  let a: TestNode, b: TestNode, x: TestNode

  beforeAll(async () => {
    assertBuilt()
    ;[a, b, x] = await Promise.all([c.node('pa'), c.node('pb'), c.node('px')])
  }, 60_000)
  afterAll(() => c.cleanup())

  test('peer-info is public and names the peer endpoint and certificate', async () => {
    const res = await fetch(`${b.url}/api/v1/peer-info`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ nodeId: b.nodeId, name: 'pb', url: b.url, peerUrl: b.peerUrl, fingerprint: b.fingerprint, lan: false })
  })

  test('a code is 10 characters, valid 10 minutes, and offered until used', async () => {
    const first = await b.client.pairingCode()
    expect(first.code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/)
    const ttl = Date.parse(first.expiresAt) - Date.now()
    expect(ttl).toBeGreaterThan(9 * 60_000)
    expect(ttl).toBeLessThanOrEqual(10 * 60_000)
    expect((await b.client.pairingCode()).code).toBe(first.code)
    expect((await b.client.newPairingCode()).code).not.toBe(first.code)
  })

  test('a wrong code is PAIRING_FAILED on both sides and leaves nobody paired', async () => {
    const { code } = await b.client.pairingCode()
    const wrong = code.startsWith('A') ? `B${code.slice(1)}` : `A${code.slice(1)}`
    const err = await refusal(a.client.pair(b.url, wrong))
    expect(err.status).toBe(400)
    expect(err.code).toBe('PAIRING_FAILED')
    expect((await a.client.peers()).peers).toEqual([])
    expect((await b.client.peers()).peers).toEqual([])
  })

  test('pairing stores the peer on both sides, with the code typed loosely', async () => {
    const { code } = await b.client.pairingCode()
    const peer = (await a.client.pair(`${b.url}/`, code.toLowerCase().replace('-', ' '))).peer
    expect(peer).toMatchObject({ id: b.nodeId, name: 'pb', url: b.url, peerUrl: b.peerUrl, fingerprint: b.fingerprint })
    expect(JSON.stringify(await a.client.peers())).not.toContain('secret')
    const back = await eventually('b to list a as online', async () => {
      const p = await b.peer(a)
      return p?.online ? p : undefined
    })
    expect(back).toMatchObject({ id: a.nodeId, name: 'pa', fingerprint: a.fingerprint, eventsBehind: 0, lastError: null })
  })

  test('a used code is PAIRING_FAILED; pairing twice or with yourself is a clear 4xx', async () => {
    const { code } = await x.client.pairingCode()
    await a.client.pair(x.url, code)
    const used = await refusal(b.client.pair(x.url, code))
    expect([used.status, used.code]).toEqual([400, 'PAIRING_FAILED'])
    const twice = await refusal(a.client.pair(b.url, (await b.client.pairingCode()).code))
    expect([twice.status, twice.code]).toEqual([409, 'ALREADY_PAIRED'])
    const self = await refusal(a.client.pair(a.url, (await a.client.pairingCode()).code))
    expect([self.status, self.code]).toEqual([400, 'CANNOT_PAIR_WITH_SELF'])
    const bad = await refusal(a.client.pair('not a url', 'ABCDE'))
    expect([bad.status, bad.code, bad.field]).toEqual([400, 'INVALID_INPUT', 'url'])
  })

  test('accounts of paired nodes appear in the directory and answer to @handle', async () => {
    const alice = await a.account('alice.pair')
    await eventually('b to know @alice.pair', async () => (await b.client.getAccount('@alice.pair')).account)
    const seen = (await b.client.getAccount('@alice.pair')).account
    expect(seen).toMatchObject({ id: alice.id, homeNodeId: a.nodeId, local: false })
    // Private fields stay home: no phone and no birth date over the API of another node.
    expect(seen).not.toHaveProperty('phone')
    expect(seen).not.toHaveProperty('birthDate')
    expect((await b.client.directory({ q: 'alice.pair' })).accounts.map((x) => x.id)).toEqual([alice.id])
    // Commands for an account run only on its home.
    const err = await refusal(b.client.patchSettings('@alice.pair', { whoCanMessageMe: 'everyone' }))
    expect([err.status, err.code, err.details.home]).toEqual([409, 'NOT_HOME', a.nodeId])
  })

  test('peer requests without a valid signature, or from an unpaired node, are 401', async () => {
    const call = (headers: Record<string, string>) =>
      peerRequest(b, { method: 'POST', path: '/api/v1/peer/hello', body: { name: 'n', url: 'http://x', peerUrl: 'https://x' }, headers }).catch((e: unknown) => e)
    const unsigned = await call({})
    expect(unsigned).toBeInstanceOf(PeerRefused)
    expect((unsigned as PeerRefused).status).toBe(401)
    const forged = await call(signedHeaders(a.nodeId, 'not-the-secret-at-all', 'POST', '/api/v1/peer/hello', '{}'))
    expect([(forged as PeerRefused).status, (forged as PeerRefused).code]).toEqual([401, 'PEER_UNAUTHORIZED'])
    // x is paired with a only: b does not know it.
    const stranger = await call({ [NODE_HEADER]: x.nodeId, [SIGNATURE_HEADER]: '0'.repeat(64) })
    expect((stranger as PeerRefused).status).toBe(401)
    // The plain API does not serve peer routes at all.
    expect((await fetch(`${b.url}/api/v1/peer/events?after=0`)).status).toBe(401)
  })

  test('unpairing revokes the secret on both sides: the old one gets 401', async () => {
    const secret = await secretOf(a, x)
    const body = JSON.stringify({ name: 'pa', url: a.url, peerUrl: a.peerUrl })
    const signed = () =>
      peerRequest(x, {
        method: 'POST',
        path: '/api/v1/peer/hello',
        rawBody: body,
        headers: signedHeaders(a.nodeId, secret, 'POST', '/api/v1/peer/hello', body),
      })
    await expect(signed()).resolves.toMatchObject({ cursor: expect.any(Number) })
    await a.client.unpair(x.nodeId)
    expect(await a.peer(x)).toBeUndefined()
    await eventually('x to drop a', async () => (await x.peer(a)) === undefined)
    const after = await signed().catch((e: unknown) => e)
    expect([(after as PeerRefused).status, (after as PeerRefused).code]).toEqual([401, 'PEER_UNAUTHORIZED'])
    expect((await refusal(a.client.unpair(x.nodeId))).code).toBe('NOT_FOUND')
  })

  test('a fingerprint that does not match the certificate is refused', async () => {
    // A fake peer-info: b's real endpoint, announced with x's fingerprint.
    const liar = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({ nodeId: b.nodeId, name: 'pb', url: b.url, peerUrl: b.peerUrl, fingerprint: x.fingerprint }))
    })
    await new Promise<void>((r) => liar.listen(0, '127.0.0.1', r))
    try {
      const { code } = await b.client.pairingCode()
      const err = await refusal(x.client.pair(`http://127.0.0.1:${(liar.address() as AddressInfo).port}`, code))
      expect([err.status, err.code]).toEqual([502, 'PEER_UNTRUSTED'])
      expect(await x.peer(b)).toBeUndefined()
      expect(await b.peer(x)).toBeUndefined()
    } finally {
      liar.close()
    }
  })

  test('pairing again after an unpair, a node catches up on the whole public history', async () => {
    // b follows someone on x while a is not paired with x: a keeps the follow by id...
    await pair(b, x)
    const [bo, xena] = [await b.account('bo.late'), await x.account('xena')]
    await eventually('b to know xena', async () => (await b.client.getAccount(xena.id)).account)
    await b.client.follow(bo.id, xena.id)
    await eventually('a to hear of the follow', async () => (await a.client.getAccount(bo.id)).account.stats.following === 1)
    // ...and learns who that is once paired (again) with x.
    await pair(a, x)
    await eventually('a to know xena', async () => (await a.client.getAccount('@xena')).account)
    expect((await a.client.listFollows(bo.id)).accounts.map((f) => f.handle)).toEqual(['xena'])
  })
})

/** The shared secret as stored in a node's data folder (the API never shows it). */
async function secretOf(node: TestNode, peer: TestNode): Promise<string> {
  const { readFile } = await import('node:fs/promises')
  const file = JSON.parse(await readFile(`${node.dataDir}/peers.json`, 'utf8')) as { peers: Record<string, { secret: string }> }
  return file.peers[peer.nodeId].secret
}
