// Taking in a peer's batch of events: one batch at a time per peer, and only one that starts
// within what we hold of its log, so our cursor of that log moves in order.
import type { Domain } from '../domain/domain'
import { DomainError } from '../domain/errors'
import { crashPoint } from '../lib/crash-point'
import type { Logger } from '../lib/logger'
import { applyPeerEvents } from './apply-peer-events'
import type { PeerBook } from './peer-book'
import type { PushReply } from './wire'

export type HoldScope = 'events' | 'all'

export class BatchReceiver {
  private readonly queues = new Map<string, Promise<unknown>>()

  constructor(
    private readonly domain: Domain,
    private readonly logger: Logger,
    private readonly book: PeerBook,
    /** Test hook: peers whose events are not taken in for now (docs/SYNC.md "Testing"). */
    private readonly holds: ReadonlyMap<string, HoldScope>,
  ) {}

  /** Runs one job at a time per peer: its batches must move our cursor of its log in order. */
  private serial<T>(peerId: string, job: () => Promise<T>): Promise<T> {
    const run = (this.queues.get(peerId) ?? Promise.resolve()).then(job)
    this.queues.set(
      peerId,
      run.catch(() => undefined),
    )
    return run
  }

  /** Takes in a batch of the peer's events that starts within what we hold of its log. */
  receive(peerId: string, after: number, upTo: number, events: unknown[]): Promise<PushReply> {
    return this.serial(peerId, async () => {
      const held = this.book.get(peerId)?.pulled ?? 0
      if (after > held) {
        return { cursor: held, verdicts: [] }
      } // a gap: the peer resends from our cursor
      // Test hook: a held node's events must not slip in through a relay either. The batch
      // cannot be split (a relayed copy has no seq of the relay's), so it waits whole.
      if (this.holds.size > 0 && events.some((e) => this.holds.has((e as { origin?: string } | null)?.origin ?? ''))) {
        throw new DomainError(503, 'HELD', 'Events of a node on hold here arrived through a relay; try again later.')
      }
      const { verdicts, origins } = await applyPeerEvents(this.domain, this.logger, peerId, events)
      if (events.length > 0) {
        // A pulled or pushed batch applied (durably: applyPeerEvents waits for it), the cursor not yet moved.
        crashPoint('sync:batch-applied')
      }
      await this.book.learnRoutes(peerId, origins)
      const cursor = Math.max(this.book.get(peerId)?.pulled ?? 0, upTo)
      // Not waited for: the peer learns the cursor from this answer (see setCursors).
      void this.book.setCursors(peerId, { pulled: cursor })
      return { cursor, verdicts }
    })
  }
}
