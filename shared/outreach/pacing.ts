// Campaign pacing (docs/API.md "Outreach"): allowed days and hours in a time zone, the margin kept
// for the person, and the projected finish. Pure: the scheduler and the renderer agree.
import type { Policy } from '../policy'
import type { SendHistory } from '../rules/caps'
import { checkCaps } from '../rules/caps'
import type { SendHours } from './types'

const MINUTE = 60_000
const WEEK_MINUTES = 7 * 24 * 60
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 }

export interface SendWindow {
  /** ISO weekdays (1 = Monday); null: every day. */
  days: readonly number[] | null
  hours: SendHours | null
  timeZone: string
}

const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    formatters.set(timeZone, f)
  }
  return f
}

/** Is `timeZone` an IANA zone this runtime knows? */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone)
    return true
  } catch {
    return false
  }
}

/** Minutes since Monday 00:00 in the zone, for the instant t. */
function minuteOfWeek(t: number, timeZone: string): number {
  let weekday = 1
  let hour = 0
  let minute = 0
  for (const part of formatter(timeZone).formatToParts(new Date(t))) {
    if (part.type === 'weekday') {
      weekday = WEEKDAYS[part.value] ?? 1
    } else if (part.type === 'hour') {
      hour = Number(part.value) % 24
    } else if (part.type === 'minute') {
      minute = Number(part.value)
    }
  }
  return (weekday - 1) * 1440 + hour * 60 + minute
}

const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

/** Is the local minute of the week inside the window? An `hours` with from > to spans midnight. */
function openAt(mow: number, window: SendWindow): boolean {
  const day = Math.floor(mow / 1440) + 1
  const m = mow % 1440
  if (window.days && !window.days.includes(day)) {
    return false
  }
  if (!window.hours) {
    return true
  }
  const from = toMinutes(window.hours.from)
  const to = toMinutes(window.hours.to)
  if (from === to) {
    return true
  }
  return from < to ? m >= from && m < to : m >= from || m < to
}

export function isOpen(t: number, window: SendWindow): boolean {
  if (!window.days && !window.hours) {
    return true
  }
  return openAt(minuteOfWeek(t, window.timeZone), window)
}

/** The first instant at or after t inside the window; null when the window is never open. */
export function nextOpen(t: number, window: SendWindow): number | null {
  if (!window.days && !window.hours) {
    return t
  }
  // Daylight-saving shifts can move the local clock under us: re-check a few times.
  for (let attempt = 0; attempt < 4; attempt++) {
    const mow = minuteOfWeek(t, window.timeZone)
    if (openAt(mow, window)) {
      return t
    }
    let d = 1
    while (d <= WEEK_MINUTES && !openAt((mow + d) % WEEK_MINUTES, window)) {
      d++
    }
    if (d > WEEK_MINUTES) {
      return null
    }
    t = Math.floor(t / MINUTE) * MINUTE + d * MINUTE
  }
  return t
}

/** The caps less one slot each: what a campaign may use, leaving the person room (R12, R13). */
export function marginPolicy(policy: Policy): Policy {
  const less = (c: Policy['caps']['personal']) => ({
    messagesPerDay: Math.max(0, c.messagesPerDay - 1),
    newConversationsPerDay: Math.max(0, c.newConversationsPerDay - 1),
    newConversationsPerBurst: Math.max(0, c.newConversationsPerBurst - 1),
  })
  return { ...policy, caps: { personal: less(policy.caps.personal), verifiedBusiness: less(policy.caps.verifiedBusiness) } }
}

export function intervalMs(perHour: number): number {
  return Math.ceil(3_600_000 / perHour)
}

export interface ProjectionInput {
  now: number
  /** No send before this (the campaign's start, or its last send plus the interval). */
  earliest: number
  perHour: number
  window: SendWindow
  /** How many sends are left; each counted as a new conversation (first messages). */
  remaining: number
  sender: { kind: string; verified: boolean }
  history: SendHistory
  policy: Policy
}

/**
 * When the last of `remaining` sends would go, pacing by perHour inside the window and under
 * the margin caps, counting the account's earlier sends. null when nothing is left or the
 * window is never open or the caps leave no room at all.
 */
export function projectFinish(input: ProjectionInput): number | null {
  if (input.remaining <= 0) {
    return null
  }
  const policy = marginPolicy(input.policy)
  const messageTimes = [...input.history.messageTimes]
  const newTimes = [...input.history.newConversationTimes]
  const step = intervalMs(input.perHour)
  let t = Math.max(input.now, input.earliest)
  let last = t
  for (let i = 0; i < input.remaining; i++) {
    for (let guard = 0; ; guard++) {
      if (guard > 1000) {
        return null
      }
      const open = nextOpen(t, input.window)
      if (open === null) {
        return null
      }
      t = open
      const refusal = checkCaps(input.sender, { messageTimes, newConversationTimes: newTimes }, true, new Date(t), policy)
      if (!refusal) {
        break
      }
      const retry = Date.parse(refusal.retryAt ?? '')
      if (!(retry > t)) {
        return null
      }
      t = retry
    }
    messageTimes.push(t)
    newTimes.push(t)
    last = t
    t += step
  }
  return last
}
