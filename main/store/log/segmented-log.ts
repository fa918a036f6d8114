// The store's durable, append-only record log: records in numbered segment
// files, each a small lowdb document, so the cost of an append grows with the
// segment size and never with the size of the whole store (lowdb rewrites its
// entire file on every write).

import { Low } from 'lowdb'
import type { Adapter } from 'lowdb'
import { DurableJSONFile } from './durable-json-file'
import { StoreStateError, StoreWriteError } from './errors'
import { mkdirDurable, removeTemps } from './fs-durable'
import { listSegments, readSegments, segmentPath, stringifySegment } from './segment-files'
import type { SegmentDoc } from './segment-files'
import type { EventLog, EventLogOptions, LogRecord } from './types'

export const DEFAULT_SEGMENT_SIZE = 512

export interface SegmentedLogOptions<R extends LogRecord> extends EventLogOptions {
  /** Replaces the durable adapter of each segment; for tests that inject faults or delays. */
  adapterFor?: (file: string) => Adapter<SegmentDoc<R>>
}

/** What one append() call queued, settled as a unit: an append is never split across writes. */
interface PendingAppend<R> {
  records: R[]
  resolve: () => void
  reject: (err: unknown) => void
}

/** The segment being appended to: its lowdb handle holds only that segment's records. */
interface OpenSegment<R extends LogRecord> {
  index: number
  db: Low<SegmentDoc<R>>
}

type State = 'new' | 'opening' | 'open' | 'closing' | 'closed' | 'failed'

/**
 * Single-writer: one SegmentedLog per folder, in one process.
 *
 * Failure is fatal by design. If a write fails, the durable promises of every
 * queued append reject and later appends throw StoreWriteError. The seqs handed
 * out for those records are void: the caller has already applied them in
 * memory, so its state is ahead of the disk and it must stop (and restart from
 * a replay) rather than keep serving.
 */
export class SegmentedLog<R extends LogRecord = LogRecord> implements EventLog<R> {
  readonly dir: string
  readonly segmentSize: number
  /** Counters for tests and benchmarks: `writes` counts segment file writes that completed. */
  readonly stats = { writes: 0, segments: 0 }

  private readonly adapterFor: (file: string) => Adapter<SegmentDoc<R>>
  private state: State = 'new'
  private seq = 0
  private durable = 0
  private segment: OpenSegment<R> | null = null
  private pending: PendingAppend<R>[] = []
  /** Set while a flush loop runs; appends made meanwhile join its next write. */
  private flushing: Promise<void> | null = null
  private failure: StoreWriteError | null = null

  constructor(options: SegmentedLogOptions<R>) {
    this.dir = options.dir
    this.segmentSize = options.segmentSize ?? DEFAULT_SEGMENT_SIZE
    if (!Number.isInteger(this.segmentSize) || this.segmentSize < 1) {
      throw new RangeError(`segmentSize must be a positive integer, got ${this.segmentSize}`)
    }
    this.adapterFor =
      options.adapterFor ?? ((file) => new DurableJSONFile<SegmentDoc<R>>(file, { stringify: stringifySegment }))
  }

  get lastSeq(): number {
    return this.seq
  }

  /** Seq of the last record known to be on disk (<= lastSeq). */
  get durableSeq(): number {
    return this.durable
  }

  /**
   * Reads and checks every segment. On StoreCorruptError nothing has been
   * written or deleted and the log stays unusable, so the bad file survives.
   */
  async open(): Promise<R[]> {
    if (this.state !== 'new') {
      throw new StoreStateError(`open() called twice on the log in ${this.dir}`)
    }
    this.state = 'opening'
    try {
      await mkdirDurable(this.dir)
      const { segments, temps } = await listSegments(this.dir)
      const { records, lastDoc } = await readSegments<R>(segments, this.adapterFor)
      // Only now that everything checked out: temp files were never renamed, so
      // they hold nothing committed. Keep them while the store is in doubt.
      await removeTemps(temps)
      this.seq = records.length
      this.durable = records.length
      this.stats.segments = segments.length
      if (lastDoc !== null) {
        // A private copy: the caller owns the returned records and may mutate them,
        // while this segment gets rewritten on the next appends.
        this.segment = this.openSegment(segments.length, structuredClone(lastDoc))
      }
      this.state = 'open'
      return records
    } catch (err) {
      this.state = 'failed'
      throw err
    }
  }

