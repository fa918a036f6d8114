// Named queries of the business inbox (store.business): auto-message settings and activity,
// labels, saved replies. Callers outside the store use these, never the projection itself.
import { EMPTY_BUSINESS_TOOLS } from '@shared/business/rules'
import type { AutoActivity, BusinessTools, Label, SavedReply } from '@shared/business/types'
import type { Account, WhoCanMessageMe } from '@shared/types'
import type { PlannedAuto } from './business-events'
import type { AutoRecord } from './business-state'
import { toRef } from './queries'
import type { Messages } from './messages'
import type { StoreState } from './state'
import { conversationIdFor } from './state'

/** What deciding a business's auto-messages for one incoming message needs. */
export interface AutoMessageFacts {
  business: Account
  whoCanMessageMe: WhoCanMessageMe
  tools: BusinessTools
  /** The contact has had a message delivered to the business before (R10's writers). */
  contactHasWritten: boolean
  /** The business has written to the contact (outreach): the conversation is not new. */
  businessHasWritten: boolean
  /** The conversation already got its welcome. */
  welcomed: boolean
}

export class BusinessQueries {
  constructor(
    private readonly state: StoreState,
    private readonly messages: Messages,
  ) {}

  private get business() {
    return this.state.business
  }

  tools(accountId: string): BusinessTools {
    return this.business.tools[accountId] ?? EMPTY_BUSINESS_TOOLS
  }

  /** The suggested questions of any business this node knows (replicated from its home). */
  questions(accountId: string): string[] {
    return this.business.questions[accountId] ?? []
  }

  /** The facts for a business's auto-messages to one contact; null for an unknown business. */
  autoMessageFacts(businessId: string, contactId: string): AutoMessageFacts | null {
    const business = this.state.accounts.get(businessId)
    if (!business) {
      return null
    }
    const conversationId = conversationIdFor(businessId, contactId)
    const writers = this.state.conversations.get(conversationId)?.writers
    return {
      business,
      whoCanMessageMe: this.state.settings.get(businessId)?.whoCanMessageMe ?? 'nobody',
      tools: this.tools(businessId),
      contactHasWritten: writers?.has(contactId) ?? false,
      businessHasWritten: writers?.has(businessId) ?? false,
      welcomed: conversationId in this.business.welcomed,
    }
  }

  /** Planned auto-messages that have no outcome yet, oldest first: what is left to send. */
  unfinishedAutos(): PlannedAuto[] {
    return Object.keys(this.business.unfinished)
      .map((id) => this.business.autos[id].auto)
      .sort((a, b) => (a.plannedAt < b.plannedAt ? -1 : a.plannedAt > b.plannedAt ? 1 : 0))
  }

  /** The business an auto-message belongs to, as a list (an unknown one concerns nobody). */
  autoBusinessId(autoId: string): string[] {
    const record = this.business.autos[autoId]
    return record ? [record.auto.businessId] : []
  }

  isAutoFinished(autoId: string): boolean {
    return !(autoId in this.business.unfinished)
  }

  /** A business's auto-messages, newest first. */
  activity(businessId: string, limit = 50): AutoActivity[] {
    const ids = this.business.autosByBusiness[businessId] ?? []
    const out: AutoActivity[] = []
    for (let i = ids.length - 1; i >= 0 && out.length < limit; i--) {
      out.push(this.activityOf(this.business.autos[ids[i]]))
    }
    return out
  }

  private activityOf(record: AutoRecord): AutoActivity {
    const { auto, outcome, finishedAt } = record
    const base: AutoActivity = {
      id: auto.id,
      kind: auto.kind,
      conversationId: auto.conversationId,
      to: toRef(this.state.accounts.get(auto.contactId), auto.contactId),
      text: auto.text,
      status: 'planned',
      plannedAt: auto.plannedAt,
    }
    if (!outcome) {
      return base
    }
    const finished = { ...base, finishedAt: finishedAt ?? undefined }
    if (outcome.status !== 'sent') {
      return { ...finished, status: outcome.status, code: outcome.code, reason: outcome.message }
    }
    // A send to another node may still be refused there (a block, R9): its message tells.
    const message = this.messages.byId(outcome.messageId, auto.conversationId)
    const sent = { ...finished, messageId: outcome.messageId }
    if (message?.delivery === 'pending') {
      return { ...sent, status: 'pending' }
    }
    if (message?.delivery === 'refused') {
      return { ...sent, status: 'refused', code: message.refused?.code, reason: message.refused?.message }
    }
    return { ...sent, status: 'sent' }
  }

  /** A viewer's labels, in the order they were made. */
  labels(viewerId: string): Label[] {
    return Object.values(this.business.labels[viewerId] ?? {}).sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1))
  }

  label(viewerId: string, labelId: string): Label | undefined {
    return this.business.labels[viewerId]?.[labelId]
  }

  /** The ids of the viewer's labels on one conversation. */
  conversationLabelIds(viewerId: string, conversationId: string): string[] {
    const ids = this.business.conversationLabels[viewerId]?.[conversationId] ?? []
    const own = this.business.labels[viewerId] ?? {}
    return ids.filter((id) => id in own)
  }

  /** An account's saved replies, by title. */
  savedReplies(accountId: string): SavedReply[] {
    return Object.values(this.business.savedReplies[accountId] ?? {}).sort((a, b) => a.title.localeCompare(b.title) || (a.id < b.id ? -1 : 1))
  }

  savedReply(accountId: string, replyId: string): SavedReply | undefined {
    return this.business.savedReplies[accountId]?.[replyId]
  }
}
