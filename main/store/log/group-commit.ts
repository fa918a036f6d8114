// The pipelined group-commit writer: queues appends, writes them to the active segment in
// groups, keeps up to MAX_SYNCS_IN_FLIGHT fdatasyncs going, and acknowledges groups in order.
import { crashPoint } from '../../lib/crash-point'
import { activePath, encodeAppendLine, MAX_SYNCS_IN_FLIGHT } from './active-segment'
import { StoreWriteError } from './errors'
import type { ActiveSegment, LogCore } from './log-core'
import type { LogRecord } from './types'

/** What one append() call queued, settled as a unit: an append is never split across writes. */
interface PendingAppend<R> {
  records: R[]
  /** Each record as JSON, made once in append() and reused for the file. */
  lines: string[]
  resolve: () => void
  reject: (err: unknown) => void
}

/** A group written to the active file whose acknowledgement is still to come, oldest first. */
interface WrittenGroup<R> {
  batch: PendingAppend<R>[]
  records: number
  /** The active file's length once this group is in it: where it is cut back to if a later one fails. */
  bytes: number
  /** Settles (never rejects) once the group is acknowledged, or failed with its sync or an earlier one. */
  settled: Promise<void>
}

/**
 * Writes a log's appends. A failed write or sync voids its group and every later one
 * (written or queued): their promises reject, the log faults and takes their seqs back.
 */
export class GroupCommit<R extends LogRecord> {
  private pending: PendingAppend<R>[] = []
  /** Set while a flush loop runs; appends made meanwhile join its next write. */
  private flushing: Promise<void> | null = null
  /** Groups written whose syncs are in flight (or done but waiting for an earlier one), oldest first. */
  private written: WrittenGroup<R>[] = []
  /** Records in `written`: they take room in the active segment before they are acknowledged. */
  private writtenRecords = 0
  /** Set while the flush loop waits on a sync with nothing queued: an append wakes it. */
  private wake: (() => void) | null = null

  constructor(private readonly log: LogCore<R>) {}

  /** The flush loop while one runs: close() waits for it. */
  get idle(): Promise<void> | null {
    return this.flushing
  }

  /** Queues one append's records (and their JSON); resolves once they are durable. */
  enqueue(records: R[], lines: string[]): Promise<void> {
    const durable = new Promise<void>((resolve, reject) => {
      this.pending.push({ records, lines, resolve, reject })
    })
    this.flushing ??= this.flushLoop()
    if (this.wake) {
      // The loop waits on a sync: write this (and whatever else comes this turn) beside it.
      setImmediate(this.wake)
      this.wake = null
    }
    return durable
  }

