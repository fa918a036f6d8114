// One peer's replication link: a loop that pushes our events to it as they are committed,
// pulls its events after start-up and every few seconds when idle (which also tells whether
// it is up), and backs off while it cannot be reached. The durable outbox is simply our log:
// the peer's acknowledged cursor says what is still owed, so nothing waits in memory.
import { crashPoint } from '../lib/crash-point'
import type { Logger } from '../lib/logger'
import type { RemoteEvent, Store } from '../store'
import type { PeerBook, PeerRecord } from './peer-book'
import type { Router } from './outbox'
import { outbox } from './outbox'
import { PeerRefused } from './transport'
import type { HelloBody, HelloReply, PullReply, PushBody, PushReply } from './wire'
import { PEER_BASE } from './wire'

export const BATCH = 200
const IDLE_PULL_MS = 5_000
const MAX_BACKOFF_MS = 4_000
const REVOKED_BACKOFF_MS = 30_000
/** How long a send waits for the recipient's home before answering "pending". */
export const FLUSH_WAIT_MS = 3_000

export interface LinkHost {
  store: Store
  book: PeerBook
  router: Router
  logger: Logger
  self(): HelloBody
  call<T>(peer: PeerRecord, method: 'GET' | 'POST', path: string, body: unknown, signal: AbortSignal): Promise<T>
  /** Applies a batch of the peer's events and moves our cursor of its log (one batch at a time per peer). */
  receive(peerId: string, after: number, upTo: number, events: unknown[]): Promise<{ cursor: number }>
  /** Imports the peer's verdicts on our messages, carried by a push reply. */
  importVerdicts(peerId: string, events: RemoteEvent[]): Promise<void>
  /** Takes in what the peer knows of the network (its pull replies carry it). */
  heardMap(map: unknown): void
  /** Test hook: events from this peer are not taken in for now (docs/SYNC.md "Testing"). */
  held(peerId: string): 'events' | 'all' | null
}

interface Waiter {
  seq: number
  done: () => void
}

export class PeerLink {
  online = false
  lastSeenAt: number | null = null
  lastError: string | null = null
  private failures = 0
  private revoked = false
  private stopped = false
  private needHello = true
  private needPull = true
  private lastPullAt = 0
  /** Nothing of ours for this peer in (acked, scanFrom]: the next scan starts there. */
  private scanFrom = 0
  private woken = false
  /** The peer reached us since we last slept: even a backoff ends at once. */
  private contacted = false
  private inBackoff = false
  private wakeUp: (() => void) | null = null
  private readonly waiters = new Set<Waiter>()
  private readonly abort = new AbortController()
  private running: Promise<void> = Promise.resolve()

  constructor(
    private readonly host: LinkHost,
    readonly peerId: string,
  ) {}

  start(): void {
    this.running = this.loop()
  }

  /** Something was committed: push it now (a link backing off keeps to its schedule). */
  wake(): void {
    this.woken = true
    if (!this.inBackoff) {
      this.wakeUp?.()
    }
  }

  /** The peer reached us, so it is up: retry whatever failed right away. */
  heard(): void {
    this.lastSeenAt = Date.now()
    if (this.failures > 0) {
      this.needHello = true
      this.contacted = true
      this.wakeUp?.()
    }
  }

  /** Pull the peer's events at the next chance (a test hold was lifted). */
  pullSoon(): void {
    this.needPull = true
    this.contacted = true
    this.wakeUp?.()
  }

  /** Resolves once our log up to `seq` is with the peer, or it cannot be reached, or after a short wait. */
  flush(seq: number): Promise<void> {
    if (this.failures > 0 || this.stopped) {
      return Promise.resolve()
    }
    if (this.settledUpTo() >= seq) {
      return Promise.resolve()
    }
    return new Promise((resolve) => {
      const waiter: Waiter = { seq, done: () => (clearTimeout(timer), this.waiters.delete(waiter), resolve()) }
      const timer = setTimeout(waiter.done, FLUSH_WAIT_MS)
      this.waiters.add(waiter)
      this.wake()
    })
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.abort.abort()
    this.wakeUp?.()
    await this.running
    for (const w of [...this.waiters]) {
      w.done()
    }
  }

  status(): { online: boolean; lastSeenAt: string | null; lastError: string | null } {
    return {
      online: this.online,
      lastSeenAt: this.lastSeenAt === null ? null : new Date(this.lastSeenAt).toISOString(),
      lastError: this.lastError,
    }
  }

  private get peer(): PeerRecord | undefined {
    return this.host.book.get(this.peerId)
  }

  private settledUpTo(): number {
    return Math.max(this.peer?.acked ?? 0, this.scanFrom)
  }

