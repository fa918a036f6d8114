// Request and response schemas shared by the node (validation at the edge) and the
// renderer (form messages). zod is a pure library, so shared/ stays free of Node and DOM.
import { z } from 'zod'
import { DEFAULT_POLICY } from './policy'
import { handleProblem, isE164, normalizeHandle, parseBirthDate, regionProblem } from './rules'

export const handleSchema = z
  .string({ error: 'A handle is required.' })
  .transform(normalizeHandle)
  .superRefine((h, ctx) => {
    const problem = handleProblem(h)
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem })
    }
  })

export const birthDateSchema = z
  .string({ error: 'A birth date is required.' })
  .refine((s) => parseBirthDate(s) !== null, 'A birth date is a real date written YYYY-MM-DD.')

export const phoneSchema = z.string().trim().refine(isE164, 'A phone number is in international format, e.g. +14155550123.')

export const regionSchema = z
  .string({ error: 'A region is required.' })
  .trim()
  .toUpperCase()
  .superRefine((r, ctx) => {
    const problem = regionProblem(r)
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem })
    }
  })

const displayNameSchema = z.string().trim().min(1, 'A display name is required.').max(50, 'A display name is at most 50 characters.')
const topicSchema = z.string().trim().toLowerCase().min(1).max(30)

export const createAccountSchema = z.strictObject({
  handle: handleSchema,
  displayName: displayNameSchema,
  birthDate: birthDateSchema,
  phone: phoneSchema.optional().nullable(),
  region: regionSchema,
  kind: z.enum(['personal', 'business'], { error: 'Kind is "personal" or "business".' }),
  verified: z.boolean().optional(),
  bio: z.string().max(280).optional(),
  topics: z.array(topicSchema).max(10).optional(),
})

export const updateProfileSchema = z.strictObject({
  displayName: displayNameSchema.optional(),
  bio: z.string().max(280).optional(),
  topics: z.array(topicSchema).max(10).optional(),
  phone: phoneSchema.nullable().optional(),
})

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time is HH:MM, 24-hour.')
export const notificationSettingsSchema = z.strictObject({
  enabled: z.boolean().optional(),
  showPreview: z.boolean().optional(),
  countInBadge: z.boolean().optional(),
  quietHours: z.strictObject({ from: hhmm, to: hhmm }).nullable().optional(),
})

export const patchSettingsSchema = z.strictObject({
  whoCanMessageMe: z.enum(['everyone', 'followers', 'mutual', 'nobody']).optional(),
  readReceipts: z.boolean().optional(),
  notifications: notificationSettingsSchema.optional(),
})

/** `target` and `to` name an account by id or by "@handle", at most this long. */
export const ADDRESS_MAX_LENGTH = 64
export const accountAddressSchema = z.string().trim().min(1, 'Name an account by id or @handle.').max(ADDRESS_MAX_LENGTH)
export const targetSchema = z.strictObject({ target: accountAddressSchema })

// R14 is checked by the rules (400 MESSAGE_INVALID); the schema checks only the type and a sanity bound.
export const SEND_TEXT_MAX_LENGTH = DEFAULT_POLICY.messageMaxLength * 8
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/
/** Read by main/http/send-input.ts too, which takes a plain valid send without zod: keep them alike. */
export const sendMessageSchema = z.strictObject({
  to: accountAddressSchema,
  text: z.string({ error: 'The message text is required.' }).max(SEND_TEXT_MAX_LENGTH),
  clientId: z.string({ error: 'A clientId is required (R18).' }).regex(CLIENT_ID_PATTERN, 'A clientId is 1-100 characters of letters, digits, . _ : -'),
})

export const muteSchema = z.strictObject({
  muted: z.boolean(),
  until: z.iso.datetime({ offset: true, error: 'until is an ISO 8601 time.' }).nullable().optional(),
})

export const folderQuerySchema = z.strictObject({
  folder: z.enum(['inbox', 'requests']).optional(),
  /** A page of this many; without it, the whole list (and nextCursor null). */
  limit: z.coerce.number().int().min(1).max(500).optional(),
  /** The nextCursor of the previous page. */
  cursor: z.string().min(1).max(200).optional(),
})

/** GET /events: where to resume, and optionally only the events of some accounts (comma-separated ids). */
export const eventsQuerySchema = z.object({
  lastEventId: z.string().max(20).optional(),
  accounts: z
    .string()
    .max(4000)
    .regex(/^[A-Za-z0-9_-]+(,[A-Za-z0-9_-]+)*$/, 'accounts: a comma-separated list of account ids.')
    .optional(),
})

export const messagesQuerySchema = z.strictObject({
  before: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
})

const numberParam = z.coerce.number().finite().min(0)
export const directoryQuerySchema = z.strictObject({
  q: z.string().max(100).optional(),
  topic: z.string().max(30).optional(),
  region: z.string().max(2).optional(),
  minFollowers: numberParam.optional(),
  maxFollowers: numberParam.optional(),
  minEngagement: numberParam.optional(),
  maxEngagement: numberParam.optional(),
  kind: z.enum(['personal', 'business']).optional(),
  verified: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).optional(),
})
export type DirectoryQuery = z.infer<typeof directoryQuerySchema>

/** POST /api/v1/peers: the other node's address as its `listening on` line prints it, and its code. */
export const pairSchema = z.strictObject({
  url: z
    .string({ error: "The other node's address is required." })
    .trim()
    .max(300)
    .regex(/^https?:\/\/[^\s/]+\/?$/, "The address is the other node's URL as it prints it, e.g. http://192.168.1.20:4870."),
  code: z.string({ error: 'The pairing code is required.' }).trim().min(1, 'The pairing code is required.').max(40),
})
