// The domain events the store persists. The node's whole state is a replay of them,
// the SSE stream shows them, and LAN sync ships them (docs/STORAGE.md, docs/SYNC.md).
import type { AutoKind } from '@shared/business/types'
import type { Account, AccountSettings, MessageDelivery, RefusalInfo } from '@shared/types'
import type { OutreachEvent } from './outreach/events'
import { OUTREACH_EVENT_TYPES } from './outreach/events'
import type { BusinessEvent } from './business-events'
import { BUSINESS_EVENT_TYPE_LIST } from './business-events'

/** A message as stored: the public Message plus what the node needs to route and dedupe it. */
export interface StoredMessage {
  id: string
  conversationId: string
  from: string
  to: string
  text: string
  sentAt: string
  clientId: string
  /**
   * 'pending' in the sender home's `message.sent` when the recipient lives on another node;
   * the recipient's home then decides and answers with a `message.verdict` (docs/SYNC.md).
   */
  delivery: MessageDelivery
  /** Set (in memory) by a refusing verdict. */
  refused?: RefusalInfo
  /** A business's auto-message (welcome, answer, keyword reply), shown as automatic in the thread. */
  auto?: AutoKind
}

/** The recipient home's decision on a pending message (docs/SYNC.md "Cross-node sends"). */
export interface MessageVerdict {
  type: 'message.verdict'
  conversationId: string
  messageId: string
  delivery: 'direct' | 'request' | 'refused'
  /** As decided by the recipient's home; the sender's caps count it (R12, R13). */
  newConversation: boolean
  acceptsRequest: boolean
  refused?: RefusalInfo
}

export type DomainEvent =
  | { type: 'account.created'; account: Account; settings: AccountSettings }
  | { type: 'account.updated'; accountId: string; patch: Partial<Pick<Account, 'displayName' | 'bio' | 'topics' | 'phone' | 'stats'>> }
  | { type: 'settings.updated'; accountId: string; settings: AccountSettings }
  | { type: 'follow.added'; from: string; to: string }
  | { type: 'follow.removed'; from: string; to: string }
  | { type: 'block.added'; from: string; to: string }
  | { type: 'block.removed'; from: string; to: string }
  | { type: 'message.sent'; conversationId: string; message: StoredMessage; newConversation: boolean; acceptsRequest: boolean }
  | { type: 'request.accepted'; conversationId: string; by: string }
  | { type: 'request.deleted'; conversationId: string; by: string }
  | { type: 'conversation.read'; conversationId: string; by: string; upTo: string }
  | { type: 'conversation.muted'; conversationId: string; by: string; muted: boolean; until: string | null }
  | { type: 'message.hidden'; conversationId: string; messageId: string; by: string }
  | { type: 'conversation.hidden'; conversationId: string; by: string; upTo: string }
  | MessageVerdict
  | OutreachEvent
  | BusinessEvent

export type DomainEventType = DomainEvent['type']

/** Metadata every stored event carries. */
export interface EventMeta {
  /** Position in this node's log: 1, 2, 3, ... */
  seq: number
  /** Globally unique: "<origin node id>:<seq on the origin>". Makes every apply idempotent. */
  id: string
  /** The node where the event happened. */
  origin: string
  /** When it happened (ISO 8601, UTC). */
  at: string
}

export type LogEvent = DomainEvent & EventMeta

/** An event as another node sends it: its origin's id and time, without our seq. */
export type RemoteEvent = DomainEvent & Omit<EventMeta, 'seq'>

// Every event type, once. `satisfies` makes the compiler refuse a type added to the union
// but not here (or listed here but not in the union), so replay checks stay complete.
const EVENT_TYPE_LIST = {
  'account.created': true,
  'account.updated': true,
  'settings.updated': true,
  'follow.added': true,
  'follow.removed': true,
  'block.added': true,
  'block.removed': true,
  'message.sent': true,
  'message.verdict': true,
  'request.accepted': true,
  'request.deleted': true,
  'conversation.read': true,
  'conversation.muted': true,
  'message.hidden': true,
  'conversation.hidden': true,
  ...OUTREACH_EVENT_TYPES,
  ...BUSINESS_EVENT_TYPE_LIST,
} satisfies Record<DomainEventType, true>

export const EVENT_TYPES: ReadonlySet<DomainEventType> = new Set(Object.keys(EVENT_TYPE_LIST) as DomainEventType[])

/** Events about people (profiles, settings, follows, blocks) that every paired node replicates. */
export const PUBLIC_EVENT_TYPES: ReadonlySet<DomainEventType> = new Set([
  'account.created',
  'account.updated',
  'settings.updated',
  'follow.added',
  'follow.removed',
  'block.added',
  'block.removed',
  'business.questions',
])
