// Named queries over the outreach state: what the outreach commands, the scheduler and the
// routes read. Outside main/store nobody touches the projection itself.
import type { Campaign, CampaignRecipient, Creator, CreatorList, RecipientStatus, Template } from '@shared/outreach/types'
import { RECIPIENT_STATUSES } from '@shared/outreach/types'
import type { SendHistory } from '@shared/rules'
import type { Store } from '../store'
import { toRef } from '../queries'
import { conversationIdFor } from '../state'
import type { CampaignRecord, CreatorRecord, RecipientRecord } from './state'

export const listsOf = (store: Store): CreatorList[] => Object.values(store.state.outreach.lists)
export const listById = (store: Store, id: string): CreatorList | undefined => store.state.outreach.lists[id]
export const templatesOf = (store: Store): Template[] => Object.values(store.state.outreach.templates)
export const templateById = (store: Store, id: string): Template | undefined => store.state.outreach.templates[id]

export const campaignRecord = (store: Store, id: string): CampaignRecord | undefined => store.state.outreach.campaigns[id]
export function campaignRecords(store: Store, accountId?: string): CampaignRecord[] {
  return Object.values(store.state.outreach.campaigns).filter((c) => !accountId || c.account === accountId)
}
/** The campaign's recipients as stored, in list order. Read-only for callers. */
export const recipientRecords = (store: Store, campaignId: string): readonly RecipientRecord[] => store.state.outreach.recipients[campaignId] ?? []

/** R12/R13's history of an account: its delivered sends and new conversations (epoch ms, ascending). */
export function sendHistory(store: Store, accountId: string): SendHistory {
  return {
    messageTimes: store.state.sendTimes.get(accountId) ?? [],
    newConversationTimes: store.state.newConversationTimes.get(accountId) ?? [],
  }
}

/**
 * Has `accountId` contacted `creatorId` already: a conversation between them holds a message
 * (either way), or one of its campaigns sent to the creator?
 */
export function alreadyContacted(store: Store, accountId: string, creatorId: string): boolean {
  const conv = store.state.conversations.get(conversationIdFor(accountId, creatorId))
  if (conv && conv.messages.length > 0) return true
  return (store.state.outreach.reached[`${accountId}\u0000${creatorId}`]?.length ?? 0) > 0
}

export function countsOf(recipients: readonly RecipientRecord[]): Record<RecipientStatus, number> {
  const counts = Object.fromEntries(RECIPIENT_STATUSES.map((s) => [s, 0])) as Record<RecipientStatus, number>
  for (const r of recipients) counts[r.status]++
  return counts
}

export function presentRecipient(store: Store, r: RecipientRecord): CampaignRecipient {
  const out: CampaignRecipient = { account: toRef(store.state.accounts.get(r.accountId), r.accountId), status: r.status, step: r.step }
  if (r.code) out.code = r.code
  if (r.reason) out.reason = r.reason
  if (r.sentAt) out.sentAt = r.sentAt
  if (r.repliedAt) out.repliedAt = r.repliedAt
  if (r.conversationId) out.conversationId = r.conversationId
  return out
}

export function presentCreator(store: Store, c: CreatorRecord): Creator {
  const { accounts } = store.state
  return {
    account: toRef(accounts.get(c.accountId), c.accountId),
    stage: c.stage,
    notes: c.notes,
    fee: c.fee,
    deliverables: c.deliverables,
    campaigns: c.campaignIds.flatMap((id) => {
      const campaign = store.state.outreach.campaigns[id]
      return campaign ? [{ id, name: campaign.name }] : []
    }),
    via: c.viaAccountId ? toRef(accounts.get(c.viaAccountId), c.viaAccountId) : null,
    conversationId: c.conversationId,
    updatedAt: c.updatedAt,
  }
}

export const creatorRecords = (store: Store): CreatorRecord[] => Object.values(store.state.outreach.creators)
export const creatorRecord = (store: Store, accountId: string): CreatorRecord | undefined => store.state.outreach.creators[accountId]

export type { Campaign }
