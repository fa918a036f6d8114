// The body of a send (POST /accounts/{account}/messages), taken without zod when it is plainly
// valid: every send is checked, and zod's general machinery costs several times this check
// (docs/PERFORMANCE.md "P1: the send's HTTP glue"). Anything else is left to the schema, so
// every refusal is still the schema's own.
import { ADDRESS_MAX_LENGTH, CLIENT_ID_PATTERN, SEND_TEXT_MAX_LENGTH } from '@shared/schemas'
import type { sendMessageSchema } from '@shared/schemas'
import type { z } from 'zod'

type SendInput = z.output<typeof sendMessageSchema>

/**
 * What sendMessageSchema's parse gives for `value` when `value` is a plain JSON object with
 * exactly `to`, `text` and `clientId`, each valid (tests/api/send-input.test.ts holds the two
 * alike); undefined for anything else, for the schema to judge.
 */
export function plainSendInput(value: unknown): SendInput | undefined {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) {
    return undefined
  }
  const { to, text, clientId } = value as Record<string, unknown>
  if (typeof to !== 'string' || typeof text !== 'string' || typeof clientId !== 'string' || keyCount(value) !== 3) {
    return undefined
  }
  // The schema trims `to` before measuring it.
  const address = to.trim()
  if (address.length === 0 || address.length > ADDRESS_MAX_LENGTH || text.length > SEND_TEXT_MAX_LENGTH || !CLIENT_ID_PATTERN.test(clientId)) {
    return undefined
  }
  // The schema's output has its own keys in this order.
  return { to: address, text, clientId }
}

/** Own keys of a plain object, counted without making their list (an inherited one, were any, counts too). */
function keyCount(value: object): number {
  let count = 0
  for (const _ in value) {
    count++
  }
  return count
}
