// Sealing: turns a full active segment (`000007.jsonl`) into the immutable lowdb document
// `000007.json`, lists it in the table and removes the active file. It runs in the background,
// off the acknowledgement path: appends go on into the next active segment meanwhile, and reads
// take the being-sealed segment's records from memory until its document is listed. Each step
// leaves a folder that opens correctly (docs/STORAGE.md "Durability and atomicity").
import { crashPoint } from '../../lib/crash-point'
import { activePath } from './active-segment'
import type { AppendFile, FileOps } from './file-ops'
import type { SealedSegments } from './sealed-segments'
import { segmentDigest, stringifyTable, tablePath } from './sealed-segments'
import { segmentPath, stringifySegment } from './segment-files'
import type { LogRecord } from './types'

/** A full segment to seal: its records (all durable in its active file) and that file, if open. */
export interface SegmentToSeal<R extends LogRecord> {
  index: number
  firstSeq: number
  records: R[]
  /** Each record's JSON as appended, when kept (saves serialising 512 records again on the event loop). */
  lines?: readonly string[]
  file: AppendFile | null
}

export class SegmentSealer<R extends LogRecord> {
  /**
   * The full segment handed over and not sealed yet (being sealed, or its seal failed and waits
   * for a retry), or null. Its records are durable in its active file; reads take them from here.
   */
  pending: SegmentToSeal<R> | null = null
  /** Active files of sealed segments whose removal failed; retried at the next seal and at recover(). */
  private readonly leftovers = new Set<string>()
  /** The background seal in flight; it never rejects (a failed seal leaves `pending` set). */
  private running: Promise<void> | null = null

  constructor(
    private readonly dir: string,
    private readonly files: FileOps,
    private readonly sealed: SealedSegments<R>,
    /** Called once per sealed segment, synchronously with its listing in `sealed`. */
    private readonly onSealed: () => void = () => undefined,
  ) {}

  /** Index and first seq of the segment after the sealed and pending ones. */
  get next(): { index: number; firstSeq: number } {
    const p = this.pending
    return p ? { index: p.index + 1, firstSeq: p.firstSeq + p.records.length } : { index: this.sealed.entries.length + 1, firstSeq: this.sealed.nextSeq }
  }

  /**
   * Waits for the background seal and retries a failed one; true once nothing is left unsealed,
   * so a full segment can be handed over (at most one is unsealed beside the active one). It
   * waits only when a segment filled faster than a seal runs, or a seal failed; false if the
   * retry fails too: the caller keeps appending to its full segment, which grows past its size
   * until a seal succeeds.
   */
  async settle(): Promise<boolean> {
    await this.running
    if (this.pending) {
      await this.sealQuietly(this.pending)
    }
    return this.pending === null
  }

  /** Starts sealing `segment` in the background. Only after settle() resolved true. */
  start(segment: SegmentToSeal<R>): void {
    this.pending = segment
    const run = this.sealQuietly(segment).finally(() => {
      if (this.running === run) {
        this.running = null
      }
    })
    this.running = run
  }

  /**
   * A full segment found unsealed at open (a background seal cut off by a crash): sealed now;
   * if that fails it stays pending, safe in its active file, and is retried like a failed seal.
   */
  async resume(segment: SegmentToSeal<R>): Promise<void> {
    this.pending = segment
    await this.settle()
  }

  /** Seals `segment` now (a clean stop seals the active segment this way); throws if the document cannot be written. */
  async sealNow(segment: SegmentToSeal<R>, detach: () => void): Promise<void> {
    await this.seal(segment, detach)
  }

  /**
   * Removes active files whose sealed copies are written. Must not be skipped for long: a
   * leftover two segments back would look like a stray active file at the next open.
   */
  async removeLeftovers(): Promise<void> {
    for (const file of [...this.leftovers]) {
      await this.files.removeDurable(file)
      this.leftovers.delete(file)
    }
  }

  private async sealQuietly(segment: SegmentToSeal<R>): Promise<void> {
    // A failure (disk full) leaves the records safe in the active file and `pending` set.
    await this.seal(segment, () => {
      this.pending = null
    }).catch(() => undefined)
  }

  /**
   * `detach` runs synchronously once the document is written and listed in `sealed`, so
   * readers never miss the records nor see them twice. The lowdb document appears whole
   * (rename), the table is a cache, and an active file whose sealed copy exists is removed
   * at the next open.
   */
  private async seal(segment: SegmentToSeal<R>, detach: () => void): Promise<void> {
    const { index, firstSeq, records } = segment
    const text = stringifySegment({ records }, segment.lines)
    // Until this rename lands, the active file is the segment: a failure here changes nothing.
    await this.files.writeDurable(segmentPath(this.dir, index), text)
    crashPoint('seal:segment-written')
    this.sealed.add({ index, firstSeq, count: records.length, bytes: Buffer.byteLength(text), sha256: segmentDigest(text) }, records)
    detach()
    this.onSealed()
    this.leftovers.add(activePath(this.dir, index))
    // From here on every step is tidying: the table is a cache (rebuilt at open when it lags)
    // and a leftover active file is removed once its sealed copy checks out.
    await segment.file?.close().catch(() => undefined)
    await this.files.writeDurable(tablePath(this.dir), stringifyTable(this.sealed.entries)).catch(() => undefined)
    crashPoint('seal:table-written')
    await this.removeLeftovers().catch(() => undefined)
  }
}
