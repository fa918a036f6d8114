// Outreach shapes shared by the node and the renderer (docs/API.md "Usage", "Outreach"). Pure data.
import type { AccountRef } from '../types'

export interface CreatorList {
  id: string
  name: string
  /** Account ids, in the order they were added. */
  members: string[]
  createdAt: string
  updatedAt: string
}

export interface Template {
  id: string
  name: string
  text: string
  createdAt: string
}

export type CampaignState = 'scheduled' | 'running' | 'paused' | 'cancelled' | 'done'

export const RECIPIENT_STATUSES = ['queued', 'skipped', 'sent_direct', 'sent_request', 'accepted', 'replied', 'declined', 'failed'] as const
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number]

export interface SendHours {
  from: string
  to: string
}

export interface FollowUp {
  afterDays: number
  templateId: string
}

/** What a campaign was asked to do (POST /campaigns, normalised). */
export interface CampaignConfig {
  account: string
  name: string
  listId: string
  templateId: string
  perHour: number
  startAt: string
  /** ISO weekdays, 1 = Monday; null: every day. */
  days: number[] | null
  hours: SendHours | null
  timeZone: string
  followFirst: boolean
  followUps: FollowUp[]
  includeContacted: boolean
}

export interface CampaignStats {
  /** Recipients reached (sent at least once). */
  reached: number
  /** Of those reached, the share who replied or accepted, 0..1; null before anyone is reached. */
  responseRate: number | null
  /** Median of (first reply - first send) over repliers, ms; null without replies. */
  medianTimeToReplyMs: number | null
}

export interface Campaign extends CampaignConfig {
  id: string
  state: CampaignState
  counts: Record<RecipientStatus, number>
  /** When the last send is expected, given pace, allowed hours and caps; null when nothing is left. */
  projectedFinishAt: string | null
  createdAt: string
  stats: CampaignStats
}

export interface CampaignRecipient {
  account: AccountRef
  status: RecipientStatus
  /** 0 = the first message; n = the n-th follow-up (the last one sent, or the next one queued). */
  step: number
  code?: string
  reason?: string
  sentAt?: string
  repliedAt?: string
  conversationId?: string
}

export const PIPELINE_STAGES = ['to_contact', 'contacted', 'in_talks', 'agreed', 'declined'] as const
export type PipelineStage = (typeof PIPELINE_STAGES)[number]

export const STAGE_LABELS: Record<PipelineStage, string> = {
  to_contact: 'To contact',
  contacted: 'Contacted',
  in_talks: 'In talks',
  agreed: 'Agreed',
  declined: 'Declined',
}

export interface Deliverable {
  id: string
  title: string
  /** YYYY-MM-DD */
  dueDate: string | null
  done: boolean
}

export interface Fee {
  amount: number
  currency: string
}

/** A creator in the team's pipeline (relationship management). */
export interface Creator {
  account: AccountRef
  stage: PipelineStage
  notes: string
  fee: Fee | null
  deliverables: Deliverable[]
  /** Campaigns that reached this creator. */
  campaigns: { id: string; name: string }[]
  /** The local account that last talked to the creator, and that conversation. */
  via: AccountRef | null
  conversationId: string | null
  updatedAt: string
}

/** One cap window: what R12/R13 have counted in it and the limit. */
export interface UsageWindow {
  used: number
  limit: number
}

export interface Usage {
  messages: UsageWindow
  newConversations: UsageWindow
  burst: UsageWindow
  /** When the next counted slot frees; null when nothing is counted. */
  nextFreeAt: string | null
}
