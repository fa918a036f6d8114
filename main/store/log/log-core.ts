// The mutable state a SegmentedLog's parts share (opening, the group-commit writer, reads).
import type { StoreWriteError } from './errors'
import type { AppendFile, FileOps } from './file-ops'
import type { SegmentSealer } from './seal'
import type { SealedSegments } from './sealed-segments'
import { SpareSegment } from './spare-segment'
import type { LogRecord } from './types'

export interface ActiveSegment<R> {
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
export type State = 'new' | 'opening' | 'open' | 'faulted' | 'closing' | 'closed' | 'failed'

/** One log's state: owned by SegmentedLog, read and changed by the modules it wires together. */
export class LogCore<R extends LogRecord> {
  /** Counters for tests and benchmarks: `writes` counts appends to the active file that completed. */
  readonly stats = { writes: 0, seals: 0 }
  state: State = 'new'
  seq = 0
  durable = 0
  sealed!: SealedSegments<R>
  sealer!: SegmentSealer<R>
  active: ActiveSegment<R> | null = null
  /** The next active segment's file, made ahead of the roll-over. */
  readonly spare: SpareSegment
  failure: StoreWriteError | null = null

  constructor(
    readonly dir: string,
    readonly segmentSize: number,
    readonly files: FileOps,
  ) {
    this.spare = new SpareSegment(dir, files)
  }
}
