// The store's durable, append-only record log. New records go to the active segment, an
// append-only file (one write and one fdatasync per group of appends, no rename); when it
// is full it is sealed in the background (seal.ts) into an immutable lowdb document
// `000007.json` while appends go on into the next active segment. Older records are
// read back by seq through the sealed-segment table and a small cache (docs/STORAGE.md).

import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { crashPoint } from '../../lib/crash-point'
import { activePath, appendLine, parseActive } from './active-segment'
import { DurableJSONFile } from './durable-json-file'
import { diskFaultReason, errnoOf, StorageUnavailableError, StoreCorruptError, StoreStateError, StoreWriteError } from './errors'
import type { AppendFile, FileOps } from './file-ops'
import { realFileOps } from './file-ops'
import { mkdirDurable, removeTemps } from './fs-durable'
import type { SealedEntry } from './sealed-segments'
import { SealedSegments, checkSealedSizes, parseTable, segmentDigest, stringifyTable, tablePath } from './sealed-segments'
import { SegmentSealer } from './seal'
import type { SegmentDoc } from './segment-files'
import { listSegments, readSegments, rememberLine, segmentPath } from './segment-files'
import type { EventLog, EventLogOptions, LogRecord, OpenOptions } from './types'

export const DEFAULT_SEGMENT_SIZE = 512

export interface SegmentedLogOptions extends EventLogOptions {
  /** Replaces the file steps; for tests that inject crashes and faults. */
  files?: FileOps
}

/** What one append() call queued, settled as a unit: an append is never split across writes. */
interface PendingAppend<R> {
  records: R[]
  /** Each record as JSON, made once in append() and reused for the file. */
  lines: string[]
  resolve: () => void
  reject: (err: unknown) => void
}

interface ActiveSegment<R> {
  index: number
  firstSeq: number
  /** Its durable records, for reads. */
  records: R[]
  /** Each durable record's JSON as written (made once in append()), for the seal; empty after a restart. */
  lines: string[]
  file: AppendFile
  /** Bytes of whole, durable appends: where a failed write's leftovers are cut off. */
  bytes: number
}

/** 'faulted': a write failed; reads go on, appends are refused until recover() succeeds. */
type State = 'new' | 'opening' | 'open' | 'faulted' | 'closing' | 'closed' | 'failed'

