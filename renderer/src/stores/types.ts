// Renderer-only shapes the stores share with components (the node's types are in @shared/types).
import type { ConversationSummary, Message } from '@shared/types'

/** A conversation as one local account sees it (the unified inbox mixes accounts). */
export interface InboxRow {
  key: string
  accountId: string
  conversation: ConversationSummary
}

/** 'pending': stored, but the recipient's home node (LAN sync) has not decided yet. */
export type DeliveryState = 'sending' | 'pending' | 'sent' | 'request' | 'seen' | 'failed'

/** One line of a conversation: a stored message or a send still on its way (or failed). */
export interface ThreadItem {
  key: string
  message: Message
  mine: boolean
  state: DeliveryState | null
  /** The node's sentence when state is 'failed'. */
  error?: string
  clientId?: string
}

export type MuteChoice = '1h' | '8h' | '24h' | 'forever'

export const rowKey = (accountId: string, conversationId: string) => `${accountId}:${conversationId}`
