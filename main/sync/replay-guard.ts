// Refuses a signed peer request played a second time (docs/SECURITY.md "LAN peers"): its
// timestamp must lie within the skew window of this node's clock, and its nonce must not
// have been seen within that window. The memory is bounded: when full, the oldest nonce is
// forgotten and its timestamp becomes a floor every later request must be newer than, so a
// forgotten nonce can never be replayed either. A node's guard (ReplayGuard.open) survives a
// restart: its floor starts at the node's start, and the nonces stamped ahead of its clock are
// kept on disk (ahead-nonces.ts; docs/SECURITY.md "Replay across a restart").
import { join } from 'node:path'
import { AheadNonces } from './ahead-nonces'

/** How far a peer's clock may be from ours: computers on a LAN keep time within seconds. */
export const SKEW_WINDOW_MS = 5 * 60_000
/** Nonces kept at most (about 4 MB): ~160 requests/s for the whole window before the floor rises. */
export const MAX_NONCES = 50_000

export type ReplayVerdict = 'fresh' | 'replayed' | 'skewed'

/** What a node's guard brings from before its start. */
export interface GuardStart {
  /** The node's start (ms): a request stamped at or before it was signed before this run. */
  floor: number
  /** Nonces stamped ahead of the clock: kept on disk, and the ones of the last run still ahead. */
  ahead: AheadNonces
}

/** The file of nonces stamped ahead of the clock, in the node's data folder. */
export const AHEAD_NONCES_FILE = 'peer-nonces-ahead.log'

export class ReplayGuard {
  /** `peer nonce` → the request's timestamp; a Map keeps insertion order for the eviction. */
  private readonly seen = new Map<string, number>()
  /** Every request must be newer than this (the node's start, raised when a nonce is forgotten for room). */
  private floor = -Infinity
  private readonly ahead: AheadNonces | null = null

  constructor(
    private readonly windowMs = SKEW_WINDOW_MS,
    private readonly capacity = MAX_NONCES,
    private readonly now: () => number = Date.now,
    start?: GuardStart,
  ) {
    if (start) {
      this.floor = start.floor
      this.ahead = start.ahead
      for (const { peerId, nonce, timestamp } of start.ahead.kept) {
        this.seen.set(`${peerId} ${nonce}`, timestamp)
      }
    }
  }

  /** The guard of a node starting now on `dataDir`: nothing signed before this moment is admitted, nor a nonce already seen ahead of the clock. */
  static open(dataDir: string, now: () => number = Date.now): ReplayGuard {
    const floor = now()
    return new ReplayGuard(SKEW_WINDOW_MS, MAX_NONCES, now, { floor, ahead: AheadNonces.open(join(dataDir, AHEAD_NONCES_FILE), floor) })
  }

  /** Checks one request whose signature is already verified, and remembers its nonce. */
  admit(peerId: string, timestampText: string, nonce: string): ReplayVerdict {
    const now = this.now()
    const timestamp = /^\d{1,15}$/.test(timestampText) ? Number(timestampText) : NaN
    if (!Number.isFinite(timestamp) || Math.abs(now - timestamp) > this.windowMs) {
      return 'skewed'
    }
    const key = `${peerId} ${nonce}`
    if (timestamp <= this.floor || this.seen.has(key)) {
      return 'replayed'
    }
    // Stamped ahead of our clock: a restart's floor (its start) might not cover it, so it is
    // written down first (a failed write refuses the request: the peer signs a new one later).
    if (this.ahead && timestamp > now) {
      this.ahead.record({ peerId, nonce, timestamp }, now)
    }
    this.forgetExpired(now)
    while (this.seen.size >= this.capacity) {
      const [oldest, at] = this.seen.entries().next().value as [string, number]
      this.seen.delete(oldest)
      this.floor = Math.max(this.floor, at)
    }
    this.seen.set(key, timestamp)
    return 'fresh'
  }

  get size(): number {
    return this.seen.size
  }

  /** A nonce older than the window needs no memory: its timestamp alone is refused now. */
  private forgetExpired(now: number): void {
    for (const [key, at] of this.seen) {
      if (now - at <= this.windowMs) {
        // Insertion order is roughly time order; an older straggler behind goes on the next pass.
        return
      }
      this.seen.delete(key)
      // Also a floor: should this clock step back, the forgotten nonce stays refused.
      this.floor = Math.max(this.floor, at)
    }
  }
}