  /**
   * Writes queued appends until none are left, as a pipeline: once a group is written its
   * fdatasync starts, and the next group (whatever piled up meanwhile) is written at once,
   * up to MAX_SYNCS_IN_FLIGHT syncs at a time. Writes stay in order and acknowledgements go
   * out in order, each only once its own sync and every earlier one succeeded. The first
   * write waits one setImmediate so appends from the same tick share it.
   */
  private async flushLoop(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve))
    try {
      while (this.log.state !== 'faulted' && (this.pending.length > 0 || this.written.length > 0)) {
        const active = this.log.active
        // A full segment takes nothing more: it is sealed once its last group is acknowledged.
        const segmentFull = active !== null && this.written.length > 0 && active.records.length + this.writtenRecords >= this.log.segmentSize
        if (this.written.length >= MAX_SYNCS_IN_FLIGHT || segmentFull) {
          await this.written[0].settled
          continue
        }
        if (this.pending.length === 0) {
          // Whichever comes first: the oldest sync, or appends to write beside it.
          await Promise.race([this.written[0].settled, new Promise<void>((resolve) => (this.wake = resolve))])
          this.wake = null
          continue
        }
        await this.writeGroup()
      }
    } finally {
      // Cleared synchronously with the loop's exit, so an append cannot slip
      // between "no more pending" and "no flush running" and be left unwritten.
      this.flushing = null
    }
  }

  /**
   * Writes the next group as one line and starts its sync; its acknowledgement follows the
   * previous group's. The write itself is synchronous (file-ops.ts): with the active segment
   * open, nothing here waits but the sync.
   */
  private async writeGroup(): Promise<void> {
    let batch: PendingAppend<R>[] = []
    let active: ActiveSegment<R>
    let line: Buffer
    try {
      active = this.log.active ?? (await this.startActive())
      batch = this.takeBatch(active)
      // One line for the whole group, encoded once: a crash keeps all of it or none of it.
      line = encodeAppendLine(batch.flatMap((p) => p.lines))
      const held = active.file.write(line)
      if (held !== undefined) {
        await held
      }
    } catch (err) {
      // Groups written before it may still be acknowledged: let their syncs finish first.
      await Promise.all(this.written.map((g) => g.settled))
      this.fail(batch, err)
      return
    }
    this.log.stats.writes += 1
    const previous = this.written.at(-1)
    const group: WrittenGroup<R> = {
      batch,
      records: batch.reduce((n, p) => n + p.records.length, 0),
      bytes: (previous?.bytes ?? active.bytes) + line.length,
      settled: Promise.resolve(),
    }
    // The sync's outcome is kept (not left rejected) until the previous group has settled.
    const synced = active.file.sync().then(
      () => null,
      (err: unknown) => ({ err }),
    )
    group.settled = (previous?.settled ?? Promise.resolve())
      .then(() => synced)
      .then((outcome) => (outcome === null ? this.acknowledge(active, group) : this.failWritten(group, outcome.err)))
    this.written.push(group)
    this.writtenRecords += group.records
  }

  /** The oldest written group is on disk, and every one before it: its appends are durable. */
  private async acknowledge(active: ActiveSegment<R>, group: WrittenGroup<R>): Promise<void> {
    if (this.written[0] !== group) {
      return // failed meanwhile: an earlier group's sync did
    }
    this.written.shift()
    this.writtenRecords -= group.records
    for (const p of group.batch) {
      for (const rec of p.records) {
        active.records.push(rec)
      }
      for (const line of p.lines) {
        active.lines.push(line)
      }
      this.log.durable += p.records.length
    }
    active.bytes = group.bytes
    if (this.log.sealer.pending !== null) {
      crashPoint('seal:appended-while-sealing')
    }
    // Full: handed to the background seal, and the next group opens the next segment. The
    // group is acknowledged without waiting for the seal's syncs (seal.ts).
    if (active.records.length >= this.log.segmentSize && (await this.log.sealer.settle())) {
      this.log.active = null
      this.log.sealer.start(active)
    }
    for (const p of group.batch) {
      p.resolve()
    }
  }

  /** A sync failed: that group and every later one (written or queued) are void. */
  private failWritten(group: WrittenGroup<R>, err: unknown): void {
    if (this.written[0] !== group) {
      return
    }
    const doomed = this.written.flatMap((g) => g.batch)
    this.written = []
    this.writtenRecords = 0
    this.fail(doomed, err)
  }

  /**
   * Takes whole appends that fit in the active segment beside the groups already written to
   * it (at least one: an append larger than a segment gets a segment of its own, the only
   * case a segment exceeds segmentSize).
   */
  private takeBatch(active: ActiveSegment<R>): PendingAppend<R>[] {
    let room = this.log.segmentSize - active.records.length - this.writtenRecords
    let count = 0
    while (count < this.pending.length && (count === 0 || this.pending[count].records.length <= room)) {
      room -= this.pending[count].records.length
      count += 1
    }
    return this.pending.splice(0, count)
  }

  /** The roll-over: the spare made for this segment becomes active (opened here only if there is none). */
  private async startActive(): Promise<ActiveSegment<R>> {
    const { index, firstSeq } = this.log.sealer.next
    const file = (await this.log.spare.take(index)) ?? (await this.log.files.openAppend(activePath(this.log.dir, index)))
    this.log.active = { index, firstSeq, records: [], lines: [], file, bytes: 0 }
    // The next roll-over's file, made while this segment fills.
    void this.log.spare.prepare(index + 1)
    return this.log.active
  }

  private fail(batch: PendingAppend<R>[], err: unknown): void {
    const file = activePath(this.log.dir, this.log.active?.index ?? this.log.sealer.next.index)
    const reason = err instanceof Error ? err.message : String(err)
    // The first failure of a fault is the one reported (a write failing after a failed sync keeps it).
    if (this.log.state !== 'faulted' || this.log.failure === null) {
      this.log.failure = new StoreWriteError(file, `Envelope could not write ${file} (${reason}); records after seq ${this.log.durable} were not saved`, { cause: err })
    }
    if (this.log.state === 'open') {
      this.log.state = 'faulted'
    }
    // Every queued record is void: the next append reuses their seqs.
    this.log.seq = this.log.durable
    const doomed = batch.concat(this.pending.splice(0))
    for (const p of doomed) {
      p.reject(this.log.failure)
    }
  }
}
