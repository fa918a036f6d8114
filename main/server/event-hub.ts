// The live event fan-out behind GET /api/v1/events. Each durable event is presented and
// serialised once; the same bytes go to every open stream whose filter it passes, in one
// write per stream per group commit (the sends acknowledged together). Streams are routed by
// account (account -> streams), so an event for two accounts touches their streams only. A
// stream that falls more than MAX_BUFFERED bytes behind is cut: its client reconnects with
// Last-Event-ID and catches up from the log, so a slow reader never holds the others up and
// the node never buffers without bound.
import type { ServerResponse } from 'node:http'
import type { LogEvent, Store } from '../store'
import { StoreCorruptError } from '../store/log'
import { eventFrame } from './event-frame'
import { eventAudience } from './present'

/** Bytes a stream may have waiting in its socket before it is cut (it resumes by id). */
export const MAX_BUFFERED = 1024 * 1024
/** While catching up, a stream waits for its socket to drain above this. */
const CATCH_UP_HIGH_WATER = 64 * 1024
const CATCH_UP_CHUNK = 500
const HEARTBEAT_MS = 15_000
/** Recent frames kept so reconnecting streams do not present the same events again (a power of two: a ring indexed by seq). */
const RECENT_FRAMES = 4096
const KEEP_ALIVE = Buffer.from(': keep-alive\n\n')
const NONE: ReadonlySet<never> = new Set()

/** An event as it goes on the wire: its bytes (null when clients must not see it) and who may see it. */
interface Frame {
  seq: number
  bytes: Buffer | null
  /** Account ids the event concerns; null: every stream. */
  audience: readonly string[] | null
}

interface Subscriber {
  res: ServerResponse
  /** Only events concerning these accounts; null: all. */
  accounts: ReadonlySet<string> | null
  /** Highest seq this stream has been given (or skipped as not for it). */
  sent: number
  /** False while catching up from the log; the broadcast then leaves it alone. */
  live: boolean
  /** Frames gathered for it by the broadcast in progress. */
  batch: Buffer[]
}

export interface OpenStream {
  res: ServerResponse
  resumeFrom: number | null
  accounts: ReadonlySet<string> | null
  headers: Record<string, string>
}

export class EventHub {
  private readonly subscribers = new Set<Subscriber>()
  /** Streams narrowed to some accounts, by account; streams of every account are in `everyAccount`. */
  private readonly byAccount = new Map<string, Set<Subscriber>>()
  private readonly everyAccount = new Set<Subscriber>()
  /** Streams with frames gathered and not yet written (reused: no allocation per event). */
  private readonly touched: Subscriber[] = []
  /** Set while a write of the gathered frames is queued. */
  private writeQueued = false
  private readonly writeGatheredSoon = () => this.writeGathered()
  /** Recent frames by seq modulo RECENT_FRAMES; a slot holds whichever seq came last. */
  private readonly recent: (Frame | undefined)[] = new Array<Frame | undefined>(RECENT_FRAMES)
  private recentHeld = false
  private heartbeat: NodeJS.Timeout | null = null
  private readonly unsubscribe: () => void

  constructor(private readonly store: Store) {
    this.unsubscribe = store.subscribe((records) => this.broadcast(records))
  }

  get size(): number {
    return this.subscribers.size
  }

  /** Starts a stream on a raw response: a `ready` event naming the position, the missed events, then live ones. */
  open({ res, resumeFrom, accounts, headers }: OpenStream): void {
    const store = this.store
    // An id beyond this node's log comes from another data folder (reset or restored):
    // start from now and say so, rather than wait silently for the log to catch up.
    const reset = resumeFrom !== null && resumeFrom > store.durableSeq
    const start = resumeFrom === null || reset ? store.durableSeq : resumeFrom
    const sub: Subscriber = { res, accounts, sent: start, live: false, batch: [] }
    // No chunked framing: the body simply runs until the connection closes, so each write is
    // one socket write instead of four (size, CRLF, data, CRLF). With 200 streams those
    // queued writes were most of what the node's heap promoted and later collected.
    res.removeHeader('Transfer-Encoding')
    res.writeHead(200, { ...headers, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'close' })
    res.write(`id: ${start}\nevent: ready\nretry: 2000\ndata: ${JSON.stringify({ type: 'ready', seq: start, reset })}\n\n`)
    this.add(sub)
    res.on('close', () => this.remove(sub))
    this.ensureHeartbeat()
    void this.catchUp(sub).catch((err: unknown) => this.fail(sub, err))
  }

  /**
   * Catching up read a damaged segment (or failed otherwise): the stream is told why in an
   * `error` event and ended, rather than the failure going unhandled and stopping the node.
   */
  private fail(sub: Subscriber, err: unknown): void {
    this.remove(sub)
    const message =
      err instanceof StoreCorruptError ? `A file in the node's data folder is damaged (${err.file}): ${err.problem}.` : 'The node could not read its event log.'
    const code = err instanceof StoreCorruptError ? 'STORAGE_DAMAGED' : 'INTERNAL'
    if (!sub.res.destroyed) {
      sub.res.end(`event: error\ndata: ${JSON.stringify({ type: 'error', code, message })}\n\n`)
    }
  }

