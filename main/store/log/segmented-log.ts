// The store's durable, append-only record log. New records go to the active segment, an
// append-only file (one write and one fdatasync per group of appends, no rename); when it
// is full it is sealed in the background (seal.ts) into an immutable lowdb document
// `000007.json` while appends go on into the next active segment. Older records are
// read back by seq through the sealed-segment table and a small cache (docs/STORAGE.md).
// SegmentedLog wires its parts: opening (open-segments.ts), the group-commit writer
// (group-commit.ts) and reads (read-records.ts), around the state they share (log-core.ts).

import { join } from 'node:path'
import { activePath } from './active-segment'
import { diskFaultReason, errnoOf, StorageUnavailableError, StoreStateError, StoreWriteError } from './errors'
import type { FileOps } from './file-ops'
import { realFileOps } from './file-ops'
import { deepFreeze, freezeIfPlainJson } from './frozen-json'
import { GroupCommit } from './group-commit'
import { LogCore } from './log-core'
import { openSegments } from './open-segments'
import { readRecords } from './read-records'
import type { EventLog, EventLogOptions, LogRecord, OpenOptions } from './types'

export const DEFAULT_SEGMENT_SIZE = 512

export interface SegmentedLogOptions extends EventLogOptions {
  /** Replaces the file steps; for tests that inject crashes and faults. */
  files?: FileOps
}

/** Bytes the recovery probe writes (and removes): room for a few group commits at least. */
const PROBE_BYTES = 64 * 1024

/**
 * Single-writer: one SegmentedLog per folder, in one process.
 *
 * A failed write is not fatal, but it is never papered over. The durable promises of the
 * failed batch and of every queued append reject, the seqs handed out for them are taken
 * back (the next append reuses them), and later appends throw StorageUnavailableError
 * until recover() has proved the disk writable and cut the active file back to its last
 * durable byte. The caller applied the void records in memory already: it must roll its
 * own state back to the durable seq before it appends again (Store does).
 */
export class SegmentedLog<R extends LogRecord = LogRecord> implements EventLog<R> {
  readonly dir: string
  readonly segmentSize: number
  /** Counters for tests and benchmarks: `writes` counts appends to the active file that completed. */
  readonly stats: { writes: number; seals: number }

  private readonly log: LogCore<R>
  private readonly writer: GroupCommit<R>

  constructor(options: SegmentedLogOptions) {
    this.dir = options.dir
    this.segmentSize = options.segmentSize ?? DEFAULT_SEGMENT_SIZE
    if (!Number.isInteger(this.segmentSize) || this.segmentSize < 1) {
      throw new RangeError(`segmentSize must be a positive integer, got ${this.segmentSize}`)
    }
    this.log = new LogCore<R>(this.dir, this.segmentSize, options.files ?? realFileOps)
    this.stats = this.log.stats
    this.writer = new GroupCommit<R>(this.log)
  }

  get lastSeq(): number {
    return this.log.seq
  }

  /** Seq of the last record known to be on disk (<= lastSeq). */
  get durableSeq(): number {
    return this.log.durable
  }

  /**
   * Finds the segments, recovers the active one (a torn last append is cut off) and returns
   * the records after `options.after`. Sealed segments wholly before it are not read. On
   * StoreCorruptError nothing has been written or deleted and the log stays unusable.
   */
  async open(options: OpenOptions = {}): Promise<R[]> {
    if (this.log.state !== 'new') {
      throw new StoreStateError(`open() called twice on the log in ${this.dir}`)
    }
    this.log.state = 'opening'
    try {
      const records = await openSegments(this.log, options.after ?? 0)
      this.log.state = 'open'
      return records
    } catch (err) {
      this.log.state = 'failed'
      throw err
    }
  }

