// The outreach events' records as zod schemas: replay checks every stored one against them
// (main/store/event-schema.ts spreads these in; the compiler checks them against the union).
import { z } from 'zod'
import { PIPELINE_STAGES, RECIPIENT_STATUSES } from '@shared/outreach/types'

const id = z.string().min(1).max(200)
const time = z.string().min(10).max(40)
const name = z.string().max(200)

const listSchema = z.object({ id, name, members: z.array(id), createdAt: time, updatedAt: time })
const templateSchema = z.object({ id, name, text: z.string().max(20_000), createdAt: time })
const deliverableSchema = z.object({ id: z.string().max(60), title: z.string().max(300), dueDate: z.string().max(20).nullable(), done: z.boolean() })
const feeSchema = z.object({ amount: z.number(), currency: z.string().max(3) })

const campaignSchema = z.object({
  id,
  account: id,
  name,
  listId: id,
  templateId: id,
  perHour: z.number(),
  startAt: time,
  days: z.array(z.number().int()).nullable(),
  hours: z.object({ from: z.string().max(5), to: z.string().max(5) }).nullable(),
  timeZone: z.string().max(100),
  followFirst: z.boolean(),
  followUps: z.array(z.object({ afterDays: z.number(), templateId: id })),
  includeContacted: z.boolean(),
  state: z.enum(['running', 'paused', 'cancelled', 'done']),
  createdAt: time,
  lastSendAt: time.nullable(),
  cursor: z.number().int().min(0),
})

const recipientSchema = z.object({
  accountId: id,
  status: z.enum(RECIPIENT_STATUSES),
  step: z.number().int().min(0),
  code: z.string().max(60).optional(),
  reason: z.string().max(1000).optional(),
  sentAt: time.optional(),
  lastSentAt: time.optional(),
  repliedAt: time.optional(),
  conversationId: id.optional(),
  inFlight: z.object({ step: z.number().int().min(0), clientId: z.string().max(200) }).optional(),
  finished: z.boolean().optional(),
})

export const OUTREACH_EVENT_SCHEMAS = {
  'list.saved': z.object({ type: z.literal('list.saved'), list: listSchema }),
  'list.deleted': z.object({ type: z.literal('list.deleted'), listId: id }),
  'template.saved': z.object({ type: z.literal('template.saved'), template: templateSchema }),
  'template.deleted': z.object({ type: z.literal('template.deleted'), templateId: id }),
  'campaign.created': z.object({ type: z.literal('campaign.created'), campaign: campaignSchema, recipients: z.array(recipientSchema) }),
  'campaign.state': z.object({ type: z.literal('campaign.state'), campaignId: id, state: z.enum(['running', 'paused', 'cancelled', 'done']) }),
  'campaign.step': z.object({ type: z.literal('campaign.step'), campaignId: id, recipientId: id, step: z.number().int().min(0), clientId: z.string().max(200) }),
  'campaign.outcome': z.object({
    type: z.literal('campaign.outcome'),
    campaignId: id,
    recipientId: id,
    step: z.number().int().min(0),
    status: z.enum(['sent_direct', 'sent_request', 'failed', 'skipped', 'ended']),
    code: z.string().max(60).optional(),
    reason: z.string().max(1000).optional(),
    sentAt: time.optional(),
    conversation: id.optional(),
  }),
  'creator.updated': z.object({
    type: z.literal('creator.updated'),
    accountId: id,
    patch: z.object({
      stage: z.enum(PIPELINE_STAGES).optional(),
      notes: z.string().max(10_000).optional(),
      fee: feeSchema.nullable().optional(),
      deliverables: z.array(deliverableSchema).optional(),
    }),
  }),
}
