// Which events of our log go to which peer, and in what form (docs/SYNC.md "What goes where").
import type { LogEvent, RemoteEvent, Store } from '../store'
import { PUBLIC_EVENT_TYPES } from '../store'

/** Conversation events: held by the homes of both participants (and relays on the way). */
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

/** Where events are going: this node, and which paired node leads to a given node. */
export interface Router {
  selfId: string
  nextHop(nodeId: string): string | undefined
}

/**
 * Does this event in our log belong on `peerId`? Ours or relayed, it never goes back to its
 * origin. Events about people go to every peer (flooding: a node that has one already drops
 * it by id). Conversation events go towards the homes of the participants that do not hold
 * them yet: to the peer that is that home, or that leads to it; when we cannot tell (a
 * conversation or a route we do not know), to every peer, so nothing is stranded.
 */
export function isFor(store: Store, router: Router, event: LogEvent, peerId: string): boolean {
  if (event.origin === peerId) {
    return false
  }
  if (PUBLIC_EVENT_TYPES.has(event.type)) {
    return true
  }
  if (!CONVERSATION_EVENT_TYPES.has(event.type)) {
    return false
  }
  const homes = participants(store, event).map((id) => store.account(id)?.homeNodeId)
  if (homes.length === 0 || homes.includes(undefined)) {
    return true
  }
  const targets = homes.filter((home) => home !== router.selfId && home !== event.origin) as string[]
  return targets.some((home) => {
    const hop = router.nextHop(home)
    return hop === undefined || hop === peerId
  })
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

/**
 * Events in our log after `after` that belong on the peer, at most `limit`: our own and the
 * ones we relay (docs/SYNC.md "Beyond a full mesh"). Each node logs an event once (by id)
 * and sends each logged event to each peer at most once, so nothing loops.
 */
export function outbox(store: Store, router: Router, peerId: string, after: number, limit: number): OutboxBatch {
  const events: RemoteEvent[] = []
  let upTo = after
  if (limit <= 0) {
    return { events, upTo }
  }
  for (const event of eventsFrom(store, after)) {
    upTo = event.seq
    if (!isFor(store, router, event, peerId)) {
      continue
    }
    events.push(redact(event))
    if (events.length >= limit) {
      break
    }
  }
  return { events, upTo }
}

export interface Owed {
  /** Events the peer has not acknowledged yet ("events behind"). */
  count: number
  /** When the oldest of them was logged here (ISO 8601), or null when none is owed. */
  oldestAt: string | null
}

/** What the peer still lacks of our log after its acknowledged cursor. */
export function owed(store: Store, router: Router, peerId: string, after: number): Owed {
  let count = 0
  let oldestAt: string | null = null
  for (const event of eventsFrom(store, after)) {
    if (!isFor(store, router, event, peerId)) {
      continue
    }
    count++
    oldestAt ??= event.at
  }
  return { count, oldestAt }
}
