// The HTTPS listener for peers: only /api/v1/peer/* lives here. Every route but `pair` needs
// a request signed with the pair's secret; an unknown or unpaired node gets 401.
import { Hono } from 'hono'
import type { Logger } from '../lib/logger'
import { makeErrorHandler, sendError } from '../http/errors'
import { tokensEqual } from '../lib/tokens'
import { peerBodyText, sizeLimit } from './peer-body'
import type { PeerRecord } from './peer-book'
import { NODE_HEADER, NONCE_HEADER, SIGNATURE_HEADER, signRequest, TIMESTAMP_HEADER } from './proofs'
import { ReplayGuard, SKEW_WINDOW_MS } from './replay-guard'
import type { HelloBody, HelloReply, PairReply, PullReply, PushReply } from './wire'
import { PEER_BASE } from './wire'

export interface PeerHandlers {
  logger: Logger
  peer(id: string): PeerRecord | undefined
  acceptPairing(body: unknown): Promise<PairReply>
  /** A paired node reached us (signature checked). */
  heard(peerId: string): void
  hello(peerId: string, body: HelloBody): Promise<HelloReply>
  pull(peerId: string, after: number, limit: number): Promise<PullReply>
  push(peerId: string, after: number, upTo: number, events: unknown[]): Promise<PushReply>
  unpaired(peerId: string): Promise<void>
  held(peerId: string): boolean
  /** Remembers the nonces of signed requests (a fresh one per listener when omitted). */
  replays?: ReplayGuard
}

type Env = { Variables: { peerId: string; body: unknown } }

const seq = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null)

export function createPeerApp(h: PeerHandlers): Hono<Env> {
  const app = new Hono<Env>()
  const replays = h.replays ?? new ReplayGuard()
  app.onError(makeErrorHandler(h.logger))
  app.notFound((c) => sendError(c, 404, 'NOT_FOUND', `There is no ${c.req.method} ${c.req.path} for peers.`))
  app.use('*', sizeLimit)

  app.post(`${PEER_BASE}/pair`, async (c) => {
    const body: unknown = await c.req.json().catch(() => null)
    return c.json(await h.acceptPairing(body), 200)
  })

  app.use(`${PEER_BASE}/*`, async (c, next) => {
    const unpaired = () => sendError(c, 401, 'PEER_UNAUTHORIZED', 'This node is not paired with the sender (or no longer is).')
    const peer = h.peer(c.req.header(NODE_HEADER) ?? '')
    // A stranger's body is not even read.
    if (!peer) {
      return unpaired()
    }
    const raw = await peerBodyText(c)
    if (raw instanceof Response) {
      return raw
    }
    const url = new URL(c.req.url)
    const timestamp = c.req.header(TIMESTAMP_HEADER) ?? ''
    const nonce = c.req.header(NONCE_HEADER) ?? ''
    const expected = signRequest(peer.secret, c.req.method, url.pathname + url.search, raw, timestamp, nonce)
    // No timestamp or nonce (a version before replay protection) cannot match either.
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(nonce) || !tokensEqual(c.req.header(SIGNATURE_HEADER) ?? '', expected)) {
      return unpaired()
    }
    // Only after the signature: a stranger cannot fill the nonce memory.
    const verdict = replays.admit(peer.id, timestamp, nonce)
    if (verdict === 'skewed') {
      return sendError(
        c,
        403,
        'PEER_CLOCK_SKEW',
        `The request's time is more than ${SKEW_WINDOW_MS / 60_000} minutes away from this computer's clock; check both computers' date and time.`,
      )
    }
    if (verdict === 'replayed') {
      return sendError(
        c,
        403,
        'PEER_REPLAYED',
        'This signed request was already received once, or was signed before this node last started; a peer signs each request afresh, so it is refused.',
      )
    }
    let body: unknown
    try {
      body = raw ? JSON.parse(raw) : undefined
    } catch {
      return sendError(c, 400, 'INVALID_INPUT', 'The request body is not valid JSON.')
    }
    c.set('peerId', peer.id)
    c.set('body', body)
    h.heard(peer.id)
    return next()
  })

  app.post(`${PEER_BASE}/hello`, async (c) => {
    const b = c.get('body') as Partial<HelloBody> | undefined
    if (typeof b?.name !== 'string' || typeof b.url !== 'string' || typeof b.peerUrl !== 'string' || !b.peerUrl.startsWith('https://')) {
      return sendError(c, 400, 'INVALID_INPUT', 'hello needs name, url and an https peerUrl.')
    }
    return c.json(await h.hello(c.get('peerId'), { name: b.name.slice(0, 100), url: b.url.slice(0, 300), peerUrl: b.peerUrl.slice(0, 300) }), 200)
  })

  app.get(`${PEER_BASE}/events`, async (c) => {
    const after = seq(Number(c.req.query('after') ?? 'x'))
    const limit = Math.min(seq(Number(c.req.query('limit') ?? 200)) ?? 200, 1000)
    if (after === null) {
      return sendError(c, 400, 'INVALID_INPUT', 'after must be a seq (0 or more).')
    }
    return c.json(await h.pull(c.get('peerId'), after, Math.max(limit, 1)), 200)
  })

  app.post(`${PEER_BASE}/events`, async (c) => {
    const peerId = c.get('peerId')
    // Test hook (docs/SYNC.md "Testing"): events from a held peer are not taken in; it retries.
    if (h.held(peerId)) {
      return sendError(c, 503, 'HELD', 'Events from this node are on hold here; try again later.')
    }
    const b = c.get('body') as { after?: unknown; upTo?: unknown; events?: unknown } | undefined
    const after = seq(b?.after)
    const upTo = seq(b?.upTo)
    if (after === null || upTo === null || upTo < after || !Array.isArray(b?.events) || b.events.length > 1000) {
      return sendError(c, 400, 'INVALID_INPUT', 'A push is {after, upTo, events[]} with after <= upTo.')
    }
    return c.json(await h.push(peerId, after, upTo, b.events), 200)
  })

  app.post(`${PEER_BASE}/unpair`, async (c) => {
    await h.unpaired(c.get('peerId'))
    return c.json({ unpaired: true }, 200)
  })

  return app
}
