// Naming, listing and checking of segment files. Kept apart from the log so the
// write path stays readable and the checks can be read as the on-disk format spec.

import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Adapter } from 'lowdb'
import { StoreCorruptError } from './errors'
import { activeIndexOf } from './active-segment'
import { isTempFileName } from './fs-durable'
import type { LogRecord } from './types'

/** The lowdb document stored in each segment file. */
export interface SegmentDoc<R extends LogRecord = LogRecord> {
  records: R[]
}

const SEGMENT_NAME = /^(\d{6,})\.json$/

/** `dir/000001.json`, `dir/000002.json`, ...; more digits past 999999. */
export function segmentPath(dir: string, index: number): string {
  return join(dir, `${String(index).padStart(6, '0')}.json`)
}

export interface SegmentListing {
  /** Segment paths in order, checked to be numbered 1, 2, 3, ... */
  segments: string[]
  /** Leftovers of writes interrupted by a crash: never renamed, so never committed. */
  temps: string[]
  /** Indexes of active (append-only) segment files, `000007.jsonl`. */
  actives: number[]
}

/** Lists the folder; other files are left alone. A hole in the numbering is corruption. */
export async function listSegments(dir: string): Promise<SegmentListing> {
  const numbered: { index: number; path: string }[] = []
  const temps: string[] = []
  const actives: number[] = []
  for (const name of await readdir(dir)) {
    const match = SEGMENT_NAME.exec(name)
    const active = activeIndexOf(name)
    if (active !== null) {
      actives.push(active)
    } else if (match) {
      numbered.push({ index: Number(match[1]), path: join(dir, name) })
    } else if (isTempFileName(name)) {
      temps.push(join(dir, name))
    }
  }
  numbered.sort((a, b) => a.index - b.index)
  numbered.forEach(({ index, path }, i) => {
    if (index !== i + 1) {
      const expected = segmentPath(dir, i + 1)
      throw new StoreCorruptError(path, `segment ${expected} is missing (or duplicated) before it`)
    }
  })
  return { segments: numbered.map((s) => s.path), temps, actives: actives.sort((a, b) => a - b) }
}

/**
 * Checks one parsed segment and returns its records. `firstSeq` is the seq its
 * first record must carry (one past the previous segment's last).
 */
export function checkSegment<R extends LogRecord>(file: string, doc: unknown, firstSeq: number): R[] {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new StoreCorruptError(file, 'the document is not an object')
  }
  const records = (doc as { records?: unknown }).records
  if (!Array.isArray(records)) {
    throw new StoreCorruptError(file, 'it has no "records" array')
  }
  for (let i = 0; i < records.length; i++) {
    const rec: unknown = records[i]
    if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) {
      throw new StoreCorruptError(file, `record #${i} is not an object`)
    }
    const seq = (rec as { seq?: unknown }).seq
    if (seq !== firstSeq + i) {
      throw new StoreCorruptError(file, `record #${i}: seq ${firstSeq + i} expected, found ${JSON.stringify(seq)}`)
    }
  }
  return records as R[]
}

/**
 * Reads every segment (a few at a time: many small files read faster in
 * parallel) and checks seq continuity across them. Linear in the record count.
 */
export async function readSegments<R extends LogRecord>(
  paths: string[],
  adapterFor: (file: string) => Adapter<SegmentDoc<R>>,
  firstSeq = 1,
  concurrency = 8,
): Promise<{ records: R[]; counts: number[]; lastDoc: SegmentDoc<R> | null }> {
  const docs: unknown[] = new Array(paths.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const i = next++
      const doc = await adapterFor(paths[i]).read()
      // A segment listed a moment ago but gone now was deleted under us.
      if (doc === null) {
        throw new StoreCorruptError(paths[i], 'the file disappeared while it was being read')
      }
      docs[i] = doc
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, paths.length) }, worker))

  const records: R[] = []
  const counts: number[] = []
  for (let i = 0; i < paths.length; i++) {
    const checked = checkSegment<R>(paths[i], docs[i], firstSeq + records.length)
    counts.push(checked.length)
    for (const rec of checked) {
      records.push(rec)
    }
  }
  const lastDoc = paths.length > 0 ? (docs[paths.length - 1] as SegmentDoc<R>) : null
  return { records, counts, lastDoc }
}

/**
 * Each record's line, made once per record object: the log's records are frozen and its
 * append already made their JSON (rememberLine), so sealing a segment serialises nothing again.
 */
const lines = new WeakMap<LogRecord, string>()

/** Notes the JSON text a record was parsed from (it must be the record's exact JSON). */
export function rememberLine(record: LogRecord, json: string): void {
  lines.set(record, json)
}

function lineOf(record: LogRecord): string {
  let line = lines.get(record)
  if (line === undefined) {
    line = JSON.stringify(record)
    lines.set(record, line)
  }
  return line
}

/**
 * One record per line: compact like a log, still readable and diffable by a human. `lines`,
 * when given for every record, is their JSON already made (by the append): used as it is.
 */
export function stringifySegment(doc: SegmentDoc, lines?: readonly string[]): string {
  if (doc.records.length === 0) {
    return '{"records":[]}\n'
  }
  const texts = lines !== undefined && lines.length === doc.records.length ? lines : doc.records.map(lineOf)
  return `{"records":[\n${texts.join(',\n')}\n]}\n`
}
