// An event's SSE frame (`id: <seq>\ndata: <json>\n\n`), as the live stream sends it. Message
// events, nearly all of what a stream carries, are written straight from the stored fields:
// JSON.stringify only on the string values, instead of building the presented object and
// serialising it whole (measured 6.3 -> 1.3 µs a frame: docs/PERFORMANCE.md "SSE frames and the peer path").
// The bytes are the same as JSON.stringify(presentEvent(...)) gives; tests/api/event-frame.test.ts
// checks that over random messages.
import type { MessageDelivery } from '@shared/types'
import type { LogEvent, Store, StoredMessage } from '../store'
import { messageShown, presentEvent } from './present'

/** The frame of an event for this node's clients, or null when they must not see it. */
export function eventFrame(store: Store, event: LogEvent, nodeId: string): Buffer | null {
  if (event.type === 'message.sent' || event.type === 'message.verdict') {
    const shown = messageShown(store, event, nodeId)
    if (shown === 'hidden') {
      return null
    }
    if (shown && writtenDirectly(event, shown.message, shown.delivery)) {
      return Buffer.from(messageFrame(event.seq, event.at, event.conversationId, shown.message, shown.delivery))
    }
  }
  const data = presentEvent(store, event, nodeId)
  return data ? Buffer.from(`id: ${event.seq}\ndata: ${JSON.stringify(data)}\n\n`) : null
}

const q = JSON.stringify as (s: string) => string

/**
 * A `message.sent` frame with the keys in presentEvent's order: seq, at, type, conversationId,
 * message (as shownMessage() in present.ts lays it out: id, from, to, text, sentAt, delivery, auto).
 */
export function messageFrame(seq: number, at: string, conversationId: string, m: StoredMessage, delivery: MessageDelivery): string {
  const auto = m.auto ? `,"auto":${q(m.auto)}` : ''
  return (
    `id: ${seq}\ndata: {"seq":${seq},"at":${q(at)},"type":"message.sent","conversationId":${q(conversationId)},` +
    `"message":{"id":${q(m.id)},"from":${q(m.from)},"to":${q(m.to)},"text":${q(m.text)},"sentAt":${q(m.sentAt)},"delivery":${q(delivery)}${auto}}}\n\n`
  )
}

/**
 * Whether every field has the type the direct writer assumes (the store's schema says so; a
 * value of another type would serialise differently, so such an event takes the general path).
 */
function writtenDirectly(event: LogEvent & { conversationId: string }, m: StoredMessage, delivery: MessageDelivery): boolean {
  return (
    Number.isSafeInteger(event.seq) &&
    typeof event.at === 'string' &&
    typeof event.conversationId === 'string' &&
    typeof m.id === 'string' &&
    typeof m.from === 'string' &&
    typeof m.to === 'string' &&
    typeof m.text === 'string' &&
    typeof m.sentAt === 'string' &&
    typeof delivery === 'string' &&
    (!m.auto || typeof m.auto === 'string')
  )
}
