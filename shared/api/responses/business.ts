// Response schemas of the business tools, labels and saved replies (shared/business/types.ts as zod).
import { z } from 'zod'
import { LABEL_COLORS } from '../../business/types'
import { accountRefSchema, autoKindSchema } from './domain'
import { component } from './registry'

export const businessToolsSchema = component(
  'BusinessTools',
  z.object({
    welcome: z.string().nullable(),
    suggestedQuestions: z.array(z.object({ question: z.string(), answer: z.string() })),
    keywordReplies: z.array(z.object({ keyword: z.string(), reply: z.string() })),
  }),
)
export const businessStatusSchema = component(
  'BusinessStatus',
  z.object({
    active: z.boolean().describe('The auto-messages act now (business, outside the EU/EEA, open to everyone).'),
    off: z.object({ code: z.enum(['BUSINESS_ONLY', 'NOT_AVAILABLE_IN_REGION', 'NOT_EVERYONE']), message: z.string() }).nullable(),
  }),
)
export const businessResponseSchema = component('BusinessResponse', z.object({ business: businessToolsSchema, status: businessStatusSchema }))

export const autoActivitySchema = component(
  'AutoActivity',
  z.object({
    id: z.string(),
    kind: autoKindSchema,
    conversationId: z.string(),
    to: accountRefSchema,
    text: z.string(),
    status: z.enum(['planned', 'sent', 'pending', 'refused', 'skipped']),
    code: z.string().optional(),
    reason: z.string().optional(),
    messageId: z.string().optional(),
    plannedAt: z.string(),
    finishedAt: z.string().optional(),
  }),
  'One auto-message the business decided to send, and how it went.',
)

export const labelSchema = component('Label', z.object({ id: z.string(), name: z.string(), color: z.enum(LABEL_COLORS), createdAt: z.string() }))
export const savedReplySchema = component('SavedReply', z.object({ id: z.string(), title: z.string(), text: z.string(), createdAt: z.string(), updatedAt: z.string() }))
