// Response shapes of the node API (API.md). The server's routes produce these; the typed
// client returns them. Request bodies are the zod schemas' inputs (shared/schemas.ts).
import type { z } from 'zod'
import type {
  createAccountSchema,
  directoryQuerySchema,
  muteSchema,
  patchSettingsSchema,
  sendMessageSchema,
  updateProfileSchema,
} from '../schemas'
import type { AccountSettings, AccountView, ConversationSummary, Delivery, Folder, Message, PublicAccount, Relation } from '../types'

export type CreateAccountBody = z.input<typeof createAccountSchema>
export type UpdateProfileBody = z.input<typeof updateProfileSchema>
export type PatchSettingsBody = z.input<typeof patchSettingsSchema>
export type SendMessageBody = z.input<typeof sendMessageSchema>
export type MuteBody = z.input<typeof muteSchema>
export type DirectoryQueryInput = Partial<Record<keyof z.input<typeof directoryQuerySchema>, string | number>>

export interface HealthResponse {
  ok: true
  node: { id: string; name: string }
}
export interface NodeResponse {
  node: { id: string; name: string; lastSeq: number }
}
export interface SendResponse {
  message: Message
  conversationId: string
  delivery: Delivery
}
export interface MessagesPage {
  messages: Message[]
  hasMore: boolean
}
export interface DirectoryPage {
  accounts: PublicAccount[]
  total: number
}

export interface ApiErrorBody {
  error: { code: string; message: string; field?: string; retryAt?: string; [key: string]: unknown }
}

export type { AccountSettings, AccountView, ConversationSummary, Folder, Relation }
