// The outreach events the store persists (docs/STORAGE.md). They stay on this node: lists,
// templates, campaigns and the pipeline belong to the node, not to the network.
import type { CreatorList, Deliverable, Fee, PipelineStage, Template } from '@shared/outreach/types'
import type { CampaignRecord, RecipientRecord } from './state'

export type OutreachEvent =
  | { type: 'list.saved'; list: CreatorList }
  | { type: 'list.deleted'; listId: string }
  | { type: 'template.saved'; template: Template }
  | { type: 'template.deleted'; templateId: string }
  /** Recipients come decided: `queued`, or `skipped` with the code no waiting can cure. */
  | { type: 'campaign.created'; campaign: CampaignRecord; recipients: RecipientRecord[] }
  | { type: 'campaign.state'; campaignId: string; state: CampaignRecord['state'] }
  /** Written before a send: "about to send step N to X with clientId C". */
  | { type: 'campaign.step'; campaignId: string; recipientId: string; step: number; clientId: string }
  | {
      type: 'campaign.outcome'
      campaignId: string
      recipientId: string
      step: number
      status: 'sent_direct' | 'sent_request' | 'failed' | 'skipped' | 'ended'
      code?: string
      reason?: string
      sentAt?: string
      /** The conversation the send went to (named so routing does not take it for a conversation event). */
      conversation?: string
    }
  | {
      type: 'creator.updated'
      accountId: string
      patch: { stage?: PipelineStage; notes?: string; fee?: Fee | null; deliverables?: Deliverable[] }
    }

export const OUTREACH_EVENT_TYPES = {
  'list.saved': true,
  'list.deleted': true,
  'template.saved': true,
  'template.deleted': true,
  'campaign.created': true,
  'campaign.state': true,
  'campaign.step': true,
  'campaign.outcome': true,
  'creator.updated': true,
} as const satisfies Record<OutreachEvent['type'], true>

/** Lists, templates, campaigns and the pipeline: node-wide events every client of the node redraws from. */
export function isOutreachEvent<E extends { type: string }>(event: E): event is Extract<E, OutreachEvent> {
  return Object.hasOwn(OUTREACH_EVENT_TYPES, event.type)
}
