// A log file can be valid JSON and still not hold Envelope events (edited by hand, written
// by another program, damaged in a way JSON survives). Replay checks every record against
// the event schemas (event-schema.ts), so such a file stops start-up with a StoreCorruptError
// naming it, not a TypeError.
import type { z } from 'zod'
import type { DomainEventType } from './events'
import { EVENT_BODY_SCHEMAS, firstIssuePath, logMetaSchema } from './event-schema'

/** Meta and body in one schema per type: one pass over each record (replay reads them all at start). */
const RECORD_SCHEMAS = new Map<unknown, z.ZodType>(Object.entries(EVENT_BODY_SCHEMAS).map(([type, body]) => [type, body.extend(logMetaSchema.shape)]))

/** What a record of each type must hold, in words for the error. */
const WHAT: Partial<Record<DomainEventType, string>> = {
  'account.created': 'has no valid account',
  'account.updated': 'has no valid profile change',
  'settings.updated': 'has no valid settings',
  'message.sent': 'has no valid message',
  'follow.added': 'does not name both accounts',
  'follow.removed': 'does not name both accounts',
  'block.added': 'does not name both accounts',
  'block.removed': 'does not name both accounts',
}

/** Why a stored record cannot be replayed, or null when it can. */
export function replayProblem(record: unknown): string | null {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return 'a record is not an object'
  }
  const { seq, type } = record as { seq?: unknown; type?: unknown }
  const schema = RECORD_SCHEMAS.get(type)
  if (!schema) {
    return `record ${String(seq)} has an unknown type ${JSON.stringify(type)}`
  }
  const parsed = schema.safeParse(record)
  if (parsed.success) {
    return null
  }
  if (parsed.error.issues.some((issue) => issue.path.length === 1 && issue.path[0] in logMetaSchema.shape)) {
    return `record ${String(seq)} lacks its seq, id, origin or time`
  }
  return `record ${String(seq)} ${WHAT[type as DomainEventType] ?? `is not a valid ${String(type)} event`} (${firstIssuePath(parsed.error)})`
}
