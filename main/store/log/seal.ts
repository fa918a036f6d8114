// Sealing: turns a full active segment (`000007.jsonl`) into the immutable lowdb document
// `000007.json`, lists it in the table and removes the active file. Each step leaves a folder
// that opens correctly (docs/STORAGE.md "Durability and atomicity").
import { crashPoint } from '../../lib/crash-point'
import { activePath } from './active-segment'
import type { AppendFile, FileOps } from './file-ops'
import type { SealedSegments } from './sealed-segments'
import { segmentDigest, stringifyTable, tablePath } from './sealed-segments'
import { segmentPath, stringifySegment } from './segment-files'
import type { LogRecord } from './types'

/** A full segment to seal: its records (all durable in its active file) and that file. */
export interface SegmentToSeal<R extends LogRecord> {
  index: number
  firstSeq: number
  records: R[]
  file: AppendFile
}

export class SegmentSealer<R extends LogRecord> {
  /** Active files of sealed segments whose removal failed; retried at the next seal and at recover(). */
  private readonly leftovers = new Set<string>()

  constructor(
    private readonly dir: string,
    private readonly files: FileOps,
    private readonly sealed: SealedSegments<R>,
  ) {}

  /**
   * Seals `segment`. `onSealed` runs synchronously once the document is written and listed in
   * `sealed`, so readers never miss its records. The lowdb document appears whole (rename),
   * the table is a cache, and an active file whose sealed copy exists is removed at the next open.
   */
  async seal(segment: SegmentToSeal<R>, onSealed: () => void): Promise<void> {
    const { index, firstSeq, records } = segment
    const text = stringifySegment({ records })
    // Until this rename lands, the active file is the segment: a failure here changes nothing.
    await this.files.writeDurable(segmentPath(this.dir, index), text)
    crashPoint('seal:segment-written')
    this.sealed.add({ index, firstSeq, count: records.length, bytes: Buffer.byteLength(text), sha256: segmentDigest(text) }, records)
    onSealed()
    this.leftovers.add(activePath(this.dir, index))
    // From here on every step is tidying: the table is a cache (rebuilt at open when it lags)
    // and a leftover active file is removed once its sealed copy checks out.
    await segment.file.close().catch(() => undefined)
    await this.files.writeDurable(tablePath(this.dir), stringifyTable(this.sealed.entries)).catch(() => undefined)
    crashPoint('seal:table-written')
    await this.removeLeftovers().catch(() => undefined)
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
}
