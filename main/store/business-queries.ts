// Named queries of the business inbox: auto-message settings and activity, labels, saved
// replies. Callers outside the store use these, never the projection itself.
import { EMPTY_BUSINESS_TOOLS } from '@shared/business/rules'
import type { AutoActivity, BusinessTools, Label, SavedReply } from '@shared/business/types'
import type { Account, WhoCanMessageMe } from '@shared/types'
import type { PlannedAuto } from './business-events'
import type { AutoRecord } from './business-state'
import { toRef } from './queries'
import { conversationIdFor } from './state'
import type { Store } from './store'

export function businessToolsOf(store: Store, accountId: string): BusinessTools {
  return store.state.business.tools[accountId] ?? EMPTY_BUSINESS_TOOLS
}

/** The suggested questions of any business this node knows (replicated from its home). */
export function suggestedQuestionsOf(store: Store, accountId: string): string[] {
  return store.state.business.questions[accountId] ?? []
}

/** What deciding a business's auto-messages for one incoming message needs. */
export interface AutoMessageFacts {
  business: Account
  whoCanMessageMe: WhoCanMessageMe
  tools: BusinessTools
  /** The contact has had a message delivered to the business before (R10's writers). */
  contactHasWritten: boolean
  /** The conversation already got its welcome. */
  welcomed: boolean
}

export function autoMessageFacts(store: Store, businessId: string, contactId: string): AutoMessageFacts | null {
  const { state } = store
  const business = state.accounts.get(businessId)
  if (!business) return null
  const conversationId = conversationIdFor(businessId, contactId)
  const conv = state.conversations.get(conversationId)
  return {
    business,
    whoCanMessageMe: state.settings.get(businessId)?.whoCanMessageMe ?? 'nobody',
    tools: businessToolsOf(store, businessId),
    contactHasWritten: conv?.writers.has(contactId) ?? false,
    welcomed: conversationId in state.business.welcomed,
  }
}

/** Planned auto-messages that have no outcome yet, oldest first: what is left to send. */
export function unfinishedAutos(store: Store): PlannedAuto[] {
  const { autos, unfinished } = store.state.business
  return Object.keys(unfinished)
    .map((id) => autos[id].auto)
    .sort((a, b) => (a.plannedAt < b.plannedAt ? -1 : a.plannedAt > b.plannedAt ? 1 : 0))
}

export function isAutoFinished(store: Store, autoId: string): boolean {
  return !(autoId in store.state.business.unfinished)
}

function activityOf(store: Store, record: AutoRecord): AutoActivity {
  const { auto, outcome, finishedAt } = record
  const contact = store.state.accounts.get(auto.contactId)
  const base: AutoActivity = {
    id: auto.id,
    kind: auto.kind,
    conversationId: auto.conversationId,
    to: toRef(contact, auto.contactId),
    text: auto.text,
    status: 'planned',
    plannedAt: auto.plannedAt,
  }
  if (!outcome) return base
  const finished = { ...base, finishedAt: finishedAt ?? undefined }
  if (outcome.status !== 'sent') return { ...finished, status: outcome.status, code: outcome.code, reason: outcome.message }
  // A send to another node may still be refused there (block, R9): its message tells.
  const message = store.state.messageIndex.get(outcome.messageId)
  const sent = { ...finished, messageId: outcome.messageId }
  if (message?.delivery === 'pending') return { ...sent, status: 'pending' }
  if (message?.delivery === 'refused') return { ...sent, status: 'refused', code: message.refused?.code, reason: message.refused?.message }
  return { ...sent, status: 'sent' }
}

/** A business's auto-messages, newest first. */
export function autoActivity(store: Store, businessId: string, limit = 50): AutoActivity[] {
  const ids = store.state.business.autosByBusiness[businessId] ?? []
  const out: AutoActivity[] = []
  for (let i = ids.length - 1; i >= 0 && out.length < limit; i--) out.push(activityOf(store, store.state.business.autos[ids[i]]))
  return out
}

/** A viewer's labels, in the order they were made. */
export function labelsOf(store: Store, viewerId: string): Label[] {
  return Object.values(store.state.business.labels[viewerId] ?? {}).sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1))
}

export function labelOf(store: Store, viewerId: string, labelId: string): Label | undefined {
  return store.state.business.labels[viewerId]?.[labelId]
}

/** The ids of the viewer's labels on one conversation, in the viewer's label order. */
export function conversationLabelIds(store: Store, viewerId: string, conversationId: string): string[] {
  const ids = store.state.business.conversationLabels[viewerId]?.[conversationId] ?? []
  const own = store.state.business.labels[viewerId] ?? {}
  return ids.filter((id) => id in own)
}

/** A viewer's saved replies, by title. */
export function savedRepliesOf(store: Store, accountId: string): SavedReply[] {
  return Object.values(store.state.business.savedReplies[accountId] ?? {}).sort((a, b) => a.title.localeCompare(b.title) || (a.id < b.id ? -1 : 1))
}

export function savedReplyOf(store: Store, accountId: string, replyId: string): SavedReply | undefined {
  return store.state.business.savedReplies[accountId]?.[replyId]
}