  private async loop(): Promise<void> {
    while (!this.stopped && this.peer) {
      try {
        if (this.needHello) {
          await this.hello()
        }
        // A busy link (always woken by new events) still pulls now and then: the pull's answer
        // carries the peer's network map, and doubles as a check that nothing was missed.
        if (Date.now() - this.lastPullAt > IDLE_PULL_MS) {
          this.needPull = true
        }
        if (this.needPull && this.host.held(this.peerId) === null) {
          await this.pullAll()
        }
        const sent = await this.pushOnce()
        this.succeeded()
        if (!sent && !(await this.sleep(IDLE_PULL_MS))) {
          this.needPull = true
        }
      } catch (err) {
        if (this.stopped) {
          break
        }
        this.failed(err)
        this.inBackoff = true
        await this.sleep(this.backoff())
        this.inBackoff = false
      }
    }
  }

  private async hello(): Promise<void> {
    const reply = await this.host.call<HelloReply>(this.peer!, 'POST', `${PEER_BASE}/hello`, this.host.self(), this.abort.signal)
    await this.host.book.setAddress(this.peerId, { name: reply.name, url: reply.url, peerUrl: reply.peerUrl })
    // The peer says how far it holds our log: resume from there (it may even be behind us).
    await this.host.book.setCursors(this.peerId, { acked: reply.cursor })
    this.scanFrom = reply.cursor
    this.needHello = false
  }

  private async pullAll(): Promise<void> {
    for (;;) {
      const from = this.peer!.pulled
      const page = await this.host.call<PullReply>(this.peer!, 'GET', `${PEER_BASE}/events?after=${from}&limit=${BATCH}`, undefined, this.abort.signal)
      this.host.heardMap(page.map)
      if (page.events.length > 0) {
        crashPoint('sync:pull-fetched')
      }
      const { cursor } = await this.host.receive(this.peerId, from, page.upTo, page.events)
      if (page.upTo >= page.head || cursor <= from || this.stopped) {
        break
      }
    }
    this.needPull = false
    this.lastPullAt = Date.now()
  }

  /** Sends the next batch of what the peer is owed; false when nothing was owed. */
  private async pushOnce(): Promise<boolean> {
    const peer = this.peer!
    this.woken = false
    const batch = outbox(this.host.store, this.host.router, this.peerId, Math.max(peer.acked, this.scanFrom), BATCH)
    if (batch.events.length === 0) {
      this.scanFrom = Math.max(this.scanFrom, batch.upTo)
      this.settle()
      return false
    }
    const body: PushBody = { after: peer.acked, upTo: batch.upTo, events: batch.events }
    const reply = await this.host.call<PushReply>(peer, 'POST', `${PEER_BASE}/events`, body, this.abort.signal)
    if (this.host.held(this.peerId) !== 'all') {
      await this.host.importVerdicts(this.peerId, reply.verdicts)
    }
    // A waiting send has its answer now; saving the cursor can follow (a lost one only means a resend).
    this.scanFrom = reply.cursor
    this.settle(reply.cursor)
    void this.host.book.setCursors(this.peerId, { acked: reply.cursor })
    return true
  }

  private settle(upTo = this.settledUpTo()): void {
    for (const w of [...this.waiters]) {
      if (w.seq <= upTo) {
        w.done()
      }
    }
  }

  private succeeded(): void {
    if (this.failures > 0) {
      this.host.logger.info('peer reachable again', { peer: this.peerId })
    }
    this.failures = 0
    this.revoked = false
    this.online = true
    this.lastSeenAt = Date.now()
    this.lastError = null
  }

  private failed(err: unknown): void {
    if (this.failures === 0) {
      this.host.logger.warn('peer unreachable; will retry', { peer: this.peerId, error: String(err) })
    }
    this.failures++
    this.online = false
    this.revoked = err instanceof PeerRefused && err.status === 401
    this.lastError = this.revoked ? 'The peer no longer accepts this node (was it unpaired there?).' : err instanceof Error ? err.message : String(err)
    this.needHello = true
    this.needPull = true
    for (const w of [...this.waiters]) {
      w.done()
    }
  }

  /** 250 ms doubling to a few seconds, so a returning peer gets its backlog within seconds. */
  private backoff(): number {
    if (this.revoked) {
      return REVOKED_BACKOFF_MS
    }
    return Math.min(MAX_BACKOFF_MS, 250 * 2 ** (this.failures - 1)) + Math.floor(Math.random() * 250)
  }

  /** True when woken before `ms` passed. */
  private sleep(ms: number): Promise<boolean> {
    if (this.stopped) {
      return Promise.resolve(true)
    }
    if (this.contacted || (this.woken && !this.inBackoff)) {
      this.contacted = false
      this.woken = false
      return Promise.resolve(true)
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wakeUp = null
        resolve(false)
      }, ms)
      this.wakeUp = () => {
        clearTimeout(timer)
        this.wakeUp = null
        this.contacted = false
        resolve(true)
      }
    })
  }
}
