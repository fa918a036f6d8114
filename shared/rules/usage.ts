// Caps made visible (docs/API.md "Usage"): how much of R12/R13 an account has used and when a
// slot frees. The same counting as checkCaps, so what the person sees is what the rules do.
import type { Policy } from '../policy'
import type { Usage, UsageWindow } from '../outreach/types'
import type { SendHistory, Times } from './caps'
import { capsFor, firstInWindow, nextSlot } from './caps'

interface Counted extends UsageWindow {
  /** The oldest counted time: it frees a slot at oldest + windowMs. */
  oldest: number | null
  /** When one more becomes possible, when the window is full. */
  fullUntil: number | null
}

function count(times: Times, limit: number, windowMs: number, now: number): Counted {
  const from = firstInWindow(times, windowMs, now)
  const used = times.length - from
  return {
    used,
    limit,
    oldest: used > 0 ? times[from] + windowMs : null,
    fullUntil: nextSlot(times, limit, windowMs, now),
  }
}

/**
 * R12 (rolling 24 hours) and R13 (burst of new conversations). `nextFreeAt`: when a full
 * window has a slot again (the latest, if several are full); otherwise when the oldest
 * counted send leaves its window; null when nothing is counted.
 */
export function capUsage(sender: { kind: string; verified: boolean }, history: SendHistory, now: Date, policy: Policy): Usage {
  const caps = capsFor(sender, policy)
  const t = now.getTime()
  const windows = [
    count(history.messageTimes, caps.messagesPerDay, policy.capWindowMs, t),
    count(history.newConversationTimes, caps.newConversationsPerDay, policy.capWindowMs, t),
    count(history.newConversationTimes, caps.newConversationsPerBurst, policy.burstWindowMs, t),
  ]
  const full = windows.flatMap((w) => (w.fullUntil === null ? [] : [w.fullUntil]))
  const oldest = windows.flatMap((w) => (w.oldest === null ? [] : [w.oldest]))
  const next = full.length > 0 ? Math.max(...full) : oldest.length > 0 ? Math.min(...oldest) : null
  const [messages, newConversations, burst] = windows.map(({ used, limit }) => ({ used, limit }))
  return { messages, newConversations, burst, nextFreeAt: next === null ? null : new Date(next).toISOString() }
}
