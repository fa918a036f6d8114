// zValidator with the API's error shape: 400 INVALID_INPUT naming the field (docs/API.md).
import { zValidator } from '@hono/zod-validator'
import type { Context, MiddlewareHandler, Next, ValidationTargets } from 'hono'
import type { ZodType, core } from 'zod'
import { keptBodyText } from './body'
import { headsOf, mediaTypeOf } from './heads'
import { sendError } from './errors'

/** The value at `path` in the raw input, to tell a missing field from a wrong one. */
function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data
  for (const key of path) {
    v = typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[key] : undefined
  }
  return v
}

const UNITS: Record<string, string> = { string: ' characters', array: ' items', set: ' items' }

/**
 * zod's stock messages ("Invalid input: expected string, received undefined") are for
 * developers; the API promises a sentence a person understands, naming the field.
 * Messages the schemas chose themselves are kept as they are.
 */
function sentenceFor(issue: core.$ZodIssue, field: string, data: unknown): string {
  const stock = /^(Invalid|Too (small|big)|Unrecognized)/.test(issue.message)
  if (!stock) {
    return /[.!?]$/.test(issue.message) ? issue.message : `${field}: ${issue.message}.`
  }
  const name = `"${field}"`
  switch (issue.code) {
    case 'invalid_type':
      if (valueAt(data, issue.path) === undefined) {
        return `${name} is required.`
      }
      return `${name} must be ${issue.expected === 'array' || issue.expected === 'object' ? 'an' : 'a'} ${issue.expected === 'nan' ? 'number' : issue.expected}.`
    case 'too_small':
      return `${name} must be at least ${String(issue.minimum)}${UNITS[issue.origin] ?? ''}.`
    case 'too_big':
      return `${name} must be at most ${String(issue.maximum)}${UNITS[issue.origin] ?? ''}.`
    case 'invalid_value':
      return `${name} must be one of: ${issue.values.map(String).join(', ')}.`
    case 'invalid_format':
      return `${name} is not in the expected format (${issue.format}).`
    default:
      return `${name} is not valid.`
  }
}

/** What a `validate` middleware checks: the OpenAPI document reads it off the app's routes. */
export interface ValidatorInfo {
  target: keyof ValidationTargets
  schema: ZodType
  /** The codes a bad field answers with besides INVALID_INPUT (e.g. MESSAGE_INVALID). */
  codes: string[]
}
const validators = new WeakMap<object, ValidatorInfo>()

/**
 * The API's schemas have no async refinements, so they are checked with zod's synchronous
 * parse: the stock safeParseAsync wraps every check of every request in promises (it showed
 * in the send path's profile). A schema that did need async would throw here, in tests.
 */
const SYNC_PARSE = {
  validationFunction: (schema: ZodType, value: unknown) => schema.safeParse(value),
  // zod-validator types the result with its own alias of zod's; the value is the same.
} as never

/** The target and schema of a route handler that `validate` made; undefined for any other handler. */
export function validatorInfo(handler: object): ValidatorInfo | undefined {
  return validators.get(handler)
}

/** What a refused input answers: 400 with the rule's code for the field, and a sentence. */
function refusal(c: Context, target: keyof ValidationTargets, issue: core.$ZodIssue | undefined, data: unknown, codes: Record<string, string>) {
  const field = issue?.path.join('.') || (target === 'json' ? 'body' : target)
  let message = 'The request is not valid.'
  if (issue?.code === 'unrecognized_keys') {
    message = `Unknown field(s): ${issue.keys.join(', ')}.`
  } else if (issue?.code === 'invalid_type' && issue.path.length === 0) {
    message = 'The request body must be a JSON object.'
  } else if (issue) {
    message = sentenceFor(issue, field, data)
  }
  return sendError(c, 400, codes[field] ?? 'INVALID_INPUT', message, { field })
}

/** Hono's validator reads a JSON body only under these media types; any other gives {}. */
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i

/**
 * The JSON target, checked in one synchronous step from the body text the API's gate already
 * read and decoded (main/http/body.ts): the same outcomes as Hono's validator, without its
 * header parsing, promise chain and second read of the body.
 */
function jsonValidator(schema: ZodType, codes: Record<string, string>, plain?: PlainCheck): MiddlewareHandler {
  const check = (c: Context, next: Next, text: string): Response | Promise<void> => {
    const mediaType = mediaTypeOf(headsOf(c).contentType)
    let value: unknown = {}
    if (mediaType === 'application/json' || JSON_MEDIA_TYPE.test(mediaType)) {
      try {
        value = JSON.parse(text)
      } catch {
        return sendError(c, 400, 'INVALID_INPUT', 'The request body is not valid JSON.')
      }
    }
    const taken = plain?.(value)
    if (taken !== undefined) {
      c.req.addValidatedData('json', taken)
      return next()
    }
    const result = schema.safeParse(value)
    if (!result.success) {
      return refusal(c, 'json', result.error.issues[0], value, codes)
    }
    c.req.addValidatedData('json', result.data as object)
    return next()
  }
  // Not async where the text is at hand: each async layer adds promise hops to every answer.
  return ((c: Context, next: Next) => {
    const text = keptBodyText(c)
    return text === undefined ? c.req.text().then<Response | void>((read) => check(c, next, read)) : check(c, next, text)
  }) as MiddlewareHandler
}

/**
 * A hand-written check for a hot schema: the schema's output for an input it plainly takes,
 * undefined to let the schema judge (main/http/send-input.ts).
 */
export type PlainCheck = (value: unknown) => object | undefined

/**
 * `codes` maps a field to a rule's own code, e.g. a bad `text` is MESSAGE_INVALID (R14).
 * `plain` (JSON target only) takes the common valid input before the schema is asked.
 */
export function validate<Target extends keyof ValidationTargets, Schema extends ZodType>(
  target: Target,
  schema: Schema,
  codes: Record<string, string> = {},
  plain?: PlainCheck,
) {
  const middleware = zValidator(target, schema, (result, c) => (result.success ? undefined : refusal(c, target, result.error.issues[0], result.data, codes)), SYNC_PARSE)
  // The JSON target (every body of the API) has its own faster path; it is typed as zValidator's.
  const handler = target === 'json' ? (jsonValidator(schema, codes, plain) as unknown as typeof middleware) : middleware
  validators.set(handler, { target, schema, codes: Object.values(codes) })
  return handler
}
