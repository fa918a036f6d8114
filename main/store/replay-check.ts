// A log file can be valid JSON and still not hold Envelope events (edited by hand, written
// by another program, damaged in a way JSON survives). Replay checks what the projection
// relies on, so such a file stops start-up with a StoreCorruptError naming it, not a TypeError.
import { businessReplayProblem, isBusinessEventType } from './business-events'
import type { DomainEventType, LogEvent } from './events'
import { EVENT_TYPES } from './events'

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Why a stored record cannot be replayed, or null when it can. */
export function replayProblem(record: unknown): string | null {
  if (!isObject(record)) return 'a record is not an object'
  const { seq, type, id, origin, at } = record as Partial<LogEvent> & Record<string, unknown>
  if (!EVENT_TYPES.has(type as DomainEventType)) return `record ${String(seq)} has an unknown type ${JSON.stringify(type)}`
  if (!isText(id) || !isText(origin) || !isText(at) || Number.isNaN(Date.parse(at))) return `record ${String(seq)} lacks its id, origin or time`
  const r = record as Record<string, unknown>
  if (isBusinessEventType(type)) return businessReplayProblem(seq, r)
  switch (type) {
    case 'account.created':
      return isObject(r.account) && isText(r.account.id) && isText(r.account.handle) && isObject(r.settings) ? null : `record ${seq} has no valid account`
    case 'message.sent': {
      const m = r.message
      return isObject(m) && isText(m.id) && isText(m.from) && isText(m.to) && isText(m.sentAt) && typeof m.text === 'string' && isText(m.conversationId)
        ? null
        : `record ${seq} has no valid message`
    }
    case 'account.updated':
      return isText(r.accountId) && isObject(r.patch) ? null : `record ${seq} has no valid profile change`
    case 'settings.updated':
      return isText(r.accountId) && isObject(r.settings) ? null : `record ${seq} has no valid settings`
    case 'follow.added':
    case 'follow.removed':
    case 'block.added':
    case 'block.removed':
      return isText(r.from) && isText(r.to) ? null : `record ${seq} does not name both accounts`
    default:
      return isText(r.conversationId) ? null : `record ${seq} names no conversation`
  }
}
