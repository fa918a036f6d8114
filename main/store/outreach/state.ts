// The outreach part of the store's projection: lists, templates, campaigns with each
// recipient's step, and the creator pipeline. Plain JSON-able data (no Map or Set), so it can
// be checkpointed like the rest.
import type { CampaignConfig, CreatorList, Deliverable, Fee, PipelineStage, RecipientStatus, Template } from '@shared/outreach/types'

/** A campaign as stored: `account` is the sending account's id. */
export interface CampaignRecord extends CampaignConfig {
  id: string
  /** 'scheduled' is not stored: a running campaign before its startAt shows as scheduled. */
  state: 'running' | 'paused' | 'cancelled' | 'done'
  createdAt: string
  /** The last send the scheduler made for this campaign (pacing). */
  lastSendAt: string | null
  /** Every recipient before this index has left `queued` at step 0: where the scheduler looks next. */
  cursor: number
}

export interface RecipientRecord {
  accountId: string
  status: RecipientStatus
  /** The step last sent, or the next one to send while queued (0 = first message). */
  step: number
  code?: string
  reason?: string
  /** First send of this campaign to them. */
  sentAt?: string
  /** Latest send (follow-ups count from it). */
  lastSentAt?: string
  repliedAt?: string
  conversationId?: string
  /** Persisted before a send: a restart resends with the same clientId, which R18 makes a no-op. */
  inFlight?: { step: number; clientId: string }
  /** Follow-ups end (a refusal, a reply): no more steps. */
  finished?: boolean
}

export interface CreatorRecord {
  accountId: string
  stage: PipelineStage
  notes: string
  fee: Fee | null
  deliverables: Deliverable[]
  campaignIds: string[]
  viaAccountId: string | null
  conversationId: string | null
  updatedAt: string
}

export interface OutreachState {
  lists: Record<string, CreatorList>
  templates: Record<string, Template>
  campaigns: Record<string, CampaignRecord>
  recipients: Record<string, RecipientRecord[]>
  /** campaign id -> recipient account id -> index in `recipients`. */
  recipientIndex: Record<string, Record<string, number>>
  /** "<sending account>\u0000<creator>" -> ids of campaigns that sent to the creator: replies find their campaign here. */
  reached: Record<string, string[]>
  creators: Record<string, CreatorRecord>
}

export function emptyOutreach(): OutreachState {
  return { lists: {}, templates: {}, campaigns: {}, recipients: {}, recipientIndex: {}, reached: {}, creators: {} }
}

export function reachKey(accountId: string, creatorId: string): string {
  return `${accountId}\u0000${creatorId}`
}
