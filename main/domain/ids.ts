// Random ids for accounts and messages, prefixed by kind (a_..., m_...).
import { randomBytes } from 'node:crypto'

/** Random, URL-safe, opaque. */
export function randomId(prefix: string, bytes = 10): string {
  return `${prefix}_${randomBytes(bytes).toString('base64url')}`
}

export const newAccountId = (): string => randomId('a', 9)
export const newMessageId = (): string => randomId('m', 12)
