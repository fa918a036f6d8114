// The store: an append-only event log on disk (lowdb segments, see ./log) replayed into
// an in-memory projection. Commands append events; queries read the projection.
import { mkdir, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import type { Folder } from '@shared/types'
import type { DomainEvent, LogEvent, RemoteEvent } from './events'
import { existsSync } from 'node:fs'
import {
  checkpointPath,
  encodeCheckpoint,
  legacyCheckpointPath,
  readCheckpoint,
  readCheckpointSync,
  removeCheckpointTemps,
  roundTrip,
  writeCheckpoint,
} from './checkpoint'
import { createEventLog, diskFaultReason, openDurableDoc, realFileOps, StorageUnavailableError, StoreCorruptError, StoreWriteError } from './log'
import type { FileOps } from './log'
import type { Checkpoint } from './checkpoint'
import { replayProblem } from './replay-check'
import type { EventLog, LogRecord } from './log'
import { InboxOrder } from './inbox-order'
import type { ConversationPage } from './inbox-order'
import { Messages } from './messages'
import { applyEvent } from './projection'
import type { StoreState } from './state'
import { emptyState } from './state'
import { BusinessQueries } from './business-queries'
import { StoreQueries } from './store-queries'

export interface NodeIdentity {
  id: string
  name: string
  createdAt: string
}

export type EventListener = (events: LogEvent[]) => void

export interface StoreOptions {
  dataDir: string
  /** Name for a new node; an existing node keeps its stored name unless renamed. */
  name?: string
  clock?: () => Date
  /** Replaces the file steps of the log and the checkpoint; for tests that inject crashes and faults. */
  files?: FileOps
  /** How often a checkpoint is written while running: after this many events or this long (ms), whichever comes first. */
  checkpointEvery?: { events: number; ms: number }
  /** Records per log segment (default 512); crash tests make roll-overs frequent with a small one. */
  segmentSize?: number
  /** After a failed write, how often to check whether the disk takes writes again, ms (default 1000). */
  recoveryProbeMs?: number
  /** Told about storage trouble the node should log (a failed write, a checkpoint it could not use). */
  onStorageNotice?: (notice: StorageNotice) => void
}

/** Something about the data folder a person (or the log) should hear of. */
/** GET /health's storage field: 'unavailable' while a disk fault refuses writes (reads go on). */
export interface StorageStatus {
  state: 'ok' | 'unavailable'
  since: string | null
  message: string | null
}

export interface StorageNotice {
  level: 'warn' | 'error' | 'info'
  message: string
}

/** A checkpoint costs a few tens of ms of encoding at a million messages: often enough that a restart replays little. */
const CHECKPOINT_EVERY = { events: 50_000, ms: 5 * 60_000 }

type LogEventRecord = LogEvent & LogRecord

export class Store extends StoreQueries {
  protected readonly state: StoreState = emptyState()
  /** Records appended but not yet durable, by seq: the log reads back only durable ones. */
  private readonly unsynced = new Map<number, LogEvent>()
  protected readonly messages = new Messages(this.state, (seq) => this.recordAt(seq))
  /** The business inbox's named queries (auto-messages, labels, saved replies). */
  readonly business = new BusinessQueries(this.state, this.messages)
  /** The seq the checkpoint on disk holds the projection up to. */
  private checkpointSeq = 0
  /** When the last checkpoint was written (performance.now()), and the one being written. */
  private checkpointedAt = performance.now()
  private checkpointing: Promise<void> | null = null
  readonly clock: () => Date
  /** The last time handed out by stamp(). */
  private lastStamp = 0
  private log!: EventLog<LogEventRecord>
  private listeners = new Set<EventListener>()
  private inboxOrder = new InboxOrder()
  /** The write failure the store is recovering from; writes are refused while it is set. */
  private fault: StoreWriteError | null = null
  /** When the fault began (GET /health reports it). */
  private faultSince: string | null = null
  /** Memory could not be brought back in line with the disk: writes stay refused until a restart. */
  private brokenBy: Error | null = null
  private recovery: NodeJS.Timeout | null = null
  private closed = false
  private recoveredListeners = new Set<() => void>()
  private lastDurable: Promise<unknown> = Promise.resolve()
  /** Highest seq known to be on disk: what may be shown to clients and peers. */
  durableSeq = 0
  identity!: NodeIdentity

  private constructor(private readonly options: StoreOptions) {
    super()
    this.clock = options.clock ?? (() => new Date())
  }

  static async open(options: StoreOptions): Promise<Store> {
    const store = new Store(options)
    await store.load()
    return store
  }

  private async load(): Promise<void> {
    const { dataDir } = this.options
    await mkdir(dataDir, { recursive: true })
    const fresh: NodeIdentity = {
      id: `n_${randomUUID().replace(/-/g, '').slice(0, 16)}`,
      name: this.options.name ?? 'Envelope',
      createdAt: this.clock().toISOString(),
    }
    const identityFile = join(dataDir, 'node.json')
    const logFiles = await readdir(join(dataDir, 'log')).catch(() => [] as string[])
    const doc = await openDurableDoc<NodeIdentity>(identityFile, fresh, (raw) => {
      const d = raw as Partial<NodeIdentity> | null
      if (!d || typeof d.id !== 'string' || !/^n_[A-Za-z0-9]{1,64}$/.test(d.id) || typeof d.name !== 'string') {
        throw new StoreCorruptError(identityFile, 'it does not hold a node id and name')
      }
      return d as NodeIdentity
    })
    if (doc.data.id === fresh.id && logFiles.some((name) => /^\d{6,}\.jsonl?$/.test(name))) {
      // A new identity would make every stored event someone else's: refuse, write nothing.
      throw new StoreCorruptError(identityFile, `it is missing, but the log in ${join(dataDir, 'log')} holds records`)
    }
    if (this.options.name && doc.data.name !== this.options.name) {
      await doc.update((d) => void (d.name = this.options.name!))
    }
    // A fresh identity goes on disk before anything refers to it; a stored one is not rewritten.
    else if (doc.data.id === fresh.id) {
      await doc.update(() => undefined)
    }
    this.identity = { ...doc.data }
    this.log = createEventLog<LogEventRecord>({ dir: join(dataDir, 'log'), files: this.options.files, segmentSize: this.options.segmentSize })
    await removeCheckpointTemps(dataDir)
    const checkpoint = await readCheckpoint(dataDir, this.identity.id, (problem) => this.notice('warn', problem))
    let records = await this.log.open({ after: checkpoint?.seq ?? 0 })
    if (checkpoint && checkpoint.seq > this.log.lastSeq) {
      // Ahead of the log (restored from elsewhere): it cannot be trusted; replay everything.
      this.notice('warn', `${checkpointPath(dataDir)} is ahead of the log (seq ${checkpoint.seq} > ${this.log.lastSeq}); it is ignored and the log replayed`)
      records = this.log.read(0)
    }
    this.fill(checkpoint && checkpoint.seq <= this.log.lastSeq ? checkpoint : null, records)
    this.checkpointSeq = checkpoint && checkpoint.seq <= this.log.lastSeq ? checkpoint.seq : 0
  }

  /** Builds memory from a checkpoint (or nothing) and the records after it. */
  private fill(checkpoint: Checkpoint | null, records: LogEventRecord[]): void {
    const logDir = join(this.options.dataDir, 'log')
    for (const record of records) {
      const problem = replayProblem(record)
      if (problem) {
        throw new StoreCorruptError(logDir, problem)
      }
    }
    if (checkpoint) {
      // Into the same object: named query helpers (business) hold on to it.
      Object.assign(this.state, checkpoint.state)
      this.lastStamp = Math.max(this.lastStamp, checkpoint.lastStamp)
    }
    this.take(records)
    this.durableSeq = this.log.durableSeq
    for (const event of records) {
      if (event.origin === this.identity.id) {
        this.lastStamp = Math.max(this.lastStamp, Date.parse(event.at))
      }
    }
  }

  private notice(level: StorageNotice['level'], message: string): void {
    this.options.onStorageNotice?.({ level, message })
  }

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
    this.lastStamp = Math.max(this.clock().getTime(), this.lastStamp + 1)
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
    const at = this.clock().toISOString()
    return this.appendRaw(events.map((event) => ({ ...event, origin: this.nodeId, at })))
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
    const at = this.clock().toISOString()
    return this.appendRaw([...fresh, ...local.map((event) => ({ ...event, origin: this.nodeId, at }))])
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

  private appendRaw(events: (DomainEvent & { id?: string; origin: string; at: string })[]): { events: LogEvent[]; durable: Promise<LogEvent[]> } {
    if (this.fault) {
      throw this.unavailable()
    }
    if (events.length === 0) {
      return { events: [], durable: Promise.resolve([]) }
    }
    const nextSeq = this.log.lastSeq + 1
    // A local event's id is its origin and seq; imported ones keep their origin's id.
    const withIds = events.map((e, i) => ({ ...e, id: e.id ?? `${this.nodeId}:${nextSeq + i}` }))
    const { records, durable } = this.log.append(withIds as Omit<LogEventRecord, 'seq'>[])
    for (const record of records) {
      this.unsynced.set(record.seq, record)
    }
    this.take(records)
    const done = durable.then(
      () => {
        for (const record of records) {
          this.unsynced.delete(record.seq)
        }
        this.durableSeq = Math.max(this.durableSeq, records[records.length - 1].seq)
        this.maybeCheckpoint()
        for (const listener of this.listeners) {
          listener(records)
        }
        return records as LogEvent[]
      },
      (error: Error) => {
        // Memory now holds events that are not on disk: refuse writes and roll memory back.
        this.writeFailed(error)
        throw error
      },
    )
    // Group commit resolves in order, so waiting for the newest commit waits for all before it.
    this.lastDurable = done.catch(() => undefined)
    return { events: records, durable: done }
  }

  /** A deep copy of the in-memory projection, to compare two stores (a reopened one and the original). */
  snapshot(): unknown {
    return roundTrip(this.state)
  }

  /** A record by seq: one not yet durable from memory, else from the log (the disk, through its cache). */
  private recordAt(seq: number): LogEvent | undefined {
    return this.unsynced.get(seq) ?? (seq >= 1 && seq <= this.log.durableSeq ? this.log.read(seq - 1, 1)[0] : undefined)
  }

  /** Starts a checkpoint in the background once enough events or time have gone by since the last. */
  private maybeCheckpoint(): void {
    const every = this.options.checkpointEvery ?? CHECKPOINT_EVERY
    const behind = this.log.lastSeq - this.checkpointSeq
    if (this.checkpointing || this.fault || behind === 0 || (behind < every.events && performance.now() - this.checkpointedAt < every.ms)) {
      return
    }
    this.checkpointing = this.checkpoint().finally(() => (this.checkpointing = null))
  }

  /**
   * Writes a checkpoint of the projection as it is now. Encoded synchronously (the projection
   * moves on as soon as this yields), written only once the log holds everything it covers,
   * so it is never ahead of the log. A cache: if it cannot be written, the next start replays
   * more of the log. Nothing is lost.
   */
  private async checkpoint(): Promise<void> {
    const seq = this.log.lastSeq
    const bytes = encodeCheckpoint(this.nodeId, { seq, lastStamp: this.lastStamp, state: this.state })
    this.checkpointedAt = performance.now()
    try {
      await this.lastDurable
      if (this.fault) {
        return
      }
      const { dataDir } = this.options
      await writeCheckpoint(this.options.files ?? realFileOps, dataDir, bytes)
      this.checkpointSeq = Math.max(this.checkpointSeq, seq)
      if (existsSync(legacyCheckpointPath(dataDir))) {
        await (this.options.files ?? realFileOps).removeDurable(legacyCheckpointPath(dataDir))
      }
    } catch {
      // Kept as it was: the previous checkpoint (or none) and the log.
    }
  }

  /** Resolves once everything committed so far is on disk; throws if a write failed meanwhile. */
  async flushed(): Promise<void> {
    await this.lastDurable
    if (this.fault) {
      throw this.unavailable()
    }
  }

  /** Whether writes are taken now; while they are not, since when and the sentence they are refused with. */
  storageStatus(): StorageStatus {
    return this.fault ? { state: 'unavailable', since: this.faultSince, message: this.unavailable().message } : { state: 'ok', since: null, message: null }
  }

  /** Called each time writes are accepted again after a disk fault; returns an unsubscribe. */
  onRecovered(listener: () => void): () => void {
    this.recoveredListeners.add(listener)
    return () => this.recoveredListeners.delete(listener)
  }

  private unavailable(): StorageUnavailableError {
    const fault = this.fault!
    const why = this.brokenBy
      ? `memory could not be brought back in line with the disk (${this.brokenBy.message}); restart Envelope`
      : 'writes resume by themselves once the disk takes them again'
    return new StorageUnavailableError(fault.file, `Envelope is not saving anything now: ${diskFaultReason(fault.code)}. Everything it acknowledged is safe; ${why}.`, {
      cause: fault,
    })
  }

  /**
   * A write failed: every record after the durable seq is void. Memory is rolled back to the
   * disk (checkpoint + durable log), writes are refused, and a probe runs until the log
   * proves the disk writable again. Reads go on throughout.
   */
  private writeFailed(error: Error): void {
    if (this.fault) {
      return
    }
    // Set even while closing: close() must not checkpoint a memory that is ahead of the disk.
    this.fault = error instanceof StoreWriteError ? error : new StoreWriteError(join(this.options.dataDir, 'log'), error.message, { cause: error })
    this.faultSince = this.clock().toISOString()
    if (this.closed) {
      return
    }
    this.notice('error', `a write to the data folder failed; nothing more is saved until it works again: ${error.message}`)
    // At once, before whoever awaited the failed write hears of it: no later request sees
    // memory the disk does not back.
    let restored = true
    try {
      this.restoreFromDisk()
    } catch (err) {
      restored = false
      this.brokenBy = err as Error
      this.notice('error', `memory could not be rolled back to the disk; writes stay refused until a restart: ${(err as Error).message}`)
    }
    const probe = () => {
      this.recovery = setTimeout(() => {
        void Promise.resolve(restored && !this.closed && this.log.recover())
          .catch(() => false)
          .then((ok) => (ok && !this.closed ? this.recovered() : !this.closed && !this.brokenBy && probe()))
      }, this.options.recoveryProbeMs ?? 1000)
      this.recovery.unref?.()
    }
    probe()
  }

  /** Memory becomes exactly what is on disk: the checkpoint plus the durable log after it (synchronous). */
  private restoreFromDisk(): void {
    const checkpoint = readCheckpointSync(this.options.dataDir, this.nodeId)
    const usable = checkpoint && checkpoint.seq <= this.log.durableSeq ? checkpoint : null
    const records = this.log.read(usable?.seq ?? 0)
    for (const key of Object.keys(this.state)) {
      delete (this.state as unknown as Record<string, unknown>)[key]
    }
    Object.assign(this.state, emptyState())
    // Records past the durable seq are void: nothing may read them back.
    this.unsynced.clear()
    this.inboxOrder = new InboxOrder()
    this.fill(usable, records)
  }

  private recovered(): void {
    const fault = this.fault
    this.fault = null
    this.faultSince = null
    this.recovery = null
    this.notice('info', `the data folder takes writes again; saving resumed (it failed with: ${fault?.message ?? 'unknown'})`)
    for (const listener of this.recoveredListeners) {
      listener()
    }
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
    this.closed = true
    if (this.recovery) {
      clearTimeout(this.recovery)
    }
    this.listeners.clear()
    this.recoveredListeners.clear()
    await this.checkpointing
    await this.log.close({ seal: true })
    // Everything is durable now; a store that failed a write keeps its last good checkpoint.
    if (!this.fault && this.log.lastSeq > this.checkpointSeq) {
      await this.checkpoint()
    }
  }
}
