// Constant-time comparison of secrets (bearer tokens, peer signatures, pairing proofs),
// so a wrong guess takes as long as a right one.
import { timingSafeEqual } from 'node:crypto'

export function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}
