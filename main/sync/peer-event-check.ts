// What we accept from a peer. A paired node is trusted to speak for the accounts it homes
// and for nothing else: it cannot create accounts "homed" here, follow on behalf of our
// accounts, or decide a message it did not receive. Shapes are checked so that a faulty
// peer cannot break the projection; a refused event is skipped and logged.
import { z } from 'zod'
import type { DomainEventType, RemoteEvent, Store } from '../store'
import { accountSchema, conversationIdFor, EVENT_BODY_SCHEMAS, eventMetaSchema, firstIssuePath, profilePatchSchema, storedMessageSchema } from '../store'

/**
 * The event schemas (store/event-schema.ts), narrowed to what a peer may send: only the
 * replicated types (docs/SYNC.md "What goes where"), redacted (no phone number), a message
 * still pending (its recipient's home, here, decides it), and no unknown profile fields.
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
export function checkPeerEvent(store: Store, selfId: string, peerId: string, raw: unknown): RemoteEvent | string {
  const m = eventMetaSchema.safeParse(raw)
  if (!m.success) return 'it has no valid id, origin and time'
  const { id: eventId, origin } = m.data
  if (origin !== peerId || !eventId.startsWith(`${peerId}:`) || !/^\d+$/.test(eventId.slice(peerId.length + 1))) return `it did not happen on ${peerId}`
  const type = (raw as { type?: unknown }).type
  const body = typeof type === 'string' && Object.hasOwn(PEER_SCHEMAS, type) ? PEER_SCHEMAS[type as DomainEventType] : undefined
  if (!body) return 'its content is not valid (type)'
  const b = body.safeParse(raw)
  if (!b.success) return `its content is not valid (${firstIssuePath(b.error)})`
  const event = { ...(b.data as object), ...m.data } as RemoteEvent
  const problem = authorityProblem(store, selfId, peerId, event)
  return problem ?? event
}

function homeOf(store: Store, accountId: string): string | undefined {
  return store.account(accountId)?.homeNodeId
}

function authorityProblem(store: Store, selfId: string, peerId: string, e: RemoteEvent): string | null {
  const peerHomes = (accountId: string) => homeOf(store, accountId) === peerId
  switch (e.type) {
    case 'account.created': {
      const known = store.account(e.account.id)
      if (e.account.homeNodeId !== peerId || (known && known.homeNodeId !== peerId)) return 'the account is not homed on the sender'
      return null
    }
    case 'account.updated':
    case 'settings.updated':
    case 'business.questions':
      return peerHomes(e.accountId) ? null : 'the account is not homed on the sender'
    case 'follow.added':
    case 'follow.removed':
    case 'block.added':
    case 'block.removed':
      // The target may live on a node we are not (yet) paired with: follows are kept by id.
      return peerHomes(e.from) ? null : 'the actor is not homed on the sender'
    case 'message.sent': {
      const msg = e.message
      if (!peerHomes(msg.from) || homeOf(store, msg.to) !== selfId) return 'the message is not from the sender to an account homed here'
      if (msg.conversationId !== e.conversationId || e.conversationId !== conversationIdFor(msg.from, msg.to)) return 'the conversation id does not match'
      return null
    }
    case 'message.verdict': {
      const msg = store.message(e.messageId)
      if (!msg || msg.conversationId !== e.conversationId) return 'the message is unknown here'
      return peerHomes(msg.to) && homeOf(store, msg.from) === selfId ? null : 'the sender is not the recipient home of that message'
    }
    case 'request.accepted':
    case 'request.deleted':
    case 'conversation.read': {
      const conv = store.conversation(e.conversationId)
      return conv && conv.participants.includes(e.by) && peerHomes(e.by) ? null : 'the actor is not homed on the sender'
    }
    default:
      return 'this kind of event is not replicated'
  }
}
