// Response schemas of usage, creator lists, templates, campaigns and the pipeline (shared/outreach/types.ts as zod).
import { z } from 'zod'
import { PIPELINE_STAGES, RECIPIENT_STATUSES } from '../../outreach/types'
import type { RecipientStatus } from '../../outreach/types'
import { accountRefSchema, deliverySchema } from './domain'
import { component } from './registry'

const usageWindow = z.object({ used: z.number(), limit: z.number() })
export const usageSchema = component(
  'Usage',
  z.object({
    messages: usageWindow,
    newConversations: usageWindow,
    burst: usageWindow,
    nextFreeAt: z.string().nullable().describe('When the next counted slot frees; null when nothing is counted.'),
  }),
  'What R12/R13 have counted and the limits.',
)

export const creatorListSchema = component(
  'CreatorList',
  z.object({ id: z.string(), name: z.string(), members: z.array(z.string()), createdAt: z.string(), updatedAt: z.string() }),
)
export const templateSchema = component('Template', z.object({ id: z.string(), name: z.string(), text: z.string(), createdAt: z.string() }))
export const templatePreviewSchema = component(
  'TemplatePreview',
  z.object({
    recipient: z.string(),
    text: z.string().nullable(),
    skip: z.object({ code: z.string(), message: z.string() }).nullable(),
    delivery: deliverySchema.nullable().optional(),
  }),
  'One recipient of a preview: the filled text, or why they would be skipped.',
)

const recipientStatusSchema = z.enum(RECIPIENT_STATUSES)
/** A count per recipient status, every status present (an object, so the document lists each property). */
const countsSchema = z.object(Object.fromEntries(RECIPIENT_STATUSES.map((s) => [s, z.number()])) as Record<RecipientStatus, z.ZodNumber>)
export const campaignSchema = component(
  'Campaign',
  z.object({
    id: z.string(),
    account: z.string(),
    name: z.string(),
    listId: z.string(),
    templateId: z.string(),
    perHour: z.number(),
    startAt: z.string(),
    days: z.array(z.number()).nullable(),
    hours: z.object({ from: z.string(), to: z.string() }).nullable(),
    timeZone: z.string(),
    followFirst: z.boolean(),
    followUps: z.array(z.object({ afterDays: z.number(), templateId: z.string() })),
    includeContacted: z.boolean(),
    state: z.enum(['scheduled', 'running', 'paused', 'cancelled', 'done']),
    counts: countsSchema,
    projectedFinishAt: z.string().nullable(),
    createdAt: z.string(),
    stats: z.object({ reached: z.number(), responseRate: z.number().nullable(), medianTimeToReplyMs: z.number().nullable() }),
  }),
)
export const campaignRecipientSchema = component(
  'CampaignRecipient',
  z.object({
    account: accountRefSchema,
    status: recipientStatusSchema,
    step: z.number(),
    code: z.string().optional(),
    reason: z.string().optional(),
    sentAt: z.string().optional(),
    repliedAt: z.string().optional(),
    conversationId: z.string().optional(),
  }),
)
export const creatorSchema = component(
  'Creator',
  z.object({
    account: accountRefSchema,
    stage: z.enum(PIPELINE_STAGES),
    notes: z.string(),
    fee: z.object({ amount: z.number(), currency: z.string() }).nullable(),
    deliverables: z.array(z.object({ id: z.string(), title: z.string(), dueDate: z.string().nullable(), done: z.boolean() })),
    campaigns: z.array(z.object({ id: z.string(), name: z.string() })),
    via: accountRefSchema.nullable(),
    conversationId: z.string().nullable(),
    updatedAt: z.string(),
  }),
  "A creator in the team's pipeline.",
)
