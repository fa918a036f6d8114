// Account field rules (R1): handle, phone number (E.164), birth date, region.
import type { Policy } from '../policy'
import { DEFAULT_POLICY } from '../policy'
import { isRegion } from '../regions'
import { parseBirthDate } from './age'

/** R1: handles are compared and stored lower-cased (addresses strip their "@" before this). */
export function normalizeHandle(input: string): string {
  return input.trim().toLowerCase()
}

/** R1: 2-24 chars of a-z 0-9 . _ after lower-casing. Returns a sentence when invalid. */
export function handleProblem(handle: string, policy: Policy = DEFAULT_POLICY): string | null {
  const { min, max } = policy.handle
  if (handle.length < min || handle.length > max) {
    return `A handle is ${min} to ${max} characters long.`
  }
  if (!/^[a-z0-9._]+$/.test(handle)) {
    return 'A handle may use only letters a-z, digits, dots and underscores.'
  }
  return null
}

/** R1: phone numbers are E.164: "+", a country code not starting with 0, at most 15 digits. */
export function isE164(phone: string): boolean {
  return /^\+[1-9]\d{6,14}$/.test(phone)
}

/** R1: a real calendar date, not in the future and not before 1900. */
export function birthDateProblem(text: string, now: Date): string | null {
  const parsed = parseBirthDate(text)
  if (!parsed) {
    return 'A birth date is a real date written YYYY-MM-DD.'
  }
  if (parsed.year < 1900) {
    return 'A birth date cannot be before 1900.'
  }
  if (Date.UTC(parsed.year, parsed.month - 1, parsed.day) > now.getTime()) {
    return 'A birth date cannot be in the future.'
  }
  return null
}

export function regionProblem(region: string): string | null {
  return isRegion(region) ? null : 'A region is a two-letter ISO country code, e.g. US or DE.'
}
