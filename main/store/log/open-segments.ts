// Opening the log: lists the segments, checks the sealed ones and recovers the active ones
// (a torn last append is cut off and kept aside; a folder that does not add up is refused).
import { readFile } from 'node:fs/promises'
import { activePath, parseActive } from './active-segment'
import { DurableJSONFile } from './durable-json-file'
import { StoreCorruptError } from './errors'
import { mkdirDurable, removeTemps } from './fs-durable'
import type { ActiveSegment, LogCore } from './log-core'
import { SegmentSealer } from './seal'
import type { SealedEntry } from './sealed-segments'
import { SealedSegments, checkSealedSizes, parseTable, segmentDigest, stringifyTable, tablePath } from './sealed-segments'
import type { SegmentDoc } from './segment-files'
import { listSegments, readSegments, segmentPath } from './segment-files'
import type { LogRecord } from './types'

/**
 * Finds the segments, recovers the active one (a torn last append is cut off) and returns
 * the records after `after`, setting up `log`'s sealed segments, sealer, active segment and
 * seqs. Sealed segments wholly before `after` are not read. On StoreCorruptError nothing has
 * been written or deleted.
 */
export async function openSegments<R extends LogRecord>(log: LogCore<R>, after: number): Promise<R[]> {
  await mkdirDurable(log.dir)
  const { segments, temps, actives } = await listSegments(log.dir)
  const table = await readTable(log.dir, segments.length)
  log.sealed = new SealedSegments<R>(log.dir, table)
  log.sealer = new SegmentSealer<R>(log.dir, log.files, log.sealed, () => (log.stats.seals += 1))
  await checkSealedSizes(log.dir, table, (e) => log.sealed.verify(e.index))
  const lagging = segments.slice(table.length)
  const { records: unlisted, counts } = await readSegments<R>(lagging, (file) => new DurableJSONFile<SegmentDoc<R>>(file), log.sealed.nextSeq)
  // Sealed but not yet listed (a crash before the table was written): listed now, as they are.
  const contents = await Promise.all(lagging.map((file) => readFile(file)))
  let offset = 0
  counts.forEach((count, i) => {
    const entry = { index: table.length + i + 1, firstSeq: log.sealed.nextSeq, count, bytes: contents[i].length, sha256: segmentDigest(contents[i]) }
    log.sealed.add(entry, unlisted.slice(offset, offset + count))
    offset += count
  })
  const records = log.sealed.read(after, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY)
  const { records: activeRecords, spares } = await recoverActive(log, actives, segments.length)
  for (const rec of activeRecords) {
    if (rec.seq > after) {
      records.push(rec)
    }
  }
  log.seq = activeRecords.at(-1)?.seq ?? log.sealed.nextSeq - 1
  log.durable = log.seq
  // Only now that everything checked out: temp files were never renamed, so they hold
  // nothing committed. Keep them while the store is in doubt.
  await removeTemps(temps)
  if (lagging.length > 0) {
    await log.files.writeDurable(tablePath(log.dir), stringifyTable(log.sealed.entries))
  }
  await useSpares(log, spares)
  return records
}

/**
 * Spares a crash left (empty active files after the last written one): the one the next
 * roll-over will use is kept as the spare, any other removed; with none, it is made now.
 */
async function useSpares<R extends LogRecord>(log: LogCore<R>, spares: number[]): Promise<void> {
  const next = log.active ? log.active.index + 1 : log.sealer.next.index
  for (const index of spares) {
    if (index !== next) {
      await log.files.removeDurable(activePath(log.dir, index))
    }
  }
  // Opens the kept one (it is empty) or creates it; a failure (a full disk) leaves no spare.
  await log.spare.prepare(next)
}

/** The table as last written, if it matches the sealed files (a cache: a stale one is rebuilt). */
async function readTable(dir: string, sealedCount: number): Promise<SealedEntry[]> {
  let raw: unknown
  try {
    raw = JSON.parse(await readFile(tablePath(dir), 'utf8'))
  } catch {
    return []
  }
  const table = parseTable(raw) ?? []
  if (table.length > sealedCount) {
    throw new StoreCorruptError(segmentPath(dir, sealedCount + 1), 'it is missing: the segment table lists it')
  }
  return table
}

/**
 * The active segment follows the last sealed one. One with the same index as the last
 * sealed segment is a leftover of a seal cut off by a crash: the sealed copy is complete.
 * Two unsealed ones are a background seal cut off by a crash: the older is full and whole
 * (the newer took appends only after its last one was durable); it is sealed again here, and
 * so is a full newest one (a crash after its last append, before its seal started). Empty
 * files after the last written one are spares (spare-segment.ts), returned for useSpares.
 */
async function recoverActive<R extends LogRecord>(log: LogCore<R>, actives: number[], sealedCount: number): Promise<{ records: R[]; spares: number[] }> {
  const leftovers = actives.filter((i) => i === sealedCount)
  const after = actives.filter((i) => i > sealedCount)
  const contents = await Promise.all(after.map((i) => readFile(activePath(log.dir, i))))
  let written = after.length
  while (written > 0 && contents[written - 1].length === 0) {
    written -= 1
  }
  const unsealed = after.slice(0, written)
  const spares = after.slice(written)
  const stray = actives.find((i) => i < sealedCount) ?? unsealed.find((i) => i > sealedCount + 2) ?? (unsealed[0] === sealedCount + 2 ? unsealed[0] : undefined)
  if (stray !== undefined) {
    throw new StoreCorruptError(activePath(log.dir, stray), `it does not follow the last sealed segment (${sealedCount})`)
  }
  const segments: Omit<ActiveSegment<R>, 'file'>[] = []
  let firstSeq = log.sealed.nextSeq
  for (const [n, index] of unsealed.entries()) {
    const file = activePath(log.dir, index)
    const bytes = contents[n]
    const parsed = parseActive<R>(file, bytes.toString('utf8'), firstSeq)
    if (parsed.torn && index !== unsealed.at(-1)) {
      throw new StoreCorruptError(file, `its last append is cut short, yet the next active segment (${activePath(log.dir, index + 1)}) follows it`)
    }
    segments.push({ index, firstSeq, records: parsed.records, lines: [], bytes: parsed.validBytes })
    firstSeq += parsed.records.length
    if (parsed.torn) {
      // The cut-off write was never acknowledged; its bytes are kept aside all the same.
      await log.files.writeDurable(`${file}.torn-${Date.now()}`, bytes.subarray(parsed.validBytes))
      await log.files.truncateDurable(file, parsed.validBytes)
    }
  }
  for (const i of leftovers) {
    // Removed only once its sealed copy has been read and checked.
    log.sealed.verify(i)
    await log.files.removeDurable(activePath(log.dir, i))
  }
  const records = segments.flatMap((seg) => seg.records)
  const current = segments.at(-1)
  if (current === undefined) {
    return { records, spares }
  }
  if (segments.length === 2) {
    await log.sealer.resume({ ...segments[0], file: null })
  }
  if (current.records.length >= log.segmentSize && log.sealer.pending === null) {
    // Full: sealed now rather than taking one more append past its size, and the next append
    // starts the next segment (the spare's). A failed seal stays pending, as in the background.
    await log.sealer.resume({ ...current, file: null })
    return { records, spares }
  }
  log.active = { ...current, file: await log.files.openAppend(activePath(log.dir, current.index)) }
  return { records, spares }
}
