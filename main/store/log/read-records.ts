// Reads: durable records by seq, across the sealed segments, the one being sealed and the active one.
import type { LogCore } from './log-core'
import type { LogRecord } from './types'

/** Durable records with seq in (after, after + limit], oldest first; read from disk when sealed. */
export function readRecords<R extends LogRecord>(log: LogCore<R>, after: number, limit: number): R[] {
  const from = Math.max(0, after)
  const out = log.sealed.read(from, log.durable, limit)
  // The segment being sealed in the background, then the active one: both in memory.
  for (const segment of [log.sealer.pending, log.active]) {
    if (segment && out.length < limit) {
      const start = Math.max(0, (out.at(-1)?.seq ?? from) + 1 - segment.firstSeq)
      for (let i = start; i < segment.records.length && out.length < limit && segment.records[i].seq <= log.durable; i++) {
        out.push(segment.records[i])
      }
    }
  }
  return out
}
