// What a message's text may be (R14): 1-2,000 characters after trimming, no control characters but LF and tab.
import type { Policy } from '../policy'
import { DEFAULT_POLICY } from '../policy'
import type { Refusal } from '../types'
import { refuse } from './refusal'

// Control characters other than LF and tab (C0, DEL and C1). CR is handled apart (CRLF -> LF).
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/

/** Length as a person counts it on a keyboard: code points, so one emoji is one character. */
export function textLength(text: string): number {
  let n = 0
  for (const _ of text) {
    n++
  }
  return n
}

/**
 * R14: 1-2,000 characters after trimming; CRLF becomes LF; a lone CR, other control
 * characters and broken UTF-16 are refused. Returns the text to store (trimmed, otherwise
 * exactly as sent) or the refusal.
 */
export function normalizeMessageText(raw: string, policy: Policy = DEFAULT_POLICY): { ok: true; text: string } | Refusal {
  if (!raw.isWellFormed()) {
    return refuse('MESSAGE_INVALID', 'The message contains a broken character.')
  }
  const text = raw.includes('\r') ? raw.replace(/\r\n/g, '\n') : raw
  if (text.includes('\r')) {
    return refuse('MESSAGE_INVALID', 'The message contains a carriage return without a new line.')
  }
  if (FORBIDDEN_CONTROL.test(text)) {
    return refuse('MESSAGE_INVALID', 'The message contains a control character.')
  }
  const trimmed = text.trim()
  if (trimmed.length === 0) {
    return refuse('MESSAGE_INVALID', 'The message is empty.')
  }
  // A text has at least as many UTF-16 units as characters: count characters only when the units are over.
  const length = trimmed.length > policy.messageMaxLength ? textLength(trimmed) : trimmed.length
  if (length > policy.messageMaxLength) {
    return refuse('MESSAGE_INVALID', `The message is ${length} characters long; the limit is ${policy.messageMaxLength}.`)
  }
  return { ok: true, text: trimmed }
}
