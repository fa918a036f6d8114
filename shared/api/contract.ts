// Request and response types of the node API (docs/API.md). The server's routes produce these; the typed
// client returns them. Request bodies are the zod schemas' inputs (shared/schemas.ts).
import type { z } from 'zod'
import type { createAccountSchema, directoryQuerySchema, muteSchema, patchSettingsSchema, sendMessageSchema, updateProfileSchema } from '../schemas'
import type { conversationLabelsSchema, createLabelSchema, createSavedReplySchema, updateLabelSchema, updateSavedReplySchema } from '../business/schemas'
import type { AutoActivity, BusinessTools, Label, SavedReply } from '../business/types'
import type { AccountSettings, AccountView, ConversationSummary, Folder, Relation } from '../types'
import type { businessResponseSchema } from './responses/business'
import type { apiErrorSchema } from './responses/error'
import type {
  nearbyNodeSchema,
  nearbyResponseSchema,
  networkLinkSchema,
  networkNodeSchema,
  networkResponseSchema,
  pairingCodeSchema,
  peerInfoSchema,
  peersResponseSchema,
  peerViewSchema,
} from './responses/network'
import type { templatePreviewSchema } from './responses/outreach'
import type { messagesPageSchema, sendResponseSchema } from './operations/conversations'
import type { directoryPageSchema, healthResponseSchema, nodeResponseSchema } from './operations/system'

export type CreateAccountBody = z.input<typeof createAccountSchema>
export type UpdateProfileBody = z.input<typeof updateProfileSchema>
export type PatchSettingsBody = z.input<typeof patchSettingsSchema>
export type SendMessageBody = z.input<typeof sendMessageSchema>
export type MuteBody = z.input<typeof muteSchema>
export type DirectoryQueryInput = Partial<Record<keyof z.input<typeof directoryQuerySchema>, string | number>>

export type CreateLabelBody = z.input<typeof createLabelSchema>
export type UpdateLabelBody = z.input<typeof updateLabelSchema>
export type ConversationLabelsBody = z.input<typeof conversationLabelsSchema>
export type CreateSavedReplyBody = z.input<typeof createSavedReplySchema>
export type UpdateSavedReplyBody = z.input<typeof updateSavedReplySchema>

export type { AutoActivity, BusinessTools, Label, SavedReply }

// The response shapes are the zod schemas' outputs (shared/api/responses, shared/api/operations),
// so the OpenAPI document and these types cannot tell two stories.
/** GET/PUT /accounts/{account}/business: the auto-messages and whether they act now (R5). */
export type BusinessResponse = z.output<typeof businessResponseSchema>
export type HealthResponse = z.output<typeof healthResponseSchema>
export type NodeResponse = z.output<typeof nodeResponseSchema>
export type SendResponse = z.output<typeof sendResponseSchema>
export type MessagesPage = z.output<typeof messagesPageSchema>
export type DirectoryPage = z.output<typeof directoryPageSchema>
/** GET /api/v1/peer-info (no auth): how another node finds this one's peer endpoint and pins it. */
export type PeerInfo = z.output<typeof peerInfoSchema>
/** GET /api/v1/pairing-code: shown on this node, typed into the other one. */
export type PairingCode = z.output<typeof pairingCodeSchema>
/** A paired node as GET /api/v1/peers lists it (docs/SYNC.md "API for the Network pane"). */
export type PeerView = z.output<typeof peerViewSchema>
export type PeersResponse = z.output<typeof peersResponseSchema>
/** One recipient of POST /templates/{id}/preview: the filled text, or why they would be skipped. */
export type TemplatePreview = z.output<typeof templatePreviewSchema>
export type NetworkLink = z.output<typeof networkLinkSchema>
export type NetworkNode = z.output<typeof networkNodeSchema>
/** GET /api/v1/network: every node this one has heard of, ours first, and how we reach them. */
export type NetworkResponse = z.output<typeof networkResponseSchema>
/** A node announcing itself on the LAN (mDNS `_envelope._tcp`), GET /api/v1/nearby. */
export type NearbyNode = z.output<typeof nearbyNodeSchema>
export type NearbyResponse = z.output<typeof nearbyResponseSchema>
/** `{"error": {"code", "message", ...}}`: every 4xx and 5xx of the API. */
export type ApiErrorBody = z.output<typeof apiErrorSchema>

export type { AccountSettings, AccountView, ConversationSummary, Folder, Relation }
