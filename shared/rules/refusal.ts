// Refusals: the code order that decides which refusal wins, and the refusal constructor.
import type { Refusal, RefusalCode } from '../types'

/**
 * When several rules refuse one send, the reply names the first of these (docs/RULES.md,
 * "Which refusal wins"). Checks run in this order, so the first refusal found wins.
 */
export const SEND_REFUSAL_ORDER: readonly RefusalCode[] = [
  'MESSAGE_INVALID',
  'AGE_RESTRICTED',
  'PHONE_REQUIRED',
  'BLOCKED',
  'REQUEST_DECLINED',
  'REQUEST_PENDING',
  'NOT_FOLLOWING',
  'RECIPIENT_NOT_ACCEPTING',
  'RATE_LIMITED',
  'DAILY_CAP',
]

export function refuse(code: RefusalCode, message: string, retryAt?: Date): Refusal {
  return retryAt ? { ok: false, code, message, retryAt: retryAt.toISOString() } : { ok: false, code, message }
}
