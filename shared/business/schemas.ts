// Request schemas for labels and saved replies (the business tools' PUT is checked by
// checkBusinessTools, whose refusal order docs/API.md fixes).
import { z } from 'zod'
import { checkTemplate } from '../outreach/template'
import { normalizeMessageText } from '../rules/message-text'
import { folderQuerySchema } from '../schemas'
import { BUSINESS_LIMITS } from './rules'
import { LABEL_COLORS } from './types'

export const LABEL_LIMITS = { name: 30, perAccount: 50 } as const
export const SAVED_REPLY_LIMITS = { title: 40, perAccount: 100 } as const

const labelName = z.string().trim().min(1, 'A label needs a name.').max(LABEL_LIMITS.name, `A label name is at most ${LABEL_LIMITS.name} characters.`)
const labelColor = z.enum(LABEL_COLORS, { error: `A label colour is one of: ${LABEL_COLORS.join(', ')}.` })

export const createLabelSchema = z.strictObject({ name: labelName, color: labelColor.optional() })
export const updateLabelSchema = z.strictObject({ name: labelName.optional(), color: labelColor.optional() })
export const conversationLabelsSchema = z.strictObject({
  labelIds: z.array(z.string().min(1).max(64)).max(LABEL_LIMITS.perAccount),
})
/** GET conversations: the folder, and optionally one of the viewer's labels. */
export const conversationsQuerySchema = folderQuerySchema.extend({
  label: z.string().min(1).max(64).optional(),
})

const replyTitle = z
  .string()
  .trim()
  .min(1, 'A saved reply needs a title.')
  .max(SAVED_REPLY_LIMITS.title, `A saved reply's title is at most ${SAVED_REPLY_LIMITS.title} characters.`)
/** A saved reply's text is a message (R14) whose variables are the outreach templates' ones. */
const replyText = z.string().superRefine((text, ctx) => {
  const normal = normalizeMessageText(text)
  if (!normal.ok) {
    return void ctx.addIssue({ code: 'custom', message: normal.message })
  }
  const check = checkTemplate(normal.text)
  if (!check.ok) {
    ctx.addIssue({ code: 'custom', message: check.message })
  }
})

export const createSavedReplySchema = z.strictObject({ title: replyTitle, text: replyText })
export const updateSavedReplySchema = z.strictObject({ title: replyTitle.optional(), text: replyText.optional() })

export const activityQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).optional(),
})

const limited = (max: number) => z.string().max(max)
/**
 * The business tools' PUT body, for the API's description only: the route checks a body with
 * checkBusinessTools (shared/business/rules.ts), whose refusal order docs/API.md fixes.
 */
export const businessToolsBodySchema = z.strictObject({
  welcome: limited(BUSINESS_LIMITS.welcome).nullable().optional(),
  suggestedQuestions: z
    .array(z.strictObject({ question: limited(BUSINESS_LIMITS.question), answer: limited(BUSINESS_LIMITS.answer) }))
    .max(BUSINESS_LIMITS.suggestedQuestions)
    .optional(),
  keywordReplies: z
    .array(z.strictObject({ keyword: limited(BUSINESS_LIMITS.keyword), reply: limited(BUSINESS_LIMITS.reply) }))
    .max(BUSINESS_LIMITS.keywordReplies)
    .optional(),
})