  /**
   * Seqs are assigned now; the records returned are copies that went through
   * JSON, i.e. exactly what a replay after restart will return. Throws a
   * TypeError (and assigns nothing) if a record cannot be stored as JSON.
   */
  append(records: Omit<R, 'seq'>[]): { records: R[]; durable: Promise<void> } {
    this.assertWritable()
    const stored: R[] = []
    const returned: R[] = []
    let seq = this.seq
    for (const rec of records) {
      if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) {
        throw new TypeError('log records must be plain objects')
      }
      seq += 1
      // seq first in the file for readability, and it wins over any stray seq field.
      const json = JSON.stringify(Object.assign({ seq }, rec, { seq }))
      stored.push(JSON.parse(json) as R)
      returned.push(JSON.parse(json) as R)
    }
    if (stored.length === 0) {
      return { records: [], durable: Promise.resolve() }
    }
    this.seq = seq
    const durable = new Promise<void>((resolve, reject) => {
      this.pending.push({ records: stored, resolve, reject })
    })
    this.flushing ??= this.flushLoop()
    return { records: returned, durable }
  }

  /** Lets queued writes finish, then refuses appends. Resolves even if a write failed (its promises rejected). */
  async close(): Promise<void> {
    if (this.state === 'open' || this.state === 'new') {
      this.state = 'closing'
    }
    await this.flushing
    if (this.state === 'closing') {
      this.state = 'closed'
    }
  }

  private assertWritable(): void {
    if (this.failure !== null) {
      throw new StoreWriteError(
        this.failure.file,
        `The record log in ${this.dir} stopped after a failed write and accepts no more records ` +
          `(last durable seq ${this.durable}): ${this.failure.message}`,
        { cause: this.failure },
      )
    }
    if (this.state !== 'open') {
      const why = this.state === 'new' || this.state === 'opening' ? 'before open() finished' : `in state ${this.state}`
      throw new StoreStateError(`append() called ${why} on the log in ${this.dir}`)
    }
  }

  private openSegment(index: number, doc: SegmentDoc<R>): OpenSegment<R> {
    return { index, db: new Low<SegmentDoc<R>>(this.adapterFor(segmentPath(this.dir, index)), doc) }
  }

  /**
   * Writes queued appends until none are left. The first write waits one
   * setImmediate so appends from the same tick and its microtasks share it;
   * later ones pick up whatever piled up during the previous fsync.
   */
  private async flushLoop(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve))
    try {
      while (this.pending.length > 0 && this.failure === null) {
        let batch: PendingAppend<R>[] = []
        try {
          batch = this.takeBatch()
          const db = (this.segment as OpenSegment<R>).db
          for (const p of batch) {
            for (const rec of p.records) {
              db.data.records.push(rec)
            }
          }
          await db.write()
        } catch (err) {
          this.fail(batch, err)
          break
        }
        this.stats.writes += 1
        for (const p of batch) {
          this.durable += p.records.length
          p.resolve()
        }
      }
    } finally {
      // Cleared synchronously with the loop's exit, so an append cannot slip
      // between "no more pending" and "no flush running" and be left unwritten.
      this.flushing = null
    }
  }

  /**
   * Takes whole appends that fit in the current segment, starting a new one
   * first if it is full. An append larger than a segment gets a segment of its
   * own (the only case a segment exceeds segmentSize): splitting it would make
   * it non-atomic.
   */
  private takeBatch(): PendingAppend<R>[] {
    const first = this.pending[0].records.length
    const used = this.segment?.db.data.records.length ?? 0
    if (this.segment === null || (used > 0 && used + first > this.segmentSize)) {
      this.segment = this.openSegment((this.segment?.index ?? 0) + 1, { records: [] })
      this.stats.segments += 1
    }
    let room = this.segmentSize - this.segment.db.data.records.length
    let count = 0
    while (count < this.pending.length && (count === 0 || this.pending[count].records.length <= room)) {
      room -= this.pending[count].records.length
      count += 1
    }
    return this.pending.splice(0, count)
  }

  private fail(batch: PendingAppend<R>[], err: unknown): void {
    const file = segmentPath(this.dir, this.segment?.index ?? 1)
    const reason = err instanceof Error ? err.message : String(err)
    this.failure = new StoreWriteError(
      file,
      `Envelope could not write ${file} (${reason}); records after seq ${this.durable} were not saved`,
      { cause: err },
    )
    this.state = 'failed'
    const doomed = batch.concat(this.pending.splice(0))
    for (const p of doomed) {
      p.reject(this.failure)
    }
  }
}

/** The log the store uses; callers depend on EventLog, not on how it is laid out. */
export function createEventLog<R extends LogRecord = LogRecord>(options: EventLogOptions): EventLog<R> {
  return new SegmentedLog<R>(options)
}
