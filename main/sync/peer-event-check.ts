// What we accept from a peer. An event speaks for its origin node, which is believed for the
// accounts it homes and for nothing else: it cannot create accounts "homed" here, follow on
// behalf of our accounts, or decide a message it did not receive. A peer may relay events of
// nodes behind it (docs/SYNC.md "Beyond a full mesh"), never events said to be ours. Shapes
// are checked so that a faulty peer cannot break the projection; a refused event is skipped
// and logged.
import { z } from 'zod'
import type { DomainEventType, RemoteEvent, Store } from '../store'
import { accountSchema, conversationIdFor, EVENT_BODY_SCHEMAS, eventMetaSchema, firstIssuePath, profilePatchSchema, storedMessageSchema } from '../store'

/**
 * The event schemas (store/event-schema.ts), narrowed to what a peer may send: only the
 * replicated types (docs/SYNC.md "What goes where"), redacted (no phone number), a message
 * still pending (its recipient's home decides it; a relay passes it on), and no unknown
 * profile fields.
 */
const PEER_SCHEMAS: Partial<Record<DomainEventType, z.ZodType>> = {
  'account.created': EVENT_BODY_SCHEMAS['account.created'].extend({ account: accountSchema.extend({ phone: z.null() }) }),
  'account.updated': EVENT_BODY_SCHEMAS['account.updated'].extend({ patch: profilePatchSchema.omit({ phone: true }).strict() }),
  'settings.updated': EVENT_BODY_SCHEMAS['settings.updated'],
  'follow.added': EVENT_BODY_SCHEMAS['follow.added'],
  'follow.removed': EVENT_BODY_SCHEMAS['follow.removed'],
  'block.added': EVENT_BODY_SCHEMAS['block.added'],
  'block.removed': EVENT_BODY_SCHEMAS['block.removed'],
  'message.sent': EVENT_BODY_SCHEMAS['message.sent'].extend({ message: storedMessageSchema.omit({ refused: true }).extend({ delivery: z.literal('pending') }) }),
  'business.questions': EVENT_BODY_SCHEMAS['business.questions'],
  'message.verdict': EVENT_BODY_SCHEMAS['message.verdict'],
  'request.accepted': EVENT_BODY_SCHEMAS['request.accepted'],
  'request.deleted': EVENT_BODY_SCHEMAS['request.deleted'],
  'conversation.read': EVENT_BODY_SCHEMAS['conversation.read'],
}

/** The event, or a sentence saying why it is refused. */
export function checkPeerEvent(store: Store, selfId: string, raw: unknown): RemoteEvent | string {
  const m = eventMetaSchema.safeParse(raw)
  if (!m.success) {
    return 'it has no valid id, origin and time'
  }
  const { id: eventId, origin } = m.data
  if (!/^n_[A-Za-z0-9]{1,64}$/.test(origin) || !eventId.startsWith(`${origin}:`) || !/^\d+$/.test(eventId.slice(origin.length + 1))) {
    return `its id does not name its origin ${origin}`
  }
  // Our own events come back only as duplicates, which are skipped before this check.
  if (origin === selfId) {
    return 'it claims to have happened on this node'
  }
  const type = (raw as { type?: unknown }).type
  const body = typeof type === 'string' && Object.hasOwn(PEER_SCHEMAS, type) ? PEER_SCHEMAS[type as DomainEventType] : undefined
  if (!body) {
    return 'its content is not valid (type)'
  }
  const b = body.safeParse(raw)
  if (!b.success) {
    return `its content is not valid (${firstIssuePath(b.error)})`
  }
  const event = { ...(b.data as object), ...m.data } as RemoteEvent
  const problem = authorityProblem(store, origin, event)
  return problem ?? event
}

function homeOf(store: Store, accountId: string): string | undefined {
  return store.account(accountId)?.homeNodeId
}

/** May `origin` say this? We may only be relaying it (see the conversation cases). */
function authorityProblem(store: Store, origin: string, e: RemoteEvent): string | null {
  const originHomes = (accountId: string) => homeOf(store, accountId) === origin
  switch (e.type) {
    case 'account.created': {
      const known = store.account(e.account.id)
      if (e.account.homeNodeId !== origin || (known && known.homeNodeId !== origin)) {
        return 'the account is not homed on the origin'
      }
      return null
    }
    case 'account.updated':
    case 'settings.updated':
    case 'business.questions':
      return originHomes(e.accountId) ? null : 'the account is not homed on the origin'
    case 'follow.added':
    case 'follow.removed':
    case 'block.added':
    case 'block.removed':
      // The target may live on a node we do not know (yet): follows are kept by id.
      return originHomes(e.from) ? null : 'the actor is not homed on the origin'
    case 'message.sent': {
      // To an account homed here (we decide it), or relayed towards the recipient's home.
      const msg = e.message
      if (!originHomes(msg.from)) {
        return 'the message is not from an account homed on its origin'
      }
      if (msg.conversationId !== e.conversationId || e.conversationId !== conversationIdFor(msg.from, msg.to)) {
        return 'the conversation id does not match'
      }
      return null
    }
    case 'message.verdict': {
      // Its own conversation first (the usual case, a narrow search), then anywhere.
      const msg = store.message(e.messageId, e.conversationId) ?? store.message(e.messageId)
      // A relay need not hold the message (a verdict may take another path back): it passes it on.
      if (!msg) {
        return null
      }
      if (msg.conversationId !== e.conversationId) {
        return 'the conversation id does not match'
      }
      return originHomes(msg.to) ? null : 'the origin is not the recipient home of that message'
    }
    case 'request.accepted':
    case 'request.deleted':
    case 'conversation.read': {
      const conv = store.conversation(e.conversationId)
      // Unknown here: we only relay it; the homes, which hold the conversation, check it.
      if (!conv) {
        return null
      }
      return conv.participants.includes(e.by) && originHomes(e.by) ? null : 'the actor is not homed on the origin'
    }
    default:
      return 'this kind of event is not replicated'
  }
}