  /**
   * Seqs are assigned now; the records returned are what a replay after restart will return:
   * each record is serialised once; plain JSON data is kept as it is (a copy of the record
   * with its seq, sharing the caller's nested objects; a record that already holds the seq
   * it gets is handed over and kept itself, uncopied), anything else is parsed back from
   * its JSON. That one object is frozen (deeply: the caller's nested objects too) and shared
   * by the caller and the log's reads (the seal uses the JSON text), so nobody can change
   * what the log holds.
   * Throws a TypeError (and assigns nothing) if a record cannot be stored as JSON.
   */
  append(records: Omit<R, 'seq'>[]): { records: R[]; durable: Promise<void> } {
    this.assertWritable()
    const stored: R[] = []
    const lines: string[] = []
    let seq = this.log.seq
    for (const rec of records) {
      if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) {
        throw new TypeError('log records must be plain objects')
      }
      seq += 1
      // seq first in the file for readability, and it wins over any stray seq field. A record
      // that already carries the seq it gets was made for the log (the store's): it is kept
      // as it is, not copied once more.
      const copy = (rec as { seq?: unknown }).seq === seq ? rec : 'seq' in rec ? Object.assign({ seq }, rec, { seq }) : { seq, ...rec }
      const json = JSON.stringify(copy)
      // Plain JSON data already is what a replay returns: frozen as it is, not parsed back.
      const record = (freezeIfPlainJson(copy) ? copy : deepFreeze(JSON.parse(json))) as R
      lines.push(json)
      stored.push(record)
    }
    if (stored.length === 0) {
      return { records: [], durable: Promise.resolve() }
    }
    this.log.seq = seq
    const durable = this.writer.enqueue(stored, lines)
    return { records: stored.slice(), durable }
  }

  /** Durable records with seq in (after, after + limit], oldest first; read from disk when sealed. */
  read(after: number, limit = Number.POSITIVE_INFINITY): R[] {
    return readRecords(this.log, after, limit)
  }

  /**
   * Lets queued writes finish, then refuses appends. Resolves even if a write failed (its
   * promises rejected). With `seal`, the active segment is sealed first: a clean stop then
   * leaves only lowdb documents, and an active file is the sign of a crash.
   */
  async close(options: { seal?: boolean } = {}): Promise<void> {
    if (this.log.state === 'open' || this.log.state === 'new' || this.log.state === 'faulted') {
      this.log.state = 'closing'
    }
    await this.writer.idle
    // The background seal finishes (a failed one is tried once more) before the files close.
    const settled = await this.log.sealer.settle()
    if (this.log.state === 'closing') {
      this.log.state = 'closed'
      // Optional: if it fails (the folder went away), the records are safe in the active file.
      const active = this.log.active
      if (options.seal && settled && this.log.failure === null && active && active.records.length > 0) {
        await this.log.sealer.sealNow(active, () => (this.log.active = null)).catch(() => undefined)
      }
    }
    await this.log.active?.file.close().catch(() => undefined)
    await this.log.sealer.pending?.file?.close().catch(() => undefined)
    // A clean stop leaves no spare (an empty active file is otherwise a sign of a crash).
    await this.log.spare.remove()
  }

  /** The failed write the log is waiting to recover from, or null while it is writable. */
  get fault(): StoreWriteError | null {
    return this.log.state === 'faulted' ? this.log.failure : null
  }

  /**
   * After a failed write: proves the disk takes a write again (a probe file written, synced
   * and removed), cuts the active file back to its last durable append (a failed write may
   * have left part of a line) and reopens it. Resolves true once appends are accepted again,
   * false if the disk still refuses (the log stays faulted; call again later).
   */
  async recover(): Promise<boolean> {
    if (this.log.state !== 'faulted') {
      return this.log.state === 'open'
    }
    const probe = join(this.dir, '.write-probe')
    try {
      await this.log.files.writeDurable(probe, Buffer.alloc(PROBE_BYTES, 0x20))
      await this.log.files.removeDurable(probe)
      const active = this.log.active
      if (active) {
        await active.file.close().catch(() => undefined)
        const file = activePath(this.dir, active.index)
        await this.log.files.truncateDurable(file, active.bytes)
        active.file = await this.log.files.openAppend(file)
      }
      await this.log.sealer.removeLeftovers()
    } catch (err) {
      this.log.failure = this.writeError(probe, err)
      return false
    }
    if (this.log.state !== 'faulted') {
      return false // closed meanwhile
    }
    this.log.failure = null
    this.log.state = 'open'
    return true
  }

  private assertWritable(): void {
    if (this.log.state === 'faulted' && this.log.failure !== null) {
      throw new StorageUnavailableError(
        this.log.failure.file,
        `Envelope is not saving anything now: ${diskFaultReason(this.log.failure.code)} (${this.log.failure.message}). ` +
          `Everything up to record ${this.log.durable} is safe; writes resume by themselves once the disk takes them again.`,
        { cause: this.log.failure },
      )
    }
    if (this.log.state !== 'open') {
      const why = this.log.state === 'new' || this.log.state === 'opening' ? 'before open() finished' : `in state ${this.log.state}`
      throw new StoreStateError(`append() called ${why} on the log in ${this.dir}`)
    }
  }

  private writeError(file: string, err: unknown): StoreWriteError {
    const reason = err instanceof Error ? err.message : String(err)
    const code = errnoOf(err)
    return new StoreWriteError(file, `could not write ${file}: ${reason}${code && !reason.includes(code) ? ` (${code})` : ''}`, { cause: err })
  }
}

/** The log the store uses; callers depend on EventLog, not on how it is laid out. */
export function createEventLog<R extends LogRecord = LogRecord>(options: SegmentedLogOptions): EventLog<R> {
  return new SegmentedLog<R>(options)
}
