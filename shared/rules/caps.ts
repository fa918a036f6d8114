// Spam limits over rolling windows: daily caps (R12) and the new-conversation burst limit (R13).
import type { Policy } from '../policy'
import type { Refusal } from '../types'
import { refuse } from './refusal'

export interface CapLimits {
  messagesPerDay: number
  newConversationsPerDay: number
  newConversationsPerBurst: number
}

/** R12/R13: verified business accounts get the larger caps. */
export function capsFor(sender: { kind: string; verified: boolean }, policy: Policy): CapLimits {
  return sender.kind === 'business' && sender.verified ? policy.caps.verifiedBusiness : policy.caps.personal
}

/** Epoch ms of earlier events, ascending: an array, or the store's typed view of its send times. */
export type Times = readonly number[] | Float64Array

/**
 * How long before a sender's newest send its times are kept (the store drops older ones):
 * twice the longest window, so a rule evaluated up to one window before that newest send
 * (a clock stepped back, a peer's clock a little ahead) still sees every time it counts.
 */
export function sendTimesKeptMs(policy: Policy): number {
  return 2 * Math.max(policy.capWindowMs, policy.burstWindowMs)
}

/** Index of the first time inside the window of `windowMs` ending at `now` (binary search: times ascending). */
export function firstInWindow(times: Times, windowMs: number, now: number): number {
  let lo = 0
  let hi = times.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (times[mid] > now - windowMs) {
      hi = mid
    } else {
      lo = mid + 1
    }
  }
  return lo
}

/**
 * With `times` (epoch ms, ascending) of earlier events, when may one more happen without
 * exceeding `limit` in any window of `windowMs` ending now? null when it may happen now.
 */
export function nextSlot(times: Times, limit: number, windowMs: number, now: number): number | null {
  const lo = firstInWindow(times, windowMs, now)
  const inWindow = times.length - lo
  if (inWindow < limit) {
    return null
  }
  // The send becomes possible once enough of the oldest in-window events have aged out.
  return times[lo + (inWindow - limit)] + windowMs
}

export interface SendHistory {
  /** sentAt (epoch ms, ascending) of the sender's delivered messages, at least the last cap window. */
  messageTimes: Times
  /** sentAt (epoch ms, ascending) of the sender's delivered first messages of conversations, at least the last cap window. */
  newConversationTimes: Times
}

/** R13 then R12: the burst limit on new conversations, then the daily caps. */
export function checkCaps(sender: { kind: string; verified: boolean }, history: SendHistory, newConversation: boolean, now: Date, policy: Policy): Refusal | null {
  const caps = capsFor(sender, policy)
  const t = now.getTime()
  if (newConversation) {
    const burst = nextSlot(history.newConversationTimes, caps.newConversationsPerBurst, policy.burstWindowMs, t)
    if (burst !== null) {
      return refuse(
        'RATE_LIMITED',
        `You have started ${caps.newConversationsPerBurst} new conversations in the last ${policy.burstWindowMs / 60_000} minutes. Try again shortly.`,
        new Date(burst),
      )
    }
  }
  const daily = nextSlot(history.messageTimes, caps.messagesPerDay, policy.capWindowMs, t)
  const dailyNew = newConversation ? nextSlot(history.newConversationTimes, caps.newConversationsPerDay, policy.capWindowMs, t) : null
  if (daily !== null || dailyNew !== null) {
    const retry = Math.max(daily ?? 0, dailyNew ?? 0)
    const what = daily !== null ? `${caps.messagesPerDay} messages` : `${caps.newConversationsPerDay} new conversations`
    return refuse('DAILY_CAP', `You have reached the limit of ${what} in 24 hours.`, new Date(retry))
  }
  return null
}
