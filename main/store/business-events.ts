// The events of the business inbox: auto-message settings and decisions, labels and saved
// replies (docs/API.md "Business tools"). Part of the DomainEvent union in ./events.
import type { AutoKind, BusinessTools, Label, LabelColor, SavedReply } from '@shared/business/types'

/** An auto-message the business's home decided to send, persisted before it is sent. */
export interface PlannedAuto {
  id: string
  businessId: string
  contactId: string
  conversationId: string
  /** The incoming message that called for it. */
  triggerId: string
  kind: AutoKind
  text: string
  /** Deterministic (kind + trigger): a retry after a crash is the same send (R18). */
  clientId: string
  plannedAt: string
}

/** How an auto-message went: sent (its message's delivery tells the rest), or not at all. */
export type AutoOutcome =
  | { status: 'sent'; messageId: string }
  | { status: 'refused' | 'skipped'; code: string; message: string }

export type BusinessEvent =
  | { type: 'business.updated'; accountId: string; tools: BusinessTools }
  /** The public part (what a contact's node shows as buttons): replicated to every peer. */
  | { type: 'business.questions'; accountId: string; questions: string[] }
  | { type: 'auto.planned'; auto: PlannedAuto }
  | { type: 'auto.finished'; autoId: string; outcome: AutoOutcome }
  | { type: 'label.created'; by: string; label: Label }
  | { type: 'label.updated'; by: string; labelId: string; patch: { name?: string; color?: LabelColor } }
  | { type: 'label.deleted'; by: string; labelId: string }
  | { type: 'conversation.labelled'; by: string; conversationId: string; labelIds: string[] }
  | { type: 'savedReply.created'; by: string; reply: SavedReply }
  | { type: 'savedReply.updated'; by: string; replyId: string; patch: { title?: string; text?: string } }
  | { type: 'savedReply.deleted'; by: string; replyId: string }

export type BusinessEventType = BusinessEvent['type']

export const BUSINESS_EVENT_TYPE_LIST = {
  'business.updated': true,
  'business.questions': true,
  'auto.planned': true,
  'auto.finished': true,
  'label.created': true,
  'label.updated': true,
  'label.deleted': true,
  'conversation.labelled': true,
  'savedReply.created': true,
  'savedReply.updated': true,
  'savedReply.deleted': true,
} satisfies Record<BusinessEventType, true>

const TYPES: ReadonlySet<string> = new Set(Object.keys(BUSINESS_EVENT_TYPE_LIST))

export function isBusinessEventType(type: unknown): type is BusinessEventType {
  return typeof type === 'string' && TYPES.has(type)
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** What replay relies on in a business event (see ./replay-check), or null when it is sound. */
export function businessReplayProblem(seq: unknown, r: Record<string, unknown>): string | null {
  const bad = (what: string) => `record ${String(seq)} has no valid ${what}`
  switch (r.type as BusinessEventType) {
    case 'business.updated':
      return isText(r.accountId) && isObject(r.tools) && Array.isArray(r.tools.suggestedQuestions) && Array.isArray(r.tools.keywordReplies) ? null : bad('business tools')
    case 'business.questions':
      return isText(r.accountId) && Array.isArray(r.questions) ? null : bad('suggested questions')
    case 'auto.planned':
      return isObject(r.auto) && isText(r.auto.id) && isText(r.auto.businessId) && isText(r.auto.conversationId) ? null : bad('auto-message')
    case 'auto.finished':
      return isText(r.autoId) && isObject(r.outcome) ? null : bad('auto-message outcome')
    case 'label.created':
      return isText(r.by) && isObject(r.label) && isText(r.label.id) ? null : bad('label')
    case 'savedReply.created':
      return isText(r.by) && isObject(r.reply) && isText(r.reply.id) ? null : bad('saved reply')
    case 'conversation.labelled':
      return isText(r.by) && isText(r.conversationId) && Array.isArray(r.labelIds) ? null : bad('conversation labels')
    default:
      return isText(r.by) ? null : bad('account')
  }
}
