// Which of our events go to which peer, and in what form (docs/SYNC.md "What goes where").
import type { LogEvent, RemoteEvent, Store } from '../store'
import { PUBLIC_EVENT_TYPES } from '../store'

/** Conversation events: held by the homes of both participants, and by no other node. */
const CONVERSATION_EVENT_TYPES = new Set(['message.sent', 'message.verdict', 'request.accepted', 'request.deleted', 'conversation.read'])
// Mute and delete-for-me (R16, R17) are one viewer's private choices: they never leave its home.

const NEUTRAL_NOTIFICATIONS = { enabled: true, showPreview: true, countInBadge: true, quietHours: null }

function participants(store: Store, event: LogEvent): readonly string[] {
  if (event.type === 'message.sent') {
    return [event.message.from, event.message.to]
  }
  if ('conversationId' in event) {
    return store.conversation(event.conversationId)?.participants ?? []
  }
  return []
}

/** Does this event of ours belong on `peerId`? */
export function isFor(store: Store, event: LogEvent, peerId: string): boolean {
  if (PUBLIC_EVENT_TYPES.has(event.type)) {
    return true
  }
  if (!CONVERSATION_EVENT_TYPES.has(event.type)) {
    return false
  }
  return participants(store, event).some((id) => store.account(id)?.homeNodeId === peerId)
}

/**
 * The copy a peer gets: no seq (it is ours), and no private detail another node does not
 * need. The phone number is dropped (R3 is checked by the sender's home alone), as are
 * notification preferences. The birth date stays: R2 is checked on both homes.
 */
export function redact(event: LogEvent): RemoteEvent {
  const { seq: _seq, ...rest } = event
  switch (rest.type) {
    case 'account.created':
      return { ...rest, account: { ...rest.account, phone: null }, settings: { ...rest.settings, notifications: NEUTRAL_NOTIFICATIONS } }
    case 'account.updated': {
      const { phone: _phone, ...patch } = rest.patch
      return { ...rest, patch }
    }
    case 'settings.updated':
      return { ...rest, settings: { ...rest.settings, notifications: NEUTRAL_NOTIFICATIONS } }
    default:
      return rest
  }
}

export interface OutboxBatch {
  /** Our events for the peer, oldest first, already redacted. */
  events: RemoteEvent[]
  /** The last of our seqs this batch accounts for (events after `after` up to here). */
  upTo: number
}

const SCAN_CHUNK = 1000

/** Our durable events after `after`, oldest first, read from the log a chunk at a time. */
function* eventsFrom(store: Store, after: number): Generator<LogEvent> {
  for (let upTo = after; ; ) {
    const chunk = store.eventsAfter(upTo, SCAN_CHUNK)
    if (chunk.length === 0) {
      return
    }
    yield* chunk
    upTo = chunk[chunk.length - 1].seq
  }
}

/** Is this our own event for the peer? Every node sends only what happened on it (see outbox). */
function owedTo(store: Store, event: LogEvent, peerId: string): boolean {
  return event.origin === store.nodeId && isFor(store, event, peerId)
}

/**
 * Our own events after `after` that belong on the peer, at most `limit`. Only events that
 * happened here are sent (origin = this node): every node sends its own, and there is no
 * relay through a third node, so a network must be paired as a full mesh.
 */
export function outbox(store: Store, peerId: string, after: number, limit: number): OutboxBatch {
  const events: RemoteEvent[] = []
  let upTo = after
  if (limit <= 0) {
    return { events, upTo }
  }
  for (const event of eventsFrom(store, after)) {
    upTo = event.seq
    if (!owedTo(store, event, peerId)) {
      continue
    }
    events.push(redact(event))
    if (events.length >= limit) {
      break
    }
  }
  return { events, upTo }
}

/** How many of our events the peer has not acknowledged yet ("events behind"). */
export function countOwed(store: Store, peerId: string, after: number): number {
  let count = 0
  for (const event of eventsFrom(store, after)) {
    if (owedTo(store, event, peerId)) {
      count++
    }
  }
  return count
}
