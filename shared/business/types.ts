// Business inbox data shared by the node and the renderer (docs/API.md "Business tools").
// Pure data, no behaviour.

export interface SuggestedQuestion {
  question: string
  answer: string
}

export interface KeywordReply {
  keyword: string
  reply: string
}

/** A business account's auto-messages, as GET/PUT /accounts/{account}/business carry them. */
export interface BusinessTools {
  welcome: string | null
  suggestedQuestions: SuggestedQuestion[]
  keywordReplies: KeywordReply[]
}

/** Why a business's auto-messages do not act right now. */
export type BusinessOffCode = 'BUSINESS_ONLY' | 'NOT_AVAILABLE_IN_REGION' | 'NOT_EVERYONE'

export interface BusinessStatus {
  /** The auto-messages act now (business, outside the EU/EEA, open to everyone). */
  active: boolean
  /** Why they do not; null while active. */
  off: { code: BusinessOffCode; message: string } | null
}

/** Which auto-message a message is: the welcome, a suggested question's answer, a keyword reply. */
export type AutoKind = 'welcome' | 'answer' | 'keyword'

/** One auto-message the business's home node decided to send, and how it went. */
export interface AutoActivity {
  id: string
  kind: AutoKind
  conversationId: string
  to: { id: string; handle: string; displayName: string }
  text: string
  /** 'planned': decided, not sent yet; 'pending': sent, the contact's node has not answered. */
  status: 'planned' | 'sent' | 'pending' | 'refused' | 'skipped'
  /** For 'refused' and 'skipped': the rule's code and a sentence. */
  code?: string
  reason?: string
  messageId?: string
  plannedAt: string
  finishedAt?: string
}

/** The colours a label may take: each has a light and a dark shade that meet WCAG AA. */
export const LABEL_COLORS = ['gray', 'red', 'orange', 'yellow', 'green', 'teal', 'blue', 'purple', 'pink'] as const
export type LabelColor = (typeof LABEL_COLORS)[number]

/** A label one account puts on its conversations (only that account sees it). */
export interface Label {
  id: string
  name: string
  color: LabelColor
  createdAt: string
}

/** A reply an account saved to insert from the compose box with "/". */
export interface SavedReply {
  id: string
  /** Short name searched after "/", e.g. "pricing". */
  title: string
  /** May use {displayName}, {handle} and {topic}, filled for the conversation's other side. */
  text: string
  createdAt: string
  updatedAt: string
}
