// The one description of an event record, as zod schemas: store replay checks every
// record it reads against them (store/replay-check.ts), and LAN sync checks every event a
// peer sends against them, narrowed to what a peer may send (sync/peer-event-check.ts).
// The compiler checks each schema's output against the DomainEvent union of events.ts.
import { z } from 'zod'
import { accountSettingsSchema } from '@shared/api/responses/domain'
import type { RefusalCode } from '@shared/types'
import { BUSINESS_EVENT_BODY_SCHEMAS } from './business-event-schema'
import type { DomainEvent, DomainEventType } from './events'
import { OUTREACH_EVENT_SCHEMAS } from './outreach/event-schema'

const id = z.string().min(1).max(200)
const time = z.string().min(10).max(40)
/** The event's own time is read as a Date (message order, caps), so it must parse as one. */
const eventTime = time.refine((s) => !Number.isNaN(Date.parse(s)), 'not a time')

/** A refusal's code: any well-formed one, since a newer peer may know codes this node does not. */
const refusalCode = z.custom<RefusalCode>((v) => typeof v === 'string' && /^[A-Z_]{2,40}$/.test(v))

export const refusalSchema = z.object({ code: refusalCode, message: z.string().max(500), retryAt: time.optional() })

/** Stored settings are what the API answers with: one schema (shared/api/responses/domain.ts). */
export const settingsSchema = accountSettingsSchema

const statsSchema = z.object({ followers: z.number(), following: z.number(), likes: z.number(), engagementRate: z.number() })
const displayName = z.string().max(100)
const bio = z.string().max(1000)
const topics = z.array(z.string().max(60)).max(20)

export const accountSchema = z.object({
  id,
  handle: z.string().regex(/^[a-z0-9._]{1,40}$/),
  displayName,
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  phone: z.string().max(40).nullable(),
  region: z.string().regex(/^[A-Z]{2}$/),
  kind: z.enum(['personal', 'business']),
  verified: z.boolean(),
  bio,
  topics,
  stats: statsSchema,
  homeNodeId: id,
  createdAt: time,
  directoryOnly: z.boolean().optional(),
})

export const profilePatchSchema = z.object({
  displayName: displayName.optional(),
  bio: bio.optional(),
  topics: topics.optional(),
  phone: z.string().max(40).nullable().optional(),
  stats: statsSchema.optional(),
})

export const storedMessageSchema = z.object({
  id,
  conversationId: id,
  from: id,
  to: id,
  text: z.string().max(20_000),
  sentAt: time,
  clientId: z.string().max(200),
  delivery: z.enum(['pending', 'direct', 'request', 'refused']),
  refused: refusalSchema.optional(),
  /** A business's auto-message (welcome, answer, keyword reply). */
  auto: z.enum(['welcome', 'answer', 'keyword']).optional(),
})

const pair = { from: id, to: id }
/** A message key ("<sentAt>|<id>", R19) up to which something was read or hidden. */
const upTo = z.string().max(300)

type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>

/** Each event type's body (without id, origin, time and seq), once. */
export const EVENT_BODY_SCHEMAS = {
  'account.created': z.object({ type: z.literal('account.created'), account: accountSchema, settings: settingsSchema }),
  'account.updated': z.object({ type: z.literal('account.updated'), accountId: id, patch: profilePatchSchema }),
  'settings.updated': z.object({ type: z.literal('settings.updated'), accountId: id, settings: settingsSchema }),
  'follow.added': z.object({ type: z.literal('follow.added'), ...pair }),
  'follow.removed': z.object({ type: z.literal('follow.removed'), ...pair }),
  'block.added': z.object({ type: z.literal('block.added'), ...pair }),
  'block.removed': z.object({ type: z.literal('block.removed'), ...pair }),
  'message.sent': z.object({
    type: z.literal('message.sent'),
    conversationId: id,
    message: storedMessageSchema,
    newConversation: z.boolean(),
    acceptsRequest: z.boolean(),
  }),
  'message.verdict': z.object({
    type: z.literal('message.verdict'),
    conversationId: id,
    messageId: id,
    delivery: z.enum(['direct', 'request', 'refused']),
    newConversation: z.boolean(),
    acceptsRequest: z.boolean(),
    refused: refusalSchema.optional(),
  }),
  'request.accepted': z.object({ type: z.literal('request.accepted'), conversationId: id, by: id }),
  'request.deleted': z.object({ type: z.literal('request.deleted'), conversationId: id, by: id }),
  'conversation.read': z.object({ type: z.literal('conversation.read'), conversationId: id, by: id, upTo }),
  'conversation.muted': z.object({ type: z.literal('conversation.muted'), conversationId: id, by: id, muted: z.boolean(), until: time.nullable() }),
  'message.hidden': z.object({ type: z.literal('message.hidden'), conversationId: id, messageId: id, by: id }),
  'conversation.hidden': z.object({ type: z.literal('conversation.hidden'), conversationId: id, by: id, upTo }),
  ...OUTREACH_EVENT_SCHEMAS,
  ...BUSINESS_EVENT_BODY_SCHEMAS,
} satisfies { [T in DomainEventType]: z.ZodType<EventOf<T>> }

/** What every event carries wherever it is: its global id, the node it happened on, and when. */
export const eventMetaSchema = z.object({ id, origin: id, at: eventTime })

/** A record of this node's log: the meta plus its position in the log. */
export const logMetaSchema = eventMetaSchema.extend({ seq: z.number().int().min(1) })

/** "account.phone" for the first problem zod found, to say where a record is wrong. */
export function firstIssuePath(error: z.ZodError): string {
  return error.issues[0]?.path.join('.') || 'type'
}
