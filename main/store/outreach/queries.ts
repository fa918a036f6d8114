// Named queries over the outreach state (store.outreach): what the outreach commands, the
// scheduler and the routes read. Nobody outside main/store touches the projection itself.
import type { CampaignRecipient, Creator, CreatorList, RecipientStatus, Template } from '@shared/outreach/types'
import { RECIPIENT_STATUSES } from '@shared/outreach/types'
import { toRef } from '../queries'
import type { StoreState } from '../state'
import { conversationIdFor } from '../state'
import type { CampaignRecord, CreatorRecord, RecipientRecord } from './state'
import { reachKey } from './state'

export function countsOf(recipients: readonly RecipientRecord[]): Record<RecipientStatus, number> {
  const counts = Object.fromEntries(RECIPIENT_STATUSES.map((s) => [s, 0])) as Record<RecipientStatus, number>
  for (const r of recipients) {
    counts[r.status]++
  }
  return counts
}

/** A record's own entry: ids come from URLs, and "__proto__" or "constructor" must find nothing. */
function own<T>(record: Record<string, T>, id: string): T | undefined {
  return Object.hasOwn(record, id) ? record[id] : undefined
}

export class OutreachQueries {
  constructor(private readonly state: StoreState) {}

  private get o() {
    return this.state.outreach
  }

  lists(): CreatorList[] {
    return Object.values(this.o.lists)
  }
  list(id: string): CreatorList | undefined {
    return own(this.o.lists, id)
  }
  templates(): Template[] {
    return Object.values(this.o.templates)
  }
  template(id: string): Template | undefined {
    return own(this.o.templates, id)
  }

  campaign(id: string): CampaignRecord | undefined {
    return own(this.o.campaigns, id)
  }
  /** Every campaign, or those sending as `accountId`. */
  campaigns(accountId?: string): CampaignRecord[] {
    return Object.values(this.o.campaigns).filter((c) => !accountId || c.account === accountId)
  }
  /** The campaign's recipients as stored, in list order. Read-only for callers. */
  recipients(campaignId: string): readonly RecipientRecord[] {
    return own(this.o.recipients, campaignId) ?? []
  }

  /**
   * Has `accountId` contacted `creatorId` already: a conversation between them holds a
   * message (either way), or one of its campaigns sent to the creator?
   */
  alreadyContacted(accountId: string, creatorId: string): boolean {
    const conv = this.state.conversations.get(conversationIdFor(accountId, creatorId))
    if (conv && conv.refs.length > 0) {
      return true
    }
    return (this.o.reached[reachKey(accountId, creatorId)]?.length ?? 0) > 0
  }

  presentRecipient(r: RecipientRecord): CampaignRecipient {
    const out: CampaignRecipient = { account: toRef(this.state.accounts.get(r.accountId), r.accountId), status: r.status, step: r.step }
    if (r.code) {
      out.code = r.code
    }
    if (r.reason) {
      out.reason = r.reason
    }
    if (r.sentAt) {
      out.sentAt = r.sentAt
    }
    if (r.repliedAt) {
      out.repliedAt = r.repliedAt
    }
    if (r.conversationId) {
      out.conversationId = r.conversationId
    }
    return out
  }

  creators(): CreatorRecord[] {
    return Object.values(this.o.creators)
  }
  creator(accountId: string): CreatorRecord | undefined {
    return own(this.o.creators, accountId)
  }

  presentCreator(c: CreatorRecord): Creator {
    const { accounts } = this.state
    return {
      account: toRef(accounts.get(c.accountId), c.accountId),
      stage: c.stage,
      notes: c.notes,
      fee: c.fee,
      deliverables: c.deliverables,
      campaigns: c.campaignIds.flatMap((id) => {
        const campaign = this.o.campaigns[id]
        return campaign ? [{ id, name: campaign.name }] : []
      }),
      via: c.viaAccountId ? toRef(accounts.get(c.viaAccountId), c.viaAccountId) : null,
      conversationId: c.conversationId,
      updatedAt: c.updatedAt,
    }
  }
}
