// The business inbox's events as zod schemas, part of EVENT_BODY_SCHEMAS (./event-schema):
// replay checks every stored one, and a peer may send `business.questions` only.
import { z } from 'zod'
import { LABEL_COLORS } from '@shared/business/types'
import type { BusinessEvent, BusinessEventType } from './business-events'

const id = z.string().min(1).max(200)
const time = z.string().min(10).max(40)
const text = z.string().max(2000)
const kind = z.enum(['welcome', 'answer', 'keyword'])

const toolsSchema = z.object({
  welcome: text.nullable(),
  suggestedQuestions: z.array(z.object({ question: text, answer: text })).max(10),
  keywordReplies: z.array(z.object({ keyword: text, reply: text })).max(10),
})
const labelSchema = z.object({ id, name: z.string().max(100), color: z.enum(LABEL_COLORS), createdAt: time })
const savedReplySchema = z.object({ id, title: z.string().max(100), text: z.string().max(20_000), createdAt: time, updatedAt: time })
const outcomeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('sent'), messageId: id }),
  z.object({ status: z.enum(['refused', 'skipped']), code: z.string().max(60), message: z.string().max(500) }),
])

type EventOf<T extends BusinessEventType> = Extract<BusinessEvent, { type: T }>

export const BUSINESS_EVENT_BODY_SCHEMAS = {
  'business.updated': z.object({ type: z.literal('business.updated'), accountId: id, tools: toolsSchema }),
  'business.questions': z.object({ type: z.literal('business.questions'), accountId: id, questions: z.array(z.string().max(500)).max(10) }),
  'auto.planned': z.object({
    type: z.literal('auto.planned'),
    auto: z.object({ id, businessId: id, contactId: id, conversationId: id, triggerId: id, kind, text, clientId: z.string().max(200), plannedAt: time }),
  }),
  'auto.finished': z.object({ type: z.literal('auto.finished'), autoId: id, outcome: outcomeSchema }),
  'label.created': z.object({ type: z.literal('label.created'), by: id, label: labelSchema }),
  'label.updated': z.object({
    type: z.literal('label.updated'),
    by: id,
    labelId: id,
    patch: z.object({ name: z.string().max(100).optional(), color: z.enum(LABEL_COLORS).optional() }),
  }),
  'label.deleted': z.object({ type: z.literal('label.deleted'), by: id, labelId: id }),
  'conversation.labelled': z.object({ type: z.literal('conversation.labelled'), by: id, conversationId: id, labelIds: z.array(id).max(100) }),
  'savedReply.created': z.object({ type: z.literal('savedReply.created'), by: id, reply: savedReplySchema }),
  'savedReply.updated': z.object({
    type: z.literal('savedReply.updated'),
    by: id,
    replyId: id,
    patch: z.object({ title: z.string().max(100).optional(), text: z.string().max(20_000).optional() }),
  }),
  'savedReply.deleted': z.object({ type: z.literal('savedReply.deleted'), by: id, replyId: id }),
} satisfies { [T in BusinessEventType]: z.ZodType<EventOf<T>> }
