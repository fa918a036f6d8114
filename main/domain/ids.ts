// Random ids for accounts and messages, prefixed by kind (a_..., m_...).
import { randomBytes } from 'node:crypto'

/**
 * Random text drawn from the system's generator 3 KiB at a time, encoded once as 4,096
 * base64url characters (6 random bits each), each character used once: a randomBytes() call
 * per id measured ~14 µs (the send path's largest single native cost), encoding a slice of
 * a byte pool per id ~1 µs, a slice of this text well under that.
 */
const POOL_BYTES = 3072
let pool = ''
let offset = 0

/** As many characters as base64url gives for `bytes` bytes, each one fully random. */
function randomText(bytes: number): string {
  const chars = Math.ceil((bytes * 4) / 3)
  if (chars > (POOL_BYTES * 4) / 3) {
    return randomBytes(bytes).toString('base64url')
  }
  if (offset + chars > pool.length) {
    pool = randomBytes(POOL_BYTES).toString('base64url')
    offset = 0
  }
  const text = pool.slice(offset, offset + chars)
  offset += chars
  return text
}

/** Random, URL-safe, opaque. */
export function randomId(prefix: string, bytes = 10): string {
  return `${prefix}_${randomText(bytes)}`
}

export const newAccountId = (): string => randomId('a', 9)
export const newMessageId = (): string => randomId('m', 12)
