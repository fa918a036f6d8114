// Domain types shared by the node and the renderer. Pure data, no behaviour.
import type { AutoKind } from './business/types'

export type AccountKind = 'personal' | 'business'
export type WhoCanMessageMe = 'everyone' | 'followers' | 'mutual' | 'nobody'
/**
 * How a send went. 'pending': the recipient lives on another node that has not answered yet
 * (LAN sync, docs/SYNC.md); the message shows only to its sender until that node decides.
 */
export type Delivery = 'direct' | 'request' | 'pending'
/** A stored message's state: a Delivery, or 'refused' by the recipient's home node. */
export type MessageDelivery = Delivery | 'refused'
export type Folder = 'inbox' | 'requests'

export interface AccountStats {
  followers: number
  following: number
  likes: number
  /** Engagement rate in percent, e.g. 4.2 means 4.2 %. */
  engagementRate: number
}

/** What every node may know of an account (R1). */
export interface PublicAccount {
  id: string
  handle: string
  displayName: string
  kind: AccountKind
  verified: boolean
  region: string
  bio: string
  topics: string[]
  stats: AccountStats
  /** Id of the node that is the authority for this account. */
  homeNodeId: string
  createdAt: string
  /** A profile hosted for the directory (demo creators): nobody is signed in to it here. */
  directoryOnly?: boolean
}

/** The full record, private parts included (birth date, phone). */
export interface Account extends PublicAccount {
  birthDate: string
  phone: string | null
}

export interface NotificationSettings {
  /** Raise native notifications / toasts at all. */
  enabled: boolean
  /** Hide sender and text in notifications. */
  showPreview: boolean
  /** Count this account's unread in the dock/taskbar badge. */
  countInBadge: boolean
  /** Do-not-disturb window in the account's local time "HH:MM"; null = off. */
  quietHours: { from: string; to: string } | null
}

export interface AccountSettings {
  whoCanMessageMe: WhoCanMessageMe
  readReceipts: boolean
  notifications: NotificationSettings
}

export interface AccountRef {
  id: string
  handle: string
  displayName: string
}

export interface Message {
  id: string
  from: string
  text: string
  sentAt: string
  /** Present and true only where R15 lets the viewer (the sender) see it. */
  seen?: boolean
  /**
   * Only on the viewer's own messages that are not delivered yet: 'pending' while the
   * recipient's home node has not decided, 'refused' when it said no (see `refused`).
   */
  delivery?: 'pending' | 'refused'
  /** Why the recipient's home refused it (a docs/RULES.md code and a sentence). */
  refused?: RefusalInfo
  /** A business's auto-message: its welcome, a suggested question's answer or a keyword reply. */
  auto?: AutoKind
}

/** A refusal as stored on a message and sent in `message.verdict` events. */
export interface RefusalInfo {
  code: RefusalCode
  message: string
  retryAt?: string
}

export interface ConversationSummary {
  id: string
  with: AccountRef
  folder: Folder
  unread: number
  muted: boolean
  mutedUntil: string | null
  lastMessage: Message | null
  /** 'request-sent' while the viewer's own request waits for an answer. */
  state: 'open' | 'request-received' | 'request-sent'
  lastActivityAt: string
  /** Ids of the viewer's own labels on this conversation (only the viewer sees them). */
  labels?: string[]
}

/** A rule's refusal: a stable machine code and a sentence a person understands. */
export interface Refusal {
  ok: false
  code: RefusalCode
  message: string
  /** When waiting can cure the refusal (R12, R13, R8 after decline): ISO time. */
  retryAt?: string
}

export type RefusalCode =
  | 'MESSAGE_INVALID'
  | 'AGE_RESTRICTED'
  | 'PHONE_REQUIRED'
  | 'BLOCKED'
  | 'REQUEST_DECLINED'
  | 'REQUEST_PENDING'
  | 'NOT_FOLLOWING'
  | 'RECIPIENT_NOT_ACCEPTING'
  | 'RATE_LIMITED'
  | 'DAILY_CAP'
  | 'SETTING_NOT_ALLOWED'
  | 'HANDLE_INVALID'
  | 'HANDLE_TAKEN'

/** An account as the API shows it: private fields only for accounts homed on this node. */
export interface AccountView extends PublicAccount {
  /** Homed on the node that answered (its commands run there). */
  local: boolean
  birthDate?: string
  phone?: string | null
}

/** How a send to someone would go right now, and how it would go after following them. */
export interface Relation {
  following: boolean
  followedBy: boolean
  blocking: boolean
  blockedBy: boolean
  conversationId: string | null
  preview: { ok: true; delivery: Delivery } | Refusal
  previewIfFollowing: ({ ok: true; delivery: Delivery } | Refusal) | null
}

/** What the SSE stream carries (docs/API.md "Events"). */
export interface ClientEvent {
  type: string
  seq: number
  at: string
  conversationId?: string
  message?: Omit<Message, 'delivery'> & { to: string; delivery: MessageDelivery }
  accountId?: string
  account?: PublicAccount
  from?: string
  to?: string
  by?: string
  [key: string]: unknown
}
