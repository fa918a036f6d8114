// zValidator with the API's error shape: 400 INVALID_INPUT naming the field (API.md).
import { zValidator } from '@hono/zod-validator'
import type { ValidationTargets } from 'hono'
import type { ZodType } from 'zod'
import { sendError } from './errors'

/**
 * `codes` maps a field to a rule's own code, e.g. a bad `text` is MESSAGE_INVALID (R14).
 */
export function validate<Target extends keyof ValidationTargets, Schema extends ZodType>(
  target: Target,
  schema: Schema,
  codes: Record<string, string> = {},
) {
  return zValidator(target, schema, (result, c) => {
    if (result.success) return
    const issue = result.error.issues[0]
    const field = issue?.path.join('.') || (target === 'json' ? 'body' : target)
    let message = issue?.message ?? 'The request is not valid.'
    if (issue?.code === 'unrecognized_keys') message = `Unknown field(s): ${issue.keys.join(', ')}.`
    else if (issue?.code === 'invalid_type' && issue.path.length === 0) message = 'The request body must be a JSON object.'
    else if (field !== 'body' && !/\.$/.test(message)) message = `${field}: ${message}.`
    return sendError(c, 400, codes[field] ?? 'INVALID_INPUT', message, { field })
  })
}
