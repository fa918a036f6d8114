// The sealed segments: immutable lowdb documents `000001.json`, `000002.json`, ... and a table
// of where each starts, so a record is found by seq without reading the others. Reads are
// synchronous (queries are) and go through a small cache of parsed segments.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { StoreCorruptError } from './errors'
import { checkSegment, segmentPath } from './segment-files'
import type { LogRecord } from './types'

export interface SealedEntry {
  index: number
  firstSeq: number
  count: number
  /** The file's size when sealed: checked at every start, so a damaged file is found then. */
  bytes?: number
  /**
   * SHA-256 (hex) of the file when sealed: checked whenever the segment is read, so a flipped
   * byte or a hand edit that keeps the size and the JSON valid is still found. Tables written
   * before it have none.
   */
  sha256?: string
}

/** The digest a table entry keeps of a sealed segment's bytes. */
export function segmentDigest(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** `log/segments.json`: a cache of the table, rebuilt from the files whenever it lags behind. */
export function tablePath(dir: string): string {
  return join(dir, 'segments.json')
}

export function parseTable(raw: unknown): SealedEntry[] | null {
  const list = (raw as { segments?: unknown } | null)?.segments
  if (!Array.isArray(list)) {
    return null
  }
  let nextSeq = 1
  const out: SealedEntry[] = []
  for (const [i, e] of list.entries()) {
    const { index, firstSeq, count, bytes, sha256 } = (e ?? {}) as Partial<SealedEntry>
    if (index !== i + 1 || firstSeq !== nextSeq || !Number.isInteger(count) || (count as number) < 0) {
      return null
    }
    out.push({
      index,
      firstSeq,
      count: count as number,
      ...(Number.isInteger(bytes) ? { bytes } : {}),
      ...(typeof sha256 === 'string' && /^[0-9a-f]{64}$/.test(sha256) ? { sha256 } : {}),
    })
    nextSeq += count as number
  }
  return out
}

export function stringifyTable(entries: readonly SealedEntry[]): string {
  return `${JSON.stringify({ segments: entries })}\n`
}

const CACHED_SEGMENTS = 8

export class SealedSegments<R extends LogRecord> {
  readonly entries: SealedEntry[]
  /** Most recently used last. */
  private readonly cache = new Map<number, R[]>()

  constructor(
    private readonly dir: string,
    entries: SealedEntry[],
  ) {
    this.entries = entries
  }

  /** One past the last sealed seq. */
  get nextSeq(): number {
    const last = this.entries.at(-1)
    return last ? last.firstSeq + last.count : 1
  }

  add(entry: SealedEntry, records?: R[]): void {
    this.entries.push(entry)
    if (records) {
      this.remember(entry.index, records)
    }
  }

  /** Reads and checks one sealed segment (through the cache); throws StoreCorruptError naming it. */
  verify(index: number): void {
    const entry = this.entries[index - 1]
    if (entry) {
      this.load(entry)
    }
  }

  /** Records with seq in (after, upTo], at most `limit`, oldest first. */
  read(after: number, upTo: number, limit: number): R[] {
    const out: R[] = []
    let i = this.entryOf(after + 1)
    for (; i >= 0 && i < this.entries.length && out.length < limit; i++) {
      const entry = this.entries[i]
      if (entry.firstSeq > upTo) {
        break
      }
      const records = this.load(entry)
      for (let j = Math.max(0, after + 1 - entry.firstSeq); j < records.length && out.length < limit && records[j].seq <= upTo; j++) {
        out.push(records[j])
      }
    }
    return out
  }

  /** Index in `entries` of the segment holding `seq`, or -1. */
  private entryOf(seq: number): number {
    let lo = 0
    let hi = this.entries.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const e = this.entries[mid]
      if (seq < e.firstSeq) {
        hi = mid - 1
      } else if (seq >= e.firstSeq + e.count) {
        lo = mid + 1
      } else {
        return mid
      }
    }
    return -1
  }

  private load(entry: SealedEntry): R[] {
    const hit = this.cache.get(entry.index)
    if (hit) {
      this.cache.delete(entry.index)
      this.cache.set(entry.index, hit)
      return hit
    }
    const file = segmentPath(this.dir, entry.index)
    let doc: unknown
    let text = ''
    let raw: Buffer | undefined
    try {
      raw = readFileSync(file)
      text = raw.toString('utf8')
      doc = JSON.parse(text)
    } catch (err) {
      const problem = text.length === 0 ? 'the file is empty or unreadable' : `not valid JSON (${(err as Error).message})`
      throw new StoreCorruptError(file, problem, { cause: err })
    }
    if (doc === null) {
      throw new StoreCorruptError(file, 'the document is null')
    }
    const records = checkSegment<R>(file, doc, entry.firstSeq)
    if (records.length !== entry.count) {
      throw new StoreCorruptError(file, `${entry.count} records expected, found ${records.length}`)
    }
    if (entry.sha256 !== undefined && raw !== undefined && segmentDigest(raw) !== entry.sha256) {
      throw new StoreCorruptError(file, 'its bytes changed since it was sealed (its SHA-256 no longer matches segments.json): a flipped byte or a hand edit')
    }
    this.remember(entry.index, records)
    return records
  }

  private remember(index: number, records: R[]): void {
    this.cache.set(index, records)
    if (this.cache.size > CACHED_SEGMENTS) {
      this.cache.delete(this.cache.keys().next().value as number)
    }
  }
}

/** Every listed segment still has the size it was sealed with (a cheap check of the whole log at start). */
export async function checkSealedSizes(dir: string, entries: readonly SealedEntry[], explain: (e: SealedEntry) => void): Promise<void> {
  await Promise.all(
    entries.map(async (e) => {
      const file = segmentPath(dir, e.index)
      const { size } = await stat(file)
      if (e.bytes !== undefined && size !== e.bytes) {
        // Reading it names the damage best (not JSON, a seq gap...); else the size says it.
        explain(e)
        throw new StoreCorruptError(file, `it holds ${size} bytes, but ${e.bytes} were written when it was sealed`)
      }
    }),
  )
}
