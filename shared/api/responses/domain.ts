// Response schemas of accounts, relations, messages and conversations: the shapes of
// shared/types.ts as zod, for the OpenAPI document (tests/api/response-schemas.test.ts keeps them equal).
import { z } from 'zod'
import { SEND_REFUSAL_ORDER } from '../../rules/refusal'
import { component } from './registry'

const isoTime = z.string()
export const deliverySchema = component('Delivery', z.enum(['direct', 'request', 'pending']))
export const folderSchema = component('Folder', z.enum(['inbox', 'requests']))
export const autoKindSchema = component('AutoKind', z.enum(['welcome', 'answer', 'keyword']))
/** Every code a rule refuses with: a send's (in the rules' order), then the account rules'. */
export const refusalCodeSchema = component('RefusalCode', z.enum([...SEND_REFUSAL_ORDER, 'SETTING_NOT_ALLOWED', 'HANDLE_INVALID', 'HANDLE_TAKEN']))

export const accountRefSchema = component('AccountRef', z.object({ id: z.string(), handle: z.string(), displayName: z.string() }))

const publicAccountShape = {
  id: z.string(),
  handle: z.string(),
  displayName: z.string(),
  kind: z.enum(['personal', 'business']),
  verified: z.boolean(),
  region: z.string(),
  bio: z.string(),
  topics: z.array(z.string()),
  stats: z.object({ followers: z.number(), following: z.number(), likes: z.number(), engagementRate: z.number() }),
  homeNodeId: z.string().describe('Id of the node that is the authority for this account.'),
  createdAt: isoTime,
  directoryOnly: z.boolean().optional().describe('A profile hosted for the directory: nobody is signed in to it here.'),
}
export const publicAccountSchema = component('PublicAccount', z.object(publicAccountShape), 'What every node may know of an account (R1).')
export const accountViewSchema = component(
  'AccountView',
  z.object({
    ...publicAccountShape,
    local: z.boolean().describe('Homed on the node that answered.'),
    birthDate: z.string().optional(),
    phone: z.string().nullable().optional(),
  }),
  'An account as the API shows it: private fields only for accounts homed on this node.',
)

export const accountSettingsSchema = component(
  'AccountSettings',
  z.object({
    whoCanMessageMe: z.enum(['everyone', 'followers', 'mutual', 'nobody']),
    readReceipts: z.boolean(),
    notifications: z.object({
      enabled: z.boolean(),
      showPreview: z.boolean(),
      countInBadge: z.boolean(),
      quietHours: z.object({ from: z.string(), to: z.string() }).nullable(),
    }),
  }),
)

export const refusalSchema = component(
  'Refusal',
  z.object({ ok: z.literal(false), code: refusalCodeSchema, message: z.string(), retryAt: isoTime.optional() }),
  "A rule's refusal: a stable code and a sentence a person understands.",
)
const sendPreviewSchema = z.union([z.object({ ok: z.literal(true), delivery: deliverySchema }), refusalSchema])
export const relationSchema = component(
  'Relation',
  z.object({
    following: z.boolean(),
    followedBy: z.boolean(),
    blocking: z.boolean(),
    blockedBy: z.boolean(),
    conversationId: z.string().nullable(),
    preview: sendPreviewSchema,
    previewIfFollowing: sendPreviewSchema.nullable(),
  }),
  'How a send to someone would go now, and after following them.',
)

export const messageSchema = component(
  'Message',
  z.object({
    id: z.string(),
    from: z.string(),
    text: z.string(),
    sentAt: isoTime,
    seen: z.boolean().optional().describe('Present and true only where R15 lets the viewer (the sender) see it.'),
    delivery: z.enum(['pending', 'refused']).optional(),
    refused: z.object({ code: refusalCodeSchema, message: z.string(), retryAt: isoTime.optional() }).optional(),
    auto: autoKindSchema.optional(),
  }),
)

export const conversationSummarySchema = component(
  'ConversationSummary',
  z.object({
    id: z.string(),
    with: accountRefSchema,
    folder: folderSchema,
    unread: z.number(),
    muted: z.boolean(),
    mutedUntil: isoTime.nullable(),
    lastMessage: messageSchema.nullable(),
    state: z.enum(['open', 'request-received', 'request-sent']),
    lastActivityAt: isoTime,
    labels: z.array(z.string()).optional().describe("Ids of the viewer's own labels on this conversation."),
  }),
)

export const inboxCountsSchema = component(
  'InboxCounts',
  z.object({
    unread: z.number().describe('Unread messages in the inbox folder.'),
    totalUnread: z.number().describe('Unread messages in both folders (the dock badge counts requests too).'),
    requests: z.number().describe('Conversations waiting in the Requests folder.'),
  }),
  'Unread and request counts over the whole inbox.',
)