  /** Sends what the stream missed, from the log, then hands it to the broadcast. */
  private async catchUp(sub: Subscriber): Promise<void> {
    while (!sub.res.destroyed) {
      const events = this.store.eventsAfter(sub.sent, CATCH_UP_CHUNK)
      if (events.length === 0) {
        // Nothing between here and the broadcast: from now on every new event reaches it.
        sub.live = true
        return
      }
      const out: Buffer[] = []
      for (const event of events) {
        const frame = this.frameOf(event)
        if (frame.bytes && this.wants(sub, frame)) {
          out.push(frame.bytes)
        }
        sub.sent = event.seq
      }
      if (out.length > 0 && !sub.res.write(Buffer.concat(out)) && sub.res.writableLength > CATCH_UP_HIGH_WATER) {
        await new Promise<void>((resolve) => {
          const done = () => (sub.res.off('drain', done), sub.res.off('close', done), resolve())
          sub.res.on('drain', done).on('close', done)
        })
      }
    }
  }

  private add(sub: Subscriber): void {
    this.subscribers.add(sub)
    if (!sub.accounts) {
      this.everyAccount.add(sub)
      return
    }
    for (const id of sub.accounts) {
      let streams = this.byAccount.get(id)
      if (!streams) {
        streams = new Set()
        this.byAccount.set(id, streams)
      }
      streams.add(sub)
    }
  }

  private remove(sub: Subscriber): void {
    this.subscribers.delete(sub)
    this.everyAccount.delete(sub)
    for (const id of sub.accounts ?? []) {
      const streams = this.byAccount.get(id)
      if (streams?.delete(sub) && streams.size === 0) {
        this.byAccount.delete(id)
      }
    }
  }

  /**
   * One commit's events to the live streams they concern: each frame is added to the batch of
   * each stream its audience routes to (every stream when it has none). A stream gets an event
   * at most once even when it follows two accounts of it. The batches are written in a
   * microtask: the store hears of each send's commit separately, but a group commit
   * acknowledges its sends in one go, so one write per stream carries the whole group (under
   * 64 sends in flight, about one write for 10-20 events instead of one each).
   */
  private broadcast(records: LogEvent[]): void {
    if (this.subscribers.size === 0) {
      if (this.recentHeld) {
        // Nobody listens: let the frames go (a reconnect presents them again).
        this.recent.fill(undefined)
        this.recentHeld = false
      }
      return
    }
    for (const event of records) {
      const frame = this.frameOf(event)
      if (!frame.bytes) {
        continue
      }
      if (frame.audience === null) {
        for (const sub of this.subscribers) {
          this.gather(sub, event.seq, frame.bytes)
        }
        continue
      }
      for (const sub of this.everyAccount) {
        this.gather(sub, event.seq, frame.bytes)
      }
      for (const id of frame.audience) {
        for (const sub of this.byAccount.get(id) ?? NONE) {
          this.gather(sub, event.seq, frame.bytes)
        }
      }
    }
    if (this.touched.length > 0 && !this.writeQueued) {
      this.writeQueued = true
      queueMicrotask(this.writeGatheredSoon)
    }
  }

  /** Writes each touched stream's gathered frames at once, or cuts a stream too far behind. */
  private writeGathered(): void {
    this.writeQueued = false
    for (const sub of this.touched) {
      const out = sub.batch
      if (sub.res.destroyed || sub.res.writableEnded) {
        // Closed (or the hub closed) since its frames were gathered: nothing to write to.
      } else if (sub.res.writableLength > MAX_BUFFERED) {
        // Too far behind: cut it, and let Last-Event-ID bring it back from the log.
        this.remove(sub)
        sub.res.destroy()
      } else {
        sub.res.write(out.length === 1 ? out[0] : Buffer.concat(out))
      }
      out.length = 0
    }
    this.touched.length = 0
  }

  /** Adds a frame to a live stream's batch, unless the stream has it already (catch-up, or a second account of the event). */
  private gather(sub: Subscriber, seq: number, bytes: Buffer): void {
    if (!sub.live || seq <= sub.sent) {
      return
    }
    sub.sent = seq
    if (sub.batch.length === 0) {
      this.touched.push(sub)
    }
    sub.batch.push(bytes)
  }

  private wants(sub: Subscriber, frame: Frame): boolean {
    if (!sub.accounts || !frame.audience) {
      return true
    }
    for (const id of frame.audience) {
      if (sub.accounts.has(id)) {
        return true
      }
    }
    return false
  }

  /** The event's wire form, made once and kept for the streams that reconnect soon after. */
  private frameOf(event: LogEvent): Frame {
    const slot = event.seq & (RECENT_FRAMES - 1)
    const cached = this.recent[slot]
    if (cached?.seq === event.seq) {
      return cached
    }
    const frame: Frame = { seq: event.seq, bytes: eventFrame(this.store, event, this.store.nodeId), audience: eventAudience(this.store, event) }
    this.recent[slot] = frame
    this.recentHeld = true
    return frame
  }

  private ensureHeartbeat(): void {
    if (this.heartbeat) {
      return
    }
    this.heartbeat = setInterval(() => {
      if (this.subscribers.size === 0) {
        clearInterval(this.heartbeat!)
        this.heartbeat = null
        return
      }
      for (const sub of this.subscribers) {
        if (sub.res.writableLength <= MAX_BUFFERED) {
          sub.res.write(KEEP_ALIVE)
        }
      }
    }, HEARTBEAT_MS)
    this.heartbeat.unref()
  }

  close(): void {
    this.unsubscribe()
    if (this.heartbeat) {
      clearInterval(this.heartbeat)
    }
    for (const sub of this.subscribers) {
      sub.res.end()
    }
    this.subscribers.clear()
    this.everyAccount.clear()
    this.byAccount.clear()
  }
}
