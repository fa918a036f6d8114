// What we accept from a peer. An event speaks for its origin node, which is believed for the
// accounts it homes and for nothing else: it cannot create accounts "homed" here, follow on
// behalf of our accounts, or decide a message it did not receive. A peer may relay events of
// nodes behind it (docs/SYNC.md "Beyond a full mesh"), never events said to be ours. Shapes
// are checked so that a faulty peer cannot break the projection; a refused event is skipped
// and logged.
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
const meta = z.object({ id, origin: z.string().regex(/^n_[A-Za-z0-9]{1,64}$/), at: iso })

/** The event, or a sentence saying why it is refused. */
export function checkPeerEvent(store: Store, selfId: string, raw: unknown): RemoteEvent | string {
  const m = meta.safeParse(raw)
  if (!m.success) return 'it has no valid id, origin and time'
  const { id: eventId, origin } = m.data
  if (!eventId.startsWith(`${origin}:`) || !/^\d+$/.test(eventId.slice(origin.length + 1))) return `its id does not name its origin ${origin}`
  // Our own events come back only as duplicates, which are skipped before this check.
  if (origin === selfId) return 'it claims to have happened on this node'
  const b = body.safeParse(raw)
  if (!b.success) return `its content is not valid (${b.error.issues[0]?.path.join('.') || 'type'})`
  const event = { ...b.data, ...m.data } as RemoteEvent
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
      if (e.account.homeNodeId !== origin || (known && known.homeNodeId !== origin)) return 'the account is not homed on the origin'
      return null
    }
    case 'account.updated':
    case 'settings.updated':
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
      if (!originHomes(msg.from)) return 'the message is not from an account homed on its origin'
      if (msg.conversationId !== e.conversationId || e.conversationId !== conversationIdFor(msg.from, msg.to)) return 'the conversation id does not match'
      return null
    }
    case 'message.verdict': {
      const msg = store.message(e.messageId)
      // A relay need not hold the message (a verdict may take another path back): it passes it on.
      if (!msg) return null
      if (msg.conversationId !== e.conversationId) return 'the conversation id does not match'
      return originHomes(msg.to) ? null : 'the origin is not the recipient home of that message'
    }
    case 'request.accepted':
    case 'request.deleted':
    case 'conversation.read': {
      const conv = store.conversation(e.conversationId)
      // Unknown here: we only relay it; the homes, which hold the conversation, check it.
      if (!conv) return null
      return conv.participants.includes(e.by) && originHomes(e.by) ? null : 'the actor is not homed on the origin'
    }
    default:
      return 'this kind of event is not replicated'
  }
}
