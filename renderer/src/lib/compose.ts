// R14 as the compose box shows it: the length the node will count, and when to show it.
import { DEFAULT_POLICY } from '@shared/policy'
import { textLength } from '@shared/rules'

export const MESSAGE_LIMIT = DEFAULT_POLICY.messageMaxLength
/** The counter appears from 90 % of the limit on. */
export const COUNTER_FROM = Math.floor(MESSAGE_LIMIT * 0.9)

/** Code points after CRLF -> LF and trimming, as the node counts them. */
export function composeLength(text: string): number {
  return textLength(text.replace(/\r\n/g, '\n').trim())
}
