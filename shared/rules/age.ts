// Ages from birth dates on the day of the action, in UTC (R2 under-16, R4 minors).
import type { Policy } from '../policy'
import { DEFAULT_POLICY } from '../policy'

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/

type DateParts = Readonly<{ year: number; month: number; day: number }>

/**
 * Birth dates already parsed: every send checks both parties' ages (R2), and the same few
 * dates come back each time. Bounded: only 10-character texts, emptied at MAX_CACHED.
 */
const parsed = new Map<string, DateParts | null>()
const MAX_CACHED = 10_000

/** Parses "YYYY-MM-DD" into UTC parts (frozen: shared between calls), or null when it is not a real calendar date. */
export function parseBirthDate(text: string): DateParts | null {
  if (text.length !== 10) {
    // Not "YYYY-MM-DD" at all (any input a form sends): answered without keeping it.
    return null
  }
  let parts = parsed.get(text)
  if (parts === undefined) {
    parts = parseDate(text)
    if (parsed.size >= MAX_CACHED) {
      parsed.clear()
    }
    parsed.set(text, parts)
  }
  return parts
}

function parseDate(text: string): DateParts | null {
  const m = DATE_RE.exec(text)
  if (!m) {
    return null
  }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const probe = new Date(Date.UTC(year, month - 1, day))
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return null
  }
  return Object.freeze({ year, month, day })
}

/**
 * Age in whole years on the day of `now`, in UTC (R2). Someone born on 29 February
 * has their birthday on 1 March in years without one.
 */
export function ageOn(birthDate: string, now: Date): number {
  const b = parseBirthDate(birthDate)
  if (!b) {
    return Number.NaN
  }
  const y = now.getUTCFullYear()
  const m = now.getUTCMonth() + 1
  const d = now.getUTCDate()
  const hadBirthday = m > b.month || (m === b.month && d >= b.day)
  return y - b.year - (hadBirthday ? 0 : 1)
}

/** R2: direct messages are off, both ways, for anyone under the minimum age. */
export function canUseMessages(birthDate: string, now: Date, policy: Policy = DEFAULT_POLICY): boolean {
  return ageOn(birthDate, now) >= policy.minAgeForMessages
}

export function isMinor(birthDate: string, now: Date, policy: Policy = DEFAULT_POLICY): boolean {
  return ageOn(birthDate, now) < policy.adultAge
}
