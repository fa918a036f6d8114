// The peer protocol's messages (docs/SYNC.md "Replication"). All under /api/v1/peer on the
// HTTPS listener; every request but `pair` is signed with the pair's shared secret.
import type { RemoteEvent } from '../store'
import type { NodeReport } from './network-map'
import type { PairingParty } from './proofs'

export const PEER_BASE = '/api/v1/peer'

/** POST pair: the caller proves it knows the code shown by the target. */
export interface PairRequest {
  caller: PairingParty
  proof: string
}
export interface PairReply {
  target: PairingParty
  secret: string
  proof: string
}

/** POST hello: "I am (back) here"; answered with the responder's own address. */
export interface HelloBody {
  name: string
  url: string
  peerUrl: string
}
export interface HelloReply extends HelloBody {
  /** How far the responder holds the caller's log: where the caller resumes pushing. */
  cursor: number
}

/** POST events: the caller pushes its events for the responder, (after, upTo] of its log. */
export interface PushBody {
  after: number
  upTo: number
  events: RemoteEvent[]
}
export interface PushReply {
  /** How far the responder now holds the caller's log. Below `after` means: resend from here. */
  cursor: number
  /** The responder's verdicts on messages in the batch. */
  verdicts: RemoteEvent[]
}

/** GET events?after=N&limit=M: the caller pulls the responder's events for it. */
export interface PullReply {
  events: RemoteEvent[]
  /** The last of the responder's seqs this page accounts for. */
  upTo: number
  /** The responder's newest durable seq: more to pull while upTo < head. */
  head: number
  /** What the responder knows of the network (main/sync/network-map.ts); informative only. */
  map?: NodeReport[]
}
