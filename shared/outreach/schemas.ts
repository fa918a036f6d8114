// Request schemas of the outreach routes (docs/API.md "Outreach"): validated at the node's edge,
// reused by the renderer's forms.
import { z } from 'zod'
import { accountAddressSchema } from '../schemas'
import { isTimeZone } from './pacing'
import { checkTemplate } from './template'
import { PIPELINE_STAGES } from './types'

const nameSchema = z.string({ error: 'A name is required.' }).trim().min(1, 'A name is required.').max(80, 'A name is at most 80 characters.')
const members = z.array(accountAddressSchema).max(20_000, 'A list holds at most 20,000 creators.')

export const createListSchema = z.strictObject({ name: nameSchema, members: members.default([]) })
export const patchListSchema = z.strictObject({ name: nameSchema.optional(), add: members.optional(), remove: members.optional() })

/** TEMPLATE_INVALID for an unknown variable is the route's own code (see the route's `codes`). */
export const templateTextSchema = z
  .string({ error: 'The template text is required.' })
  .min(1, 'The template text is required.')
  .max(2000, 'A template is at most 2,000 characters.')
  .superRefine((text, ctx) => {
    const check = checkTemplate(text)
    if (!check.ok) {
      ctx.addIssue({ code: 'custom', message: check.message })
    }
  })
export const createTemplateSchema = z.strictObject({ name: nameSchema, text: templateTextSchema })
export const patchTemplateSchema = z.strictObject({ name: nameSchema.optional(), text: templateTextSchema.optional() })

export const previewSchema = z.strictObject({
  account: accountAddressSchema,
  recipients: z.array(accountAddressSchema).min(1, 'Name at least one recipient.').max(500, 'Preview at most 500 recipients at once.'),
  /** Judge as a campaign that follows each recipient first (R6) would. */
  followFirst: z.boolean().optional(),
})

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time is HH:MM, 24-hour.')
/** How many follow-up steps a campaign may have after its first message. */
export const MAX_FOLLOW_UPS = 5

export const createCampaignSchema = z.strictObject({
  account: accountAddressSchema,
  name: nameSchema,
  listId: z.string().min(1).max(64),
  templateId: z.string().min(1).max(64),
  perHour: z.number({ error: 'perHour is a whole number from 1 to 3600.' }).int().min(1).max(3600),
  startAt: z.iso.datetime({ offset: true, error: 'startAt is an ISO 8601 time.' }).optional(),
  days: z.array(z.number().int().min(1).max(7)).min(1, 'Allow at least one day.').max(7).optional(),
  hours: z.strictObject({ from: hhmm, to: hhmm }).optional(),
  timeZone: z.string().max(64).refine(isTimeZone, 'timeZone is an IANA time zone name, e.g. Europe/Paris.').optional(),
  followFirst: z.boolean().optional(),
  followUps: z
    .array(z.strictObject({ afterDays: z.number().min(0.001).max(90), templateId: z.string().min(1).max(64) }))
    .max(MAX_FOLLOW_UPS, `At most ${MAX_FOLLOW_UPS} follow-ups.`)
    .optional(),
  includeContacted: z.boolean().optional(),
})

export const patchCampaignSchema = z.strictObject({
  state: z.enum(['paused', 'running', 'cancelled'], { error: 'state is "paused", "running" or "cancelled".' }),
})

export const campaignsQuerySchema = z.strictObject({ account: z.string().max(64).optional() })

export const resolveSchema = z.strictObject({
  addresses: z.array(z.string().max(200)).max(20_000, 'Resolve at most 20,000 addresses at once.'),
})

const deliverableSchema = z.strictObject({
  id: z.string().min(1).max(40).optional(),
  title: z.string().trim().min(1, 'A deliverable needs a title.').max(120),
  dueDate: z.iso.date({ error: 'A due date is YYYY-MM-DD.' }).nullable().optional(),
  done: z.boolean().optional(),
})
export const patchCreatorSchema = z.strictObject({
  stage: z.enum(PIPELINE_STAGES).optional(),
  notes: z.string().max(5000, 'Notes are at most 5,000 characters.').optional(),
  fee: z
    .strictObject({ amount: z.number().min(0).max(1e9), currency: z.string().regex(/^[A-Z]{3}$/, 'A currency is a 3-letter code, e.g. USD.') })
    .nullable()
    .optional(),
  deliverables: z.array(deliverableSchema).max(50).optional(),
})

export type CreateListBody = z.input<typeof createListSchema>
export type PatchListBody = z.input<typeof patchListSchema>
export type CreateTemplateBody = z.input<typeof createTemplateSchema>
export type PreviewBody = z.input<typeof previewSchema>
export type CreateCampaignBody = z.input<typeof createCampaignSchema>
export type PatchCreatorBody = z.input<typeof patchCreatorSchema>
