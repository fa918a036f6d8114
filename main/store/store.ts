// The store: an append-only event log on disk (lowdb segments, see ./log) replayed into
// an in-memory projection. Commands append events; queries read the projection. Opening and
// the rollback after a failed write read their starting point through ./store-open, the
// fault handling is ./write-faults, the periodic checkpoint ./checkpointer.
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Folder } from '@shared/types'
import type { DomainEvent, LogEvent, RemoteEvent } from './events'
import { roundTrip } from './checkpoint'
import { Checkpointer } from './checkpointer'
import { createEventLog } from './log'
import type { EventLog, StorageUnavailableError } from './log'
import { InboxOrder } from './inbox-order'
import type { ConversationPage } from './inbox-order'
import { Messages } from './messages'
import { stampRecords } from './stamping'
import type { StampedEvent } from './stamping'
import { openNodeIdentity } from './node-identity'
import { applyEvent } from './projection'
import type { StoreState } from './state'
import { emptyState, resetState } from './state'
import { BusinessQueries } from './business-queries'
import { StoreQueries } from './store-queries'
import type { EventListener, NodeIdentity, Notify, StoreOptions } from './store-options'
import { checkedLastStamp, durableStartingPoint, openStartingPoint } from './store-open'
import type { LogEventRecord, StartingPoint } from './store-open'
import { WriteFaults } from './write-faults'
import type { StorageStatus } from './write-faults'

const ignore = (): undefined => undefined

export class Store extends StoreQueries {
  protected readonly state: StoreState = emptyState()
  /** Records appended but not yet durable, by seq: the log reads back only durable ones. */
  private readonly unsynced = new Map<number, LogEvent>()
  protected readonly messages: Messages
  /** The business inbox's named queries (auto-messages, labels, saved replies). */
  readonly business: BusinessQueries
  readonly clock: () => Date
  /** The clock in epoch ms, without a Date when it is the system's. */
  private readonly nowMs: () => number
  /** The last time handed out by stamp(). */
  private lastStamp = 0
  private log!: EventLog<LogEventRecord>
  private listeners = new Set<EventListener>()
  private inboxOrder = new InboxOrder()
  private faults!: WriteFaults
  private checkpoints!: Checkpointer
  private lastDurable: Promise<unknown> = Promise.resolve()
  /** Highest seq known to be on disk: what may be shown to clients and peers. */
  durableSeq = 0
  identity!: NodeIdentity

  private constructor(private readonly options: StoreOptions) {
    super()
    this.clock = options.clock ?? (() => new Date())
    const clock = options.clock
    this.nowMs = clock ? () => clock().getTime() : Date.now
    this.messages = new Messages(this.state, (seq) => this.recordAt(seq), options.sendTimesKeptMs)
    this.business = new BusinessQueries(this.state, this.messages)
  }

  static async open(options: StoreOptions): Promise<Store> {
    const store = new Store(options)
    await store.load()
    return store
  }

  private async load(): Promise<void> {
    const { dataDir } = this.options
    await mkdir(dataDir, { recursive: true })
    this.identity = await openNodeIdentity(dataDir, this.options.name, this.clock())
    this.log = createEventLog<LogEventRecord>({ dir: join(dataDir, 'log'), files: this.options.files, segmentSize: this.options.segmentSize })
    this.faults = new WriteFaults(this.options, { notice: this.notice, restore: () => this.restoreFromDisk(), recover: () => this.log.recover() })
    this.checkpoints = new Checkpointer(this.options, {
      nodeId: () => this.nodeId,
      now: () => ({ seq: this.log.lastSeq, lastStamp: this.lastStamp, state: this.state }),
      lastSeq: () => this.log.lastSeq,
      durable: () => this.lastDurable,
      faulted: () => this.fault !== null,
      failures: () => this.faults.failures,
    })
    const start = await openStartingPoint(dataDir, this.log, this.identity.id, this.notice)
    this.fill(start)
    this.checkpoints.seq = start.checkpoint?.seq ?? 0
  }

  /** Builds memory from a checkpoint (or nothing) and the records after it, once they check out. */
  private fill(start: StartingPoint): void {
    const lastStamp = checkedLastStamp(this.options.dataDir, start, this.identity.id)
    if (start.checkpoint) {
      // Into the same object: named query helpers (business) hold on to it.
      Object.assign(this.state, start.checkpoint.state)
    }
    this.lastStamp = Math.max(this.lastStamp, lastStamp)
    this.take(start.records)
    this.durableSeq = this.log.durableSeq
  }

  /** Memory becomes exactly what is on disk: the checkpoint plus the durable log after it (synchronous). */
  private restoreFromDisk(): void {
    const start = durableStartingPoint(this.options.dataDir, this.log, this.nodeId)
    resetState(this.state)
    // Records past the durable seq are void: nothing may read them back.
    this.unsynced.clear()
    this.inboxOrder = new InboxOrder()
    this.fill(start)
  }

  private readonly notice: Notify = (level, message) => this.options.onStorageNotice?.({ level, message })

  /** Applies records to the projection; the log keeps them (eventsAfter reads them back). */
  private take(records: LogEvent[]): void {
    for (const record of records) {
      applyEvent(this.state, record, this.messages, this.identity.id)
      this.inboxOrder.noteApplied(this.state, record)
    }
  }

  /**
   * The clock, but strictly increasing on this node: message order is by time (R19), and
   * two sends in one millisecond, or a clock stepped back, must not swap messages.
   */
  stamp(): Date {
    this.lastStamp = Math.max(this.nowMs(), this.lastStamp + 1)
    return new Date(this.lastStamp)
  }

  get nodeId(): string {
    return this.identity.id
  }

  get lastSeq(): number {
    return this.log.lastSeq
  }

