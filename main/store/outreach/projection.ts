// Applies outreach events to the outreach state, and lets conversation events (a reply, an
// accepted or deleted request, a block) update campaign tracking and the creator pipeline.
import type { LogEvent } from '../events'
import type { OutreachEvent } from './events'
import type { CreatorRecord, OutreachState, RecipientRecord } from './state'
import { reachKey } from './state'

type OutreachLogEvent = OutreachEvent & { at: string }

export function applyOutreachEvent(o: OutreachState, event: OutreachLogEvent): void {
  switch (event.type) {
    case 'list.saved':
      o.lists[event.list.id] = event.list
      break
    case 'list.deleted':
      delete o.lists[event.listId]
      break
    case 'template.saved':
      o.templates[event.template.id] = event.template
      break
    case 'template.deleted':
      delete o.templates[event.templateId]
      break
    case 'campaign.created': {
      const { campaign } = event
      o.campaigns[campaign.id] = { ...campaign }
      o.recipients[campaign.id] = event.recipients.map((r) => ({ ...r }))
      const index: Record<string, number> = {}
      event.recipients.forEach((r, i) => (index[r.accountId] = i))
      o.recipientIndex[campaign.id] = index
      advanceCursor(o, campaign.id)
      break
    }
    case 'campaign.state': {
      const campaign = o.campaigns[event.campaignId]
      if (campaign) {
        campaign.state = event.state
      }
      break
    }
    case 'campaign.step': {
      const r = recipientOf(o, event.campaignId, event.recipientId)
      const campaign = o.campaigns[event.campaignId]
      if (!r || !campaign) {
        break
      }
      r.inFlight = { step: event.step, clientId: event.clientId }
      const key = reachKey(campaign.account, r.accountId)
      const reaching = (o.reached[key] ??= [])
      if (!reaching.includes(campaign.id)) {
        reaching.push(campaign.id)
      }
      break
    }
    case 'campaign.outcome':
      applyOutcome(o, event)
      break
    case 'creator.updated': {
      const creator = creatorOf(o, event.accountId, event.at)
      Object.assign(creator, event.patch)
      creator.updatedAt = event.at
      break
    }
  }
}

function applyOutcome(o: OutreachState, event: Extract<OutreachEvent, { type: 'campaign.outcome' }> & { at: string }): void {
  const campaign = o.campaigns[event.campaignId]
  const r = recipientOf(o, event.campaignId, event.recipientId)
  if (!campaign || !r) {
    return
  }
  delete r.inFlight
  r.step = event.step
  if (event.status === 'sent_direct' || event.status === 'sent_request') {
    const at = event.sentAt ?? event.at
    // A reply may already have arrived (another node's), and a follow-up keeps what the first send earned.
    if (r.status === 'queued') {
      r.status = event.status
    }
    r.sentAt ??= at
    r.lastSentAt = at
    r.conversationId = event.conversation
    campaign.lastSendAt = at
    const creator = creatorOf(o, r.accountId, event.at)
    if (creator.stage === 'to_contact') {
      creator.stage = 'contacted'
    }
    if (!creator.campaignIds.includes(campaign.id)) {
      creator.campaignIds.push(campaign.id)
    }
    creator.viaAccountId = campaign.account
    creator.conversationId = event.conversation ?? creator.conversationId
    creator.updatedAt = event.at
  } else if (event.status === 'ended') {
    r.finished = true
  } else {
    // failed or skipped: the rule's code and sentence; a follow-up refused keeps the earlier status.
    if (r.status === 'queued') {
      r.status = event.status
      r.code = event.code
      r.reason = event.reason
    }
    r.finished = true
  }
  advanceCursor(o, campaign.id)
}

/** Keeps `cursor` on the first recipient still queued for its first message. */
function advanceCursor(o: OutreachState, campaignId: string): void {
  const campaign = o.campaigns[campaignId]
  const list = o.recipients[campaignId]
  while (campaign.cursor < list.length && list[campaign.cursor].status !== 'queued') {
    campaign.cursor++
  }
}

function recipientOf(o: OutreachState, campaignId: string, accountId: string): RecipientRecord | undefined {
  const i = o.recipientIndex[campaignId]?.[accountId]
  return i === undefined ? undefined : o.recipients[campaignId][i]
}

export function creatorOf(o: OutreachState, accountId: string, at: string): CreatorRecord {
  return (o.creators[accountId] ??= {
    accountId,
    stage: 'to_contact',
    notes: '',
    fee: null,
    deliverables: [],
    campaignIds: [],
    viaAccountId: null,
    conversationId: null,
    updatedAt: at,
  })
}

/** Recipients of `account`'s campaigns that reached `creator`. */
function reachedRecipients(o: OutreachState, accountId: string, creatorId: string): RecipientRecord[] {
  // Most messages answer no campaign: nothing to map over.
  const ids = o.reached[reachKey(accountId, creatorId)]
  return ids === undefined ? [] : ids.flatMap((id) => recipientOf(o, id, creatorId) ?? [])
}

/**
 * What conversation events mean for outreach: the creator wrote back (replied; the pipeline
 * moves "contacted" to "in talks"), accepted the request, deleted it or blocked (declined).
 */
export function trackConversationEvent(o: OutreachState, event: LogEvent, participants: readonly string[] | undefined): void {
  switch (event.type) {
    case 'message.sent':
      if (event.message.delivery === 'direct' || event.message.delivery === 'request') {
        onReply(o, event.message.from, event.message.to, event.message.sentAt)
      }
      break
    case 'request.accepted':
    case 'request.deleted': {
      const other = participants?.find((p) => p !== event.by)
      if (!other) {
        break
      }
      for (const r of reachedRecipients(o, other, event.by)) {
        if (r.status !== 'sent_request') {
          continue
        }
        r.status = event.type === 'request.accepted' ? 'accepted' : 'declined'
        if (r.status === 'declined') {
          r.finished = true
        }
      }
      const creator = o.creators[event.by]
      if (event.type === 'request.deleted' && creator?.stage === 'contacted') {
        creator.stage = 'declined'
      }
      break
    }
    case 'block.added':
      for (const r of reachedRecipients(o, event.to, event.from)) {
        if (r.status === 'sent_direct' || r.status === 'sent_request' || r.status === 'accepted') {
          r.status = 'declined'
        }
        r.finished = true
      }
      break
  }
}

/** A message from `from` to `to` after a campaign of `to` reached `from`: a reply. */
export function onReply(o: OutreachState, from: string, to: string, at: string): void {
  const reached = reachedRecipients(o, to, from)
  if (reached.length === 0) {
    return
  }
  for (const r of reached) {
    if (!r.sentAt || r.repliedAt) {
      continue
    }
    r.repliedAt = at
    r.status = 'replied'
    r.finished = true
  }
  const creator = o.creators[from]
  if (creator && (creator.stage === 'contacted' || creator.stage === 'to_contact')) {
    creator.stage = 'in_talks'
    creator.updatedAt = at
  }
}
