// The active segment: the one file the log appends to. One line per append() call, a JSON
// array of that call's records, so an append is all or nothing even when a crash cuts the
// file short. Full, it is sealed into a lowdb document (see segmented-log.ts).
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import { StoreCorruptError } from './errors'
import type { LogRecord } from './types'

const ACTIVE_NAME = /^(\d{6,})\.jsonl$/

/**
 * Group writes whose fdatasyncs may be in flight at once (group-commit.ts). A crash can
 * leave that many unacknowledged appends at the end of the file, any of them incomplete
 * (pages of an unsynced write that never reached the disk read back as zeros), so
 * recovery cuts off up to this many from the first torn one.
 */
export const MAX_SYNCS_IN_FLIGHT = 3

/** `dir/000007.jsonl`: the active segment that will be sealed as `000007.json`. */
export function activePath(dir: string, index: number): string {
  return join(dir, `${String(index).padStart(6, '0')}.jsonl`)
}

/** The index of an active segment's file name, or null for any other name. */
export function activeIndexOf(name: string): number | null {
  const match = ACTIVE_NAME.exec(name)
  return match ? Number(match[1]) : null
}

/**
 * One group write's line, from its records' JSON texts: a JSON array of them, then `#` and
 * the CRC-32 of the array's text (8 hex digits), so a flipped byte that leaves the JSON
 * valid (a letter of a message) is found at the next start. Lines written before the
 * checksum (no `#...` suffix) are read as they are. Encoded once, as the bytes written: the
 * checksum is taken over those bytes and written into them, so the text is turned into
 * UTF-8 only once.
 */
export function encodeAppendLine(recordJsons: readonly string[]): Buffer {
  const line = Buffer.from(`[${recordJsons.join(',')}]#00000000\n`)
  const arrayEnd = line.length - CHECKSUM_TAIL
  line.write(checksumOf(line.subarray(0, arrayEnd)), arrayEnd + 1, 'latin1')
  return line
}

/** The same line as text (tests write lines by hand with it). */
export function appendLine(recordJsons: readonly string[]): string {
  return encodeAppendLine(recordJsons).toString()
}

/** `#`, 8 hex digits and the newline after a line's array. */
const CHECKSUM_TAIL = 10

/** The CRC-32 of a line's array (as text, or as its UTF-8 bytes), as 8 hex digits. */
function checksumOf(text: string | Uint8Array): string {
  return crc32(text).toString(16).padStart(8, '0')
}

const CHECKSUM_SUFFIX = /#([0-9a-f]{8})$/

/** The line's JSON text if its checksum matches (or it has none); null when it does not. */
function checkedText(line: string): string | null {
  const match = CHECKSUM_SUFFIX.exec(line)
  if (!match) {
    return line
  }
  const text = line.slice(0, match.index)
  return checksumOf(text) === match[1] ? text : null
}

export interface ParsedActive<R> {
  records: R[]
  /** Bytes of whole, valid appends; anything after them is a torn append to cut off. */
  validBytes: number
  torn: boolean
}

function parseLine(line: string, firstSeq: number): LogRecord[] | null {
  const text = checkedText(line)
  if (text === null) {
    return null
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return null
  }
  if (!Array.isArray(value) || value.length === 0) {
    return null
  }
  for (let i = 0; i < value.length; i++) {
    const rec: unknown = value[i]
    if (typeof rec !== 'object' || rec === null || Array.isArray(rec) || (rec as LogRecord).seq !== firstSeq + i) {
      return null
    }
  }
  return value as LogRecord[]
}

/**
 * Reads an active segment's text. A crash while appends were being written and synced can
 * leave the last ones cut short (or, where a page never reached the disk, holding zeros):
 * those appends were never acknowledged, so they are dropped, with any whole lines written
 * after them (at most MAX_SYNCS_IN_FLIGHT appends in all). A bad line with more than that
 * after it, or a whole one with no zeros in it, is damage, not a crash: refused.
 */
export function parseActive<R extends LogRecord>(file: string, text: string, firstSeq: number): ParsedActive<R> {
  const records: R[] = []
  let offset = 0
  while (offset < text.length) {
    const end = text.indexOf('\n', offset)
    const line = parseLine(end < 0 ? text.slice(offset) : text.slice(offset, end), firstSeq + records.length)
    if (line === null || end < 0) {
      // A write cut off by a crash never reached its closing newline, or left zeros where an
      // unsynced page should be. A whole line without zeros that does not check out was
      // written complete and changed since: damage, and perhaps an acknowledged append.
      const zeros = end >= 0 && text.slice(offset, end).includes('\0')
      const laterValid = end >= 0 && laterLineIsValid(text, end + 1)
      const tornTail = end < 0 || (zeros && (!laterValid || appendsFrom(text, offset) <= MAX_SYNCS_IN_FLIGHT))
      if (!tornTail && laterValid) {
        throw new StoreCorruptError(file, `the append starting at byte ${byteOffset(text, offset)} is damaged, and appends follow it`)
      }
      if (!tornTail) {
        throw new StoreCorruptError(
          file,
          `its last append (from byte ${byteOffset(text, offset)}) is complete but damaged: ${lineProblem(text.slice(offset, end), firstSeq + records.length)}`,
        )
      }
      return { records, validBytes: byteOffset(text, offset), torn: true }
    }
    for (const rec of line) {
      records.push(rec as R)
    }
    offset = end + 1
  }
  return { records, validBytes: Buffer.byteLength(text), torn: false }
}

/** Lines (appends, whole or cut short) from `offset` to the end of the text. */
function appendsFrom(text: string, offset: number): number {
  let count = 0
  for (let i = offset; i < text.length; count++) {
    const end = text.indexOf('\n', i)
    i = end < 0 ? text.length : end + 1
  }
  return count
}

function byteOffset(text: string, offset: number): number {
  return Buffer.byteLength(text.slice(0, offset))
}

/** What is wrong with a line parseLine refused, in words. */
function lineProblem(line: string, firstSeq: number): string {
  const text = checkedText(line)
  if (text === null) {
    return 'its CRC-32 does not match (a flipped byte or a hand edit)'
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (err) {
    return `not valid JSON (${(err as Error).message})`
  }
  if (!Array.isArray(value) || value.length === 0) {
    return 'not a list of records'
  }
  const bad = value.findIndex((rec: unknown, i) => (rec as LogRecord | null)?.seq !== firstSeq + i)
  return `record #${bad}: seq ${firstSeq + bad} expected, found ${JSON.stringify((value[bad] as LogRecord | null)?.seq)}`
}

function laterLineIsValid(text: string, from: number): boolean {
  for (const line of text.slice(from).split('\n')) {
    try {
      const value: unknown = JSON.parse(CHECKSUM_SUFFIX.test(line) ? line.slice(0, line.lastIndexOf('#')) : line)
      if (Array.isArray(value) && value.length > 0) {
        return true
      }
    } catch {
      // not a line: keep looking
    }
  }
  return false
}