  /**
   * Appends events made on this node. They are applied to memory at once, so the next rule
   * check sees them; the promise resolves once they are on disk, and only then do listeners
   * (SSE, sync) hear of them.
   */
  commit(events: DomainEvent[]): { events: LogEvent[]; durable: Promise<LogEvent[]> } {
    return this.appendRaw(this.stamped(events, []))
  }

  /** Appends events that happened on another node (sync), skipping ones already applied. */
  importEvents(events: RemoteEvent[]): { events: LogEvent[]; durable: Promise<LogEvent[]> } {
    return this.importAndCommit(events, [])
  }

  /**
   * Imports events from another node and, in the same atomic append, commits events of our
   * own that answer them (a recipient home's verdict on a pending message): a crash keeps
   * both or neither, so a message is never held here without its decision.
   */
  importAndCommit(imported: RemoteEvent[], local: DomainEvent[]): { events: LogEvent[]; durable: Promise<LogEvent[]> } {
    const fresh = imported.filter((e) => !this.hasApplied(e.id))
    return this.appendRaw(this.stamped(local, fresh))
  }

  /** The records to append: `before` (imported events), then `events` made here (stamping.ts). */
  private stamped(events: DomainEvent[], before: RemoteEvent[]): StampedEvent[] {
    return stampRecords(events, before, this.log.lastSeq, this.nodeId, this.nowMs)
  }

  /** One of this node's own events by its id ("<nodeId>:<seq>"), once it is durable. */
  localEvent(id: string): LogEvent | undefined {
    const prefix = `${this.nodeId}:`
    if (!id.startsWith(prefix)) {
      return undefined
    }
    const seq = Number(id.slice(prefix.length))
    return Number.isInteger(seq) && seq >= 1 && seq <= this.durableSeq ? this.log.read(seq - 1, 1)[0] : undefined
  }

  /** Appends events that carry their id (a local event's is its origin and seq; imported ones keep their origin's). */
  private appendRaw(events: StampedEvent[]): { events: LogEvent[]; durable: Promise<LogEvent[]> } {
    if (this.fault) {
      throw this.unavailable()
    }
    if (events.length === 0) {
      return { events: [], durable: Promise.resolve([]) }
    }
    const { records, durable } = this.log.append(events as LogEventRecord[])
    for (const record of records) {
      this.unsynced.set(record.seq, record)
    }
    this.take(records)
    const done = durable.then(() => {
      for (const record of records) {
        this.unsynced.delete(record.seq)
      }
      this.durableSeq = Math.max(this.durableSeq, records[records.length - 1].seq)
      this.maybeCheckpoint()
      for (const listener of this.listeners) {
        listener(records)
      }
      return records as LogEvent[]
    }, this.failedWrite)
    // Group commit resolves in order, so waiting for the newest commit waits for all before it.
    this.lastDurable = done.catch(ignore)
    return { events: records, durable: done }
  }

  /** A commit's write failed. One function for every commit, not a closure each. */
  private readonly failedWrite = (error: Error): never => {
    // Memory now holds events that are not on disk: refuse writes and roll memory back.
    this.writeFailed(error)
    throw error
  }

  /** A deep copy of the in-memory projection, to compare two stores (a reopened one and the original). */
  snapshot(): unknown {
    return roundTrip(this.state)
  }

  /** A record by seq: one not yet durable from memory, else from the log (the disk, through its cache). */
  private recordAt(seq: number): LogEvent | undefined {
    return this.unsynced.get(seq) ?? (seq >= 1 && seq <= this.log.durableSeq ? this.log.read(seq - 1, 1)[0] : undefined)
  }

  private maybeCheckpoint(): void {
    this.checkpoints.maybeStart()
  }

  /** Resolves once everything committed so far is on disk; throws if a write failed meanwhile. */
  async flushed(): Promise<void> {
    await this.lastDurable
    if (this.fault) {
      throw this.unavailable()
    }
  }

  /** Whether writes are taken now; while they are not, since when and why (GET /health). */
  storageStatus(): StorageStatus {
    return this.faults.status()
  }

  /** Called each time writes are accepted again after a disk fault; returns an unsubscribe. */
  onRecovered(listener: () => void): () => void {
    return this.faults.onRecovered(listener)
  }

  /** The write failure the store is recovering from; writes are refused while it is set. */
  private get fault(): WriteFaults['fault'] {
    return this.faults.fault
  }

  private unavailable(): StorageUnavailableError {
    return this.faults.unavailable()
  }

  private writeFailed(error: Error): void {
    this.faults.failed(error)
  }

  /** Durable events after `seq`, oldest first (SSE resume, sync pull); older ones are read from disk. */
  eventsAfter(seq: number, limit = Number.POSITIVE_INFINITY): LogEvent[] {
    // Only what clients and peers may see: the store's durable seq moves after the log's.
    const events = this.log.read(seq, limit)
    const end = events.findIndex((e) => e.seq > this.durableSeq)
    return end < 0 ? events : events.slice(0, end)
  }

  /**
   * A page of the viewer's conversations, newest activity first, after `cursorKey` (from
   * decodeCursor); `limit` Infinity gives the whole list.
   */
  conversationPage(viewerId: string, folder: Folder | undefined, limit: number, cursorKey: string | null): ConversationPage {
    return this.inboxOrder.page(this.state, this.messages, viewerId, folder, this.clock(), limit, cursorKey)
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  async close(): Promise<void> {
    this.faults.close()
    this.listeners.clear()
    await this.checkpoints.idle()
    await this.log.close({ seal: true })
    // Everything is durable now; a store that failed a write keeps its last good checkpoint.
    if (!this.fault && this.log.lastSeq > this.checkpoints.seq) {
      await this.checkpoints.write()
    }
  }
}
