// Constant-time comparison of secrets (bearer tokens, peer signatures, pairing proofs),
// so a wrong guess takes as long as a right one.
import { timingSafeEqual } from 'node:crypto'

export function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * tokensEqual against one fixed secret checked on every request (the node token): its bytes,
 * and room for the given token's, are made once instead of two buffers a call.
 */
export function tokenMatcher(expected: string): (given: string) => boolean {
  const b = Buffer.from(expected)
  const a = Buffer.alloc(b.length)
  return (given) => {
    if (Buffer.byteLength(given) !== b.length) {
      return false
    }
    a.write(given)
    return timingSafeEqual(a, b)
  }
}
