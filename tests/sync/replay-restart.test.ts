// A captured peer request cannot be played again after the receiving node restarts
// (docs/SECURITY.md "Replay across a restart"): two real nodes as child processes on loopback,
// paired; a request signed with the pair's secret (as an attacker who recorded one would replay
// it) is admitted once, the receiver is killed (SIGKILL) and started again on the same folder,
// and the same bytes are refused: stamped before the restart (the start floor), or stamped
// ahead of the receiver's clock by a fast peer clock (the nonce kept on disk). The pair keeps
// syncing across the restart.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signedHeaders } from '../../main/sync/proofs'
import type { TestNode } from './harness'
import { assertBuilt, cluster, eventually, nextClientId, pair } from './harness'
import { peerRequest } from './peer-request'

/** One request to `to`'s peer listener with exactly these headers and body (no certificate check: we are the attacker). */
function toPeer(to: TestNode, method: string, path: string, headers: Record<string, string>, body = ''): Promise<{ status: number; code?: string }> {
  return peerRequest(to.peerUrl, method, path, headers, body)
}

const c = cluster()
let A: TestNode
let B: TestNode
/** The pair's secret as A keeps it (peers.json in A's folder): what signs A's requests to B. */
let secret: string

beforeAll(async () => {
  assertBuilt()
  A = await c.node('ra')
  B = await c.node('rb')
  await pair(A, B)
  const book = JSON.parse(await readFile(join(A.dataDir, 'peers.json'), 'utf8')) as { peers: Record<string, { secret: string }> }
  secret = book.peers[B.nodeId].secret
}, 60_000)
afterAll(() => c.cleanup())

describe('replay across a restart', { timeout: 90_000 }, () => {
  it('a request admitted before a SIGKILL restart is refused after it, whether stamped by a clock in time or one running ahead', async () => {
    const pull = '/api/v1/peer/events?after=0'
    const inTime = signedHeaders(A.nodeId, secret, 'GET', pull, '')
    const ahead = signedHeaders(A.nodeId, secret, 'GET', pull, '', Date.now() + 2 * 60_000)
    expect((await toPeer(B, 'GET', pull, inTime)).status).toBe(200)
    expect((await toPeer(B, 'GET', pull, ahead)).status).toBe(200)
    // Before the restart the memory holds both (the control case).
    expect(await toPeer(B, 'GET', pull, inTime)).toEqual({ status: 403, code: 'PEER_REPLAYED' })
    expect(await toPeer(B, 'GET', pull, ahead)).toEqual({ status: 403, code: 'PEER_REPLAYED' })

    await B.kill('SIGKILL')
    await B.start()

    // Both within the 5-minute window still, and both refused: nothing replays once.
    expect(await toPeer(B, 'GET', pull, inTime)).toEqual({ status: 403, code: 'PEER_REPLAYED' })
    expect(await toPeer(B, 'GET', pull, ahead)).toEqual({ status: 403, code: 'PEER_REPLAYED' })
    // A request signed now is fresh.
    expect((await toPeer(B, 'GET', pull, signedHeaders(A.nodeId, secret, 'GET', pull, ''))).status).toBe(200)

    // And the pair still syncs: A's link signs afresh after the restart.
    const alice = await A.account(`alice${process.pid}`)
    const bob = await B.account(`bob${process.pid}`)
    await B.client.patchSettings(bob.id, { whoCanMessageMe: 'everyone' })
    // Until bob's setting has reached A, A refuses the send (NOT_FOLLOWING): retried with the same clientId (R18).
    const clientId = nextClientId()
    const sent = await eventually("A to hold bob's setting and send", () =>
      A.client.send(alice.id, { to: bob.id, text: 'after the restart', clientId }).catch(() => undefined),
    )
    await eventually('bob has the message', async () => {
      const convs = (await B.client.conversations(bob.id)).conversations
      return convs.find((x) => x.id === sent.conversationId)
    })
  })
})
