// Refuses a signed peer request played a second time (docs/SECURITY.md "LAN peers"): its
// timestamp must lie within the skew window of this node's clock, and its nonce must not
// have been seen within that window. The memory is bounded: when full, the oldest nonce is
// forgotten and its timestamp becomes a floor every later request must be newer than, so a
// forgotten nonce can never be replayed either.

/** How far a peer's clock may be from ours: computers on a LAN keep time within seconds. */
export const SKEW_WINDOW_MS = 5 * 60_000
/** Nonces kept at most (about 4 MB): ~160 requests/s for the whole window before the floor rises. */
export const MAX_NONCES = 50_000

export type ReplayVerdict = 'fresh' | 'replayed' | 'skewed'

export class ReplayGuard {
  /** `peer nonce` → the request's timestamp; a Map keeps insertion order for the eviction. */
  private readonly seen = new Map<string, number>()
  /** Every request must be newer than this (raised when a nonce is forgotten for room). */
  private floor = -Infinity

  constructor(
    private readonly windowMs = SKEW_WINDOW_MS,
    private readonly capacity = MAX_NONCES,
    private readonly now: () => number = Date.now,
  ) {}

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