/** Freezes a parsed JSON value and everything in it (plain objects and arrays only). */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) {
      deepFreeze(inner)
    }
    Object.freeze(value)
  }
  return value
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
  readonly stats = { writes: 0, seals: 0 }

  private readonly files: FileOps
  private state: State = 'new'
  private seq = 0
  private durable = 0
  private sealed!: SealedSegments<R>
  private active: ActiveSegment<R> | null = null
  private pending: PendingAppend<R>[] = []
  /** Set while a flush loop runs; appends made meanwhile join its next write. */
  private flushing: Promise<void> | null = null
  private failure: StoreWriteError | null = null
  private sealer!: SegmentSealer<R>

  constructor(options: SegmentedLogOptions) {
    this.dir = options.dir
    this.segmentSize = options.segmentSize ?? DEFAULT_SEGMENT_SIZE
    if (!Number.isInteger(this.segmentSize) || this.segmentSize < 1) {
      throw new RangeError(`segmentSize must be a positive integer, got ${this.segmentSize}`)
    }
    this.files = options.files ?? realFileOps
  }

  get lastSeq(): number {
    return this.seq
  }

  /** Seq of the last record known to be on disk (<= lastSeq). */
  get durableSeq(): number {
    return this.durable
  }

  /**
   * Finds the segments, recovers the active one (a torn last append is cut off) and returns
   * the records after `options.after`. Sealed segments wholly before it are not read. On
   * StoreCorruptError nothing has been written or deleted and the log stays unusable.
   */
  async open(options: OpenOptions = {}): Promise<R[]> {
    if (this.state !== 'new') {
      throw new StoreStateError(`open() called twice on the log in ${this.dir}`)
    }
    this.state = 'opening'
    try {
      const after = options.after ?? 0
      await mkdirDurable(this.dir)
      const { segments, temps, actives } = await listSegments(this.dir)
      const table = await this.readTable(segments.length)
      this.sealed = new SealedSegments<R>(this.dir, table)
      this.sealer = new SegmentSealer<R>(this.dir, this.files, this.sealed, () => (this.stats.seals += 1))
      await checkSealedSizes(this.dir, table, (e) => this.sealed.verify(e.index))
      const lagging = segments.slice(table.length)
      const { records: unlisted, counts } = await readSegments<R>(lagging, (file) => new DurableJSONFile<SegmentDoc<R>>(file), this.sealed.nextSeq)
      // Sealed but not yet listed (a crash before the table was written): listed now, as they are.
      const contents = await Promise.all(lagging.map((file) => readFile(file)))
      let offset = 0
      counts.forEach((count, i) => {
        const entry = { index: table.length + i + 1, firstSeq: this.sealed.nextSeq, count, bytes: contents[i].length, sha256: segmentDigest(contents[i]) }
        this.sealed.add(entry, unlisted.slice(offset, offset + count))
        offset += count
      })
      const records = this.sealed.read(after, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY)
      const activeRecords = await this.recoverActive(actives, segments.length)
      for (const rec of activeRecords) {
        if (rec.seq > after) {
          records.push(rec)
        }
      }
      this.seq = activeRecords.at(-1)?.seq ?? this.sealed.nextSeq - 1
      this.durable = this.seq
      // Only now that everything checked out: temp files were never renamed, so they hold
      // nothing committed. Keep them while the store is in doubt.
      await removeTemps(temps)
      if (lagging.length > 0) {
        await this.files.writeDurable(tablePath(this.dir), stringifyTable(this.sealed.entries))
      }
      this.state = 'open'
      return records
    } catch (err) {
      this.state = 'failed'
      throw err
    }
  }

  /** The table as last written, if it matches the sealed files (a cache: a stale one is rebuilt). */
  private async readTable(sealedCount: number): Promise<SealedEntry[]> {
    let raw: unknown
    try {
      raw = JSON.parse(await readFile(tablePath(this.dir), 'utf8'))
    } catch {
      return []
    }
    const table = parseTable(raw) ?? []
    if (table.length > sealedCount) {
      throw new StoreCorruptError(segmentPath(this.dir, sealedCount + 1), 'it is missing: the segment table lists it')
    }
    return table
  }

  /**
   * The active segment follows the last sealed one. One with the same index as the last
   * sealed segment is a leftover of a seal cut off by a crash: the sealed copy is complete.
   * Two unsealed ones are a background seal cut off by a crash: the older is full and whole
   * (the newer took appends only after its last one was durable); it is sealed again here.
   */
  private async recoverActive(actives: number[], sealedCount: number): Promise<R[]> {
    const leftovers = actives.filter((i) => i === sealedCount)
    const unsealed = actives.filter((i) => i > sealedCount)
    const stray = actives.find((i) => i < sealedCount || i > sealedCount + 2) ?? (unsealed[0] === sealedCount + 2 ? unsealed[0] : undefined)
    if (stray !== undefined) {
      throw new StoreCorruptError(activePath(this.dir, stray), `it does not follow the last sealed segment (${sealedCount})`)
    }
    const segments: Omit<ActiveSegment<R>, 'file'>[] = []
    let firstSeq = this.sealed.nextSeq
    for (const index of unsealed) {
      const file = activePath(this.dir, index)
      const bytes = await readFile(file)
      const parsed = parseActive<R>(file, bytes.toString('utf8'), firstSeq)
      if (parsed.torn && index !== unsealed.at(-1)) {
        throw new StoreCorruptError(file, `its last append is cut short, yet the next active segment (${activePath(this.dir, index + 1)}) follows it`)
      }
      segments.push({ index, firstSeq, records: parsed.records, lines: [], bytes: parsed.validBytes })
      firstSeq += parsed.records.length
      if (parsed.torn) {
        // The cut-off write was never acknowledged; its bytes are kept aside all the same.
        await this.files.writeDurable(`${file}.torn-${Date.now()}`, bytes.subarray(parsed.validBytes))
        await this.files.truncateDurable(file, parsed.validBytes)
      }
    }
    for (const i of leftovers) {
      // Removed only once its sealed copy has been read and checked.
      this.sealed.verify(i)
      await this.files.removeDurable(activePath(this.dir, i))
    }
    const current = segments.at(-1)
    if (current === undefined) {
      return []
    }
    this.active = { ...current, file: await this.files.openAppend(activePath(this.dir, current.index)) }
    if (segments.length === 2) {
      await this.sealer.resume({ ...segments[0], file: null })
    }
    return segments.flatMap((seg) => seg.records)
  }

  /**
   * Seqs are assigned now; the records returned are what a replay after restart will return:
   * each record goes through JSON once, and the one parsed copy is frozen (deeply) and
   * shared by the caller, the log's reads and the seal, so nobody can change what the log
   * holds. Throws a TypeError (and assigns nothing) if a record cannot be stored as JSON.
   */
  append(records: Omit<R, 'seq'>[]): { records: R[]; durable: Promise<void> } {
    this.assertWritable()
    const stored: R[] = []
    const lines: string[] = []
    let seq = this.seq
    for (const rec of records) {
      if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) {
        throw new TypeError('log records must be plain objects')
      }
      seq += 1
      // seq first in the file for readability, and it wins over any stray seq field.
      const json = JSON.stringify('seq' in rec ? Object.assign({ seq }, rec, { seq }) : { seq, ...rec })
      const record = deepFreeze(JSON.parse(json) as R)
      rememberLine(record, json)
      lines.push(json)
      stored.push(record)
    }
    if (stored.length === 0) {
      return { records: [], durable: Promise.resolve() }
    }
    this.seq = seq
    const durable = new Promise<void>((resolve, reject) => {
      this.pending.push({ records: stored, lines, resolve, reject })
    })
    this.flushing ??= this.flushLoop()
    return { records: stored.slice(), durable }
  }

  /** Durable records with seq in (after, after + limit], oldest first; read from disk when sealed. */
  read(after: number, limit = Number.POSITIVE_INFINITY): R[] {
    const from = Math.max(0, after)
    const out = this.sealed.read(from, this.durable, limit)
    // The segment being sealed in the background, then the active one: both in memory.
    for (const segment of [this.sealer.pending, this.active]) {
      if (segment && out.length < limit) {
        const start = Math.max(0, (out.at(-1)?.seq ?? from) + 1 - segment.firstSeq)
        for (let i = start; i < segment.records.length && out.length < limit && segment.records[i].seq <= this.durable; i++) {
          out.push(segment.records[i])
        }
      }
    }
    return out
  }

  /**
   * Lets queued writes finish, then refuses appends. Resolves even if a write failed (its
   * promises rejected). With `seal`, the active segment is sealed first: a clean stop then
   * leaves only lowdb documents, and an active file is the sign of a crash.
   */
  async close(options: { seal?: boolean } = {}): Promise<void> {
    if (this.state === 'open' || this.state === 'new' || this.state === 'faulted') {
      this.state = 'closing'
    }
    await this.flushing
    // The background seal finishes (a failed one is tried once more) before the files close.
    const settled = await this.sealer.settle()
    if (this.state === 'closing') {
      this.state = 'closed'
      // Optional: if it fails (the folder went away), the records are safe in the active file.
      const active = this.active
      if (options.seal && settled && this.failure === null && active && active.records.length > 0) {
        await this.sealer.sealNow(active, () => (this.active = null)).catch(() => undefined)
      }
    }
    await this.active?.file.close().catch(() => undefined)
    await this.sealer.pending?.file?.close().catch(() => undefined)
  }

  /** The failed write the log is waiting to recover from, or null while it is writable. */
  get fault(): StoreWriteError | null {
    return this.state === 'faulted' ? this.failure : null
  }

  /**
   * After a failed write: proves the disk takes a write again (a probe file written, synced
   * and removed), cuts the active file back to its last durable append (a failed write may
   * have left part of a line) and reopens it. Resolves true once appends are accepted again,
   * false if the disk still refuses (the log stays faulted; call again later).
   */
  async recover(): Promise<boolean> {
    if (this.state !== 'faulted') {
      return this.state === 'open'
    }
    const probe = join(this.dir, '.write-probe')
    try {
      await this.files.writeDurable(probe, Buffer.alloc(PROBE_BYTES, 0x20))
      await this.files.removeDurable(probe)
      const active = this.active
      if (active) {
        await active.file.close().catch(() => undefined)
        const file = activePath(this.dir, active.index)
        await this.files.truncateDurable(file, active.bytes)
        active.file = await this.files.openAppend(file)
      }
      await this.sealer.removeLeftovers()
    } catch (err) {
      this.failure = this.writeError(probe, err)
      return false
    }
    if (this.state !== 'faulted') {
      return false // closed meanwhile
    }
    this.failure = null
    this.state = 'open'
    return true
  }

  private assertWritable(): void {
    if (this.state === 'faulted' && this.failure !== null) {
      throw new StorageUnavailableError(
        this.failure.file,
        `Envelope is not saving anything now: ${diskFaultReason(this.failure.code)} (${this.failure.message}). ` +
          `Everything up to record ${this.durable} is safe; writes resume by themselves once the disk takes them again.`,
        { cause: this.failure },
      )
    }
    if (this.state !== 'open') {
      const why = this.state === 'new' || this.state === 'opening' ? 'before open() finished' : `in state ${this.state}`
      throw new StoreStateError(`append() called ${why} on the log in ${this.dir}`)
    }
  }

  /**
   * Writes queued appends until none are left. The first write waits one setImmediate so
   * appends from the same tick share it; later ones take whatever piled up while the
   * previous write was syncing (the next batch gathers while the current one syncs).
   */
  private async flushLoop(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve))
    try {
      while (this.pending.length > 0 && this.state !== 'faulted') {
        let batch: PendingAppend<R>[] = []
        let active: ActiveSegment<R>
        try {
          active = this.active ?? (await this.startActive())
          batch = this.takeBatch(active)
          // One line for the whole group: a crash keeps all of it or none of it.
          const line = appendLine(batch.flatMap((p) => p.lines))
          await active.file.append(line)
          active.bytes += Buffer.byteLength(line)
        } catch (err) {
          this.fail(batch, err)
          break
        }
        this.stats.writes += 1
        for (const p of batch) {
          for (const rec of p.records) {
            active.records.push(rec)
          }
          for (const line of p.lines) {
            active.lines.push(line)
          }
          this.durable += p.records.length
        }
        if (this.sealer.pending !== null) {
          crashPoint('seal:appended-while-sealing')
        }
        // Full: handed to the background seal, and the next batch opens the next segment. The
        // batch is acknowledged without waiting for the seal's syncs (seal.ts).
        if (active.records.length >= this.segmentSize && (await this.sealer.settle())) {
          this.active = null
          this.sealer.start(active)
        }
        for (const p of batch) {
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
   * Takes whole appends that fit in the active segment (at least one: an append larger than
   * a segment gets a segment of its own, the only case a segment exceeds segmentSize).
   */
  private takeBatch(active: ActiveSegment<R>): PendingAppend<R>[] {
    let room = this.segmentSize - active.records.length
    let count = 0
    while (count < this.pending.length && (count === 0 || this.pending[count].records.length <= room)) {
      room -= this.pending[count].records.length
      count += 1
    }
    return this.pending.splice(0, count)
  }

  private async startActive(): Promise<ActiveSegment<R>> {
    const { index, firstSeq } = this.sealer.next
    const file = await this.files.openAppend(activePath(this.dir, index))
    this.active = { index, firstSeq, records: [], lines: [], file, bytes: 0 }
    return this.active
  }

  private writeError(file: string, err: unknown): StoreWriteError {
    const reason = err instanceof Error ? err.message : String(err)
    const code = errnoOf(err)
    return new StoreWriteError(file, `could not write ${file}: ${reason}${code && !reason.includes(code) ? ` (${code})` : ''}`, { cause: err })
  }

  private fail(batch: PendingAppend<R>[], err: unknown): void {
    const file = activePath(this.dir, this.active?.index ?? this.sealer.next.index)
    const reason = err instanceof Error ? err.message : String(err)
    this.failure = new StoreWriteError(file, `Envelope could not write ${file} (${reason}); records after seq ${this.durable} were not saved`, { cause: err })
    if (this.state === 'open') {
      this.state = 'faulted'
    }
    // Every queued record is void: the next append reuses their seqs.
    this.seq = this.durable
    const doomed = batch.concat(this.pending.splice(0))
    for (const p of doomed) {
      p.reject(this.failure)
    }
  }
}

/** The log the store uses; callers depend on EventLog, not on how it is laid out. */
export function createEventLog<R extends LogRecord = LogRecord>(options: SegmentedLogOptions): EventLog<R> {
  return new SegmentedLog<R>(options)
}
