// What we accept from a peer. A paired node is trusted to speak for the accounts it homes
// and for nothing else: it cannot create accounts "homed" here, follow on behalf of our
// accounts, or decide a message it did not receive. Shapes are checked so that a faulty
// peer cannot break the projection; a refused event is skipped and logged.
import { z } from 'zod'
import type { RemoteEvent, Store } from '../store'
import { conversationIdFor } from '../store'

const id = z.string().min(1).max(200)
const iso = z.string().min(10).max(40)
const refusal = z.object({ code: z.string().regex(/^[A-Z_]{2,40}$/), message: z.string().max(500), retryAt: iso.optional() })
const settings = z.object({
  whoCanMessageMe: z.enum(['everyone', 'followers', 'mutual', 'nobody']),
  readReceipts: z.boolean(),
  notifications: z.object({ enabled: z.boolean(), showPreview: z.boolean(), countInBadge: z.boolean(), quietHours: z.object({ from: z.string(), to: z.string() }).nullable() }),
})
const stats = z.object({ followers: z.number(), following: z.number(), likes: z.number(), engagementRate: z.number() })
const account = z.object({
  id,
  handle: z.string().regex(/^[a-z0-9._]{1,40}$/),
  displayName: z.string().max(100),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  phone: z.null(),
  region: z.string().regex(/^[A-Z]{2}$/),
  kind: z.enum(['personal', 'business']),
  verified: z.boolean(),
  bio: z.string().max(1000),
  topics: z.array(z.string().max(60)).max(20),
  stats,
  homeNodeId: id,
  createdAt: iso,
  directoryOnly: z.boolean().optional(),
})
const message = z.object({
  id,
  conversationId: id,
  from: id,
  to: id,
  text: z.string().max(20_000),
  sentAt: iso,
  clientId: z.string().max(200),
  delivery: z.literal('pending'),
  auto: z.enum(['welcome', 'answer', 'keyword']).optional(),
})
const pair = { from: id, to: id }
const body = z.discriminatedUnion('type', [
  z.object({ type: z.literal('account.created'), account, settings }),
  z.object({
    type: z.literal('account.updated'),
    accountId: id,
    patch: z.object({ displayName: z.string().max(100).optional(), bio: z.string().max(1000).optional(), topics: z.array(z.string().max(60)).max(20).optional(), stats: stats.optional() }).strict(),
  }),
  z.object({ type: z.literal('settings.updated'), accountId: id, settings }),
  z.object({ type: z.literal('business.questions'), accountId: id, questions: z.array(z.string().max(500)).max(10) }),
  z.object({ type: z.literal('follow.added'), ...pair }),
  z.object({ type: z.literal('follow.removed'), ...pair }),
  z.object({ type: z.literal('block.added'), ...pair }),
  z.object({ type: z.literal('block.removed'), ...pair }),
  z.object({ type: z.literal('message.sent'), conversationId: id, message, newConversation: z.boolean(), acceptsRequest: z.boolean() }),
  z.object({
    type: z.literal('message.verdict'),
    conversationId: id,
    messageId: id,
    delivery: z.enum(['direct', 'request', 'refused']),
    newConversation: z.boolean(),
    acceptsRequest: z.boolean(),
    refused: refusal.optional(),
  }),
  z.object({ type: z.literal('request.accepted'), conversationId: id, by: id }),
  z.object({ type: z.literal('request.deleted'), conversationId: id, by: id }),
  z.object({ type: z.literal('conversation.read'), conversationId: id, by: id, upTo: z.string().max(300) }),
])
const meta = z.object({ id, origin: id, at: iso })

/** The event, or a sentence saying why it is refused. */
export function checkPeerEvent(store: Store, selfId: string, peerId: string, raw: unknown): RemoteEvent | string {
  const m = meta.safeParse(raw)
  if (!m.success) return 'it has no valid id, origin and time'
  const { id: eventId, origin } = m.data
  if (origin !== peerId || !eventId.startsWith(`${peerId}:`) || !/^\d+$/.test(eventId.slice(peerId.length + 1))) return `it did not happen on ${peerId}`
  const b = body.safeParse(raw)
  if (!b.success) return `its content is not valid (${b.error.issues[0]?.path.join('.') || 'type'})`
  const event = { ...b.data, ...m.data } as RemoteEvent
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
