// Response shapes of the node API (docs/API.md). The server's routes produce these; the typed
// client returns them. Request bodies are the zod schemas' inputs (shared/schemas.ts).
import type { z } from 'zod'
import type { createAccountSchema, directoryQuerySchema, muteSchema, patchSettingsSchema, sendMessageSchema, updateProfileSchema } from '../schemas'
import type { conversationLabelsSchema, createLabelSchema, createSavedReplySchema, updateLabelSchema, updateSavedReplySchema } from '../business/schemas'
import type { AutoActivity, BusinessStatus, BusinessTools, Label, SavedReply } from '../business/types'
import type { AccountSettings, AccountView, ConversationSummary, Delivery, Folder, Message, PublicAccount, Relation } from '../types'

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

/** GET/PUT /accounts/{account}/business: the auto-messages and whether they act now (R5). */
export interface BusinessResponse {
  business: BusinessTools
  status: BusinessStatus
}

export type { AutoActivity, BusinessTools, Label, SavedReply }

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

/** GET /api/v1/peer-info (no auth): how another node finds this one's peer endpoint and pins it. */
export interface PeerInfo {
  nodeId: string
  name: string
  /** The plain API URL, as the node's `listening on` line prints it. */
  url: string
  /** The HTTPS endpoint other nodes sync with. */
  peerUrl: string
  /** SHA-256 fingerprint of the node's TLS certificate, "AB:CD:...". */
  fingerprint: string
  /** Bound to a LAN address (reachable from other machines), not loopback only. */
  lan?: boolean
}

/** GET /api/v1/pairing-code: shown on this node, typed into the other one. */
export interface PairingCode {
  /** "ABCDE-FGHJK"; the dash and case do not matter when typed. */
  code: string
  expiresAt: string
}

/** A paired node as GET /api/v1/peers lists it (docs/SYNC.md "API for the Network pane"). */
export interface PeerView {
  id: string
  name: string
  url: string
  peerUrl: string
  fingerprint: string
  pairedAt: string
  /** The last exchange with it succeeded (it is polled every few seconds). */
  online: boolean
  lastSeenAt: string | null
  /** Why the last exchange failed, as a sentence; null when online. */
  lastError: string | null
  /** Events of this node it has not acknowledged yet (0 when in sync). */
  eventsBehind: number
}

export interface PeersResponse {
  self: PeerInfo
  peers: PeerView[]
}

/** One recipient of POST /templates/{id}/preview: the filled text, or why they would be skipped. */
export interface TemplatePreview {
  recipient: string
  text: string | null
  skip: { code: string; message: string } | null
  delivery?: Delivery | null
}

/** One node's link to one of its peers, as that node last reported it (GET /api/v1/network). */
export interface NetworkLink {
  peerId: string
  name: string
  online: boolean
  /** Events of the reporting node the peer has not acknowledged yet. */
  eventsBehind: number
  /** Age in ms of the oldest of those events when reported; 0 when none is owed. */
  lagMs: number
}

/** A node of the network and its links, as it last reported them (its own clock). */
export interface NetworkNode {
  nodeId: string
  name: string
  url: string
  reportedAt: string
  links: NetworkLink[]
}

/** GET /api/v1/network: every node this one has heard of, ours first, and how we reach them. */
export interface NetworkResponse {
  self: PeerInfo
  nodes: NetworkNode[]
  /** Nodes reached through a peer (not paired directly): the peer events for them go to. */
  routes: { nodeId: string; via: string }[]
}

/** A node announcing itself on the LAN (mDNS `_envelope._tcp`), GET /api/v1/nearby. */
export interface NearbyNode {
  nodeId: string
  name: string
  /** Its API URL, to pair with (POST /api/v1/peers) together with the code it shows. */
  url: string
  fingerprint: string
  /** Already one of this node's peers. */
  paired: boolean
}

export interface NearbyResponse {
  /** False when this node does not look for others (it is bound to loopback only). */
  discovering: boolean
  nearby: NearbyNode[]
}

export interface ApiErrorBody {
  error: { code: string; message: string; field?: string; retryAt?: string; [key: string]: unknown }
}

export type { AccountSettings, AccountView, ConversationSummary, Folder, Relation }
