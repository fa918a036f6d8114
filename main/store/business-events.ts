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
export type AutoOutcome = { status: 'sent'; messageId: string } | { status: 'refused' | 'skipped'; code: string; message: string }

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
