// The per-sender send times behind the send caps (R12, R13): counted when a send is logged,
// taken back when the recipient's home refuses it.
import type { StoredMessage } from './events'
import type { StoreState } from './state'
import { entryOf } from './state'

export function countSend(state: StoreState, message: StoredMessage, newConversation: boolean): void {
  const at = Date.parse(message.sentAt)
  insertTime(timesOf(state.sendTimes, message.from), at)
  if (newConversation) {
    insertTime(timesOf(state.newConversationTimes, message.from), at)
  }
}

export function timesOf(map: Map<string, number[]>, key: string): number[] {
  return entryOf(map, key, (): number[] => [])
}

/** The key of `pendingNewKeys`: the sender and the conversation of a pending send. */
export function pendingKey(message: StoredMessage): string {
  return `${message.from}\u0000${message.conversationId}`
}

export function removeTime(list: number[] | undefined, t: number): void {
  const i = list?.lastIndexOf(t) ?? -1
  if (i >= 0) {
    list!.splice(i, 1)
  }
}

export function insertTime(list: number[], t: number): void {
  let i = list.length
  while (i > 0 && list[i - 1] > t) {
    i--
  }
  list.splice(i, 0, t)
}
