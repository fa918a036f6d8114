// The per-sender send times behind the send caps (R12, R13): counted when a send is logged,
// taken back when the recipient's home refuses it, and dropped once too old to count
// (`keptMs`, from the policy's windows: Store.open's sendTimesKeptMs).
import type { StoredMessage } from './events'
import type { StoreState } from './state'
import { entryOf } from './state'
import type { TimeList } from './time-list'
import { dropUpTo, emptyTimeList, insertTime } from './time-list'

/** Counts a send by `from` at `at` (epoch ms: the message's sentAt, parsed once by the caller). */
export function countSend(state: StoreState, from: string, at: number, newConversation: boolean, keptMs: number): void {
  addTime(timesOf(state.sendTimes, from), at, keptMs)
  if (newConversation) {
    addTime(timesOf(state.newConversationTimes, from), at, keptMs)
  }
}

/**
 * Adds a send time and drops those `keptMs` or more before it. What is dropped is older than
 * the newest send by more than the longest window: no rule evaluated at a time after that
 * newest send minus (keptMs minus the window) counts it. The cut is taken from the sends
 * themselves, not the clock, so a replay drops exactly what the running node dropped.
 */
export function addTime(list: TimeList, at: number, keptMs: number): void {
  insertTime(list, at)
  if (keptMs !== Infinity) {
    dropUpTo(list, list.times[list.end - 1] - keptMs)
  }
}

export function timesOf(map: Map<string, TimeList>, key: string): TimeList {
  return entryOf(map, key, emptyTimeList)
}

/** The key of `pendingNewKeys`: the sender and the conversation of a pending send. */
export function pendingKey(message: StoredMessage): string {
  return `${message.from}\u0000${message.conversationId}`
}
