// Pairing, both halves (docs/API.md "Peers", docs/SYNC.md "Pairing"). The caller is the node a
// person typed the other's address and code into; the target is the node showing the code.
import { z } from 'zod'
import { DomainError } from '../domain/errors'
import { tokensEqual } from '../lib/tokens'
import { normalizeFingerprint } from './identity'
import type { PeerBook, PeerRecord } from './peer-book'
import type { PairingCodes } from './pairing-codes'
import { normalizeCode } from './pairing-codes'
import type { PairingParty } from './proofs'
import { ackProof, newSecret, pairingKey, pairProof } from './proofs'
import { PeerRefused, PeerUntrusted, peerRequest } from './transport'
import type { PairReply, PairRequest } from './wire'
import { PEER_BASE } from './wire'

const partySchema = z.object({
  // Node ids are made as "n_" + hex; anything else (e.g. "__proto__") is not a node.
  nodeId: z.string().regex(/^n_[A-Za-z0-9]{1,64}$/),
  name: z.string().max(100),
  url: z.string().max(300),
  peerUrl: z.string().regex(/^https:\/\//).max(300),
  fingerprint: z.string().transform((f, ctx) => normalizeFingerprint(f) ?? (ctx.addIssue({ code: 'custom', message: 'bad fingerprint' }), z.NEVER)),
})
const pairRequestSchema = z.object({ caller: partySchema, proof: z.string().regex(/^[0-9a-f]{64}$/) })
const pairReplySchema = z.object({ target: partySchema, secret: z.string().min(32).max(200), proof: z.string().regex(/^[0-9a-f]{64}$/) })

const failed = (message: string) => new DomainError(400, 'PAIRING_FAILED', message)

export interface PairingContext {
  self(): PairingParty
  book: PeerBook
  codes: PairingCodes
  now(): Date
}

/** GET {url}/api/v1/peer-info over the plain API: who is there, and which certificate to pin. */
async function fetchPeerInfo(url: string): Promise<PairingParty> {
  let body: unknown
  try {
    const res = await fetch(`${url}/api/v1/peer-info`, { signal: AbortSignal.timeout(5_000) })
    if (!res.ok) {
      throw new Error(`it answered ${res.status}`)
    }
    body = await res.json()
  } catch (err) {
    throw new DomainError(502, 'PEER_UNREACHABLE', `No Envelope node answered at ${url} (${(err as Error).message}).`)
  }
  const parsed = partySchema.safeParse(body)
  if (!parsed.success) {
    throw new DomainError(502, 'PEER_UNREACHABLE', `The node at ${url} did not describe itself as an Envelope node does.`)
  }
  return parsed.data
}

/** The caller's half: ends with the peer stored on both sides, or throws with a clear code. */
export async function pairWith(ctx: PairingContext, rawUrl: string, rawCode: string): Promise<PeerRecord> {
  const url = rawUrl.trim().replace(/\/+$/, '')
  const me = ctx.self()
  const info = await fetchPeerInfo(url)
  if (info.nodeId === me.nodeId) {
    throw new DomainError(400, 'CANNOT_PAIR_WITH_SELF', 'That address is this node itself.')
  }
  if (ctx.book.get(info.nodeId)) {
    throw new DomainError(409, 'ALREADY_PAIRED', `This node is already paired with "${info.name}".`, { peer: info.nodeId })
  }
  const key = await pairingKey(normalizeCode(rawCode))
  const request: PairRequest = { caller: me, proof: pairProof(key, info.fingerprint, me) }
  let raw: unknown
  try {
    raw = await peerRequest<unknown>(info, { method: 'POST', path: `${PEER_BASE}/pair`, body: request, timeoutMs: 10_000 })
  } catch (err) {
    if (err instanceof PeerRefused && err.code === 'PAIRING_FAILED') {
      throw failed(err.message)
    }
    if (err instanceof PeerUntrusted) {
      throw new DomainError(502, 'PEER_UNTRUSTED', `The node's certificate does not match the fingerprint it announced: refusing to pair. ${err.message}`)
    }
    if (err instanceof PeerRefused) {
      throw new DomainError(502, 'PEER_ERROR', `The other node refused: ${err.message}`)
    }
    throw new DomainError(502, 'PEER_UNREACHABLE', `The other node's peer endpoint cannot be reached (${(err as Error).message}).`)
  }
  const reply = pairReplySchema.safeParse(raw)
  if (!reply.success) {
    throw failed('The other node answered the pairing in an unexpected form.')
  }
  const { target, secret, proof } = reply.data
  // Its answer must come from the node that showed the code, about the node we pinned.
  if (target.nodeId !== info.nodeId || target.fingerprint !== info.fingerprint || !tokensEqual(proof, ackProof(key, target, me, secret))) {
    throw failed('The other node could not prove it knows the pairing code: the connection may have been tampered with.')
  }
  const record: PeerRecord = {
    id: target.nodeId,
    name: target.name,
    url,
    peerUrl: info.peerUrl,
    fingerprint: target.fingerprint,
    secret,
    pairedAt: ctx.now().toISOString(),
    acked: 0,
    pulled: 0,
  }
  await ctx.book.put(record)
  return record
}

/** The target's half (POST /api/v1/peer/pair on the HTTPS listener). */
export async function acceptPairing(ctx: PairingContext, body: unknown): Promise<{ reply: PairReply; record: PeerRecord }> {
  const parsed = pairRequestSchema.safeParse(body)
  if (!parsed.success) {
    throw failed('The pairing request is not valid.')
  }
  const { caller, proof } = parsed.data
  const me = ctx.self()
  if (caller.nodeId === me.nodeId) {
    throw failed('A node cannot pair with itself.')
  }
  const code = ctx.codes.candidate()
  if (!code) {
    throw failed('No pairing code is on offer here, or it expired: ask this node for a new one.')
  }
  const key = await pairingKey(code)
  if (!tokensEqual(proof, pairProof(key, me.fingerprint, caller))) {
    await ctx.codes.fail(code)
    throw failed('The pairing code is wrong, or the connection between the nodes was tampered with.')
  }
  // Checked again after the key stretch: two requests with one code must not both win.
  if (ctx.codes.candidate() !== code) {
    throw failed('This pairing code was just used.')
  }
  await ctx.codes.consume(code)
  const secret = newSecret()
  const earlier = ctx.book.get(caller.nodeId)
  const record: PeerRecord = {
    id: caller.nodeId,
    name: caller.name,
    url: caller.url,
    peerUrl: caller.peerUrl,
    fingerprint: caller.fingerprint,
    secret,
    pairedAt: ctx.now().toISOString(),
    // Pairing again (the caller lost its record): we still hold its log; it gets all of ours.
    acked: 0,
    pulled: earlier?.pulled ?? 0,
  }
  await ctx.book.put(record)
  return { reply: { target: me, secret, proof: ackProof(key, me, caller, secret) }, record }
}
