// The business inbox's part of the projection, as plain JSON-able data: auto-message
// settings and decisions, labels per viewer, saved replies per account.
import type { BusinessTools, Label, SavedReply } from '@shared/business/types'
import type { AutoOutcome, BusinessEvent, PlannedAuto } from './business-events'
import type { EventMeta } from './events'

export interface AutoRecord {
  auto: PlannedAuto
  outcome: AutoOutcome | null
  finishedAt: string | null
}

export interface BusinessState {
  /** Per business homed here: its auto-message settings. */
  tools: Record<string, BusinessTools>
  /** Per business any node told us of: its suggested questions (public). */
  questions: Record<string, string[]>
  autos: Record<string, AutoRecord>
  /** Per business: its auto-message ids, oldest first. */
  autosByBusiness: Record<string, string[]>
  /** Planned auto-messages not finished yet: what a restarted node still has to send. */
  unfinished: Record<string, true>
  /** conversation id -> id of its welcome: one per conversation, ever. */
  welcomed: Record<string, string>
  /** Per viewer: its labels by id. */
  labels: Record<string, Record<string, Label>>
  /** Per viewer: conversation id -> the ids of its labels there. */
  conversationLabels: Record<string, Record<string, string[]>>
  /** Per account: its saved replies by id. */
  savedReplies: Record<string, Record<string, SavedReply>>
}

export function emptyBusinessState(): BusinessState {
  return { tools: {}, questions: {}, autos: {}, autosByBusiness: {}, unfinished: {}, welcomed: {}, labels: {}, conversationLabels: {}, savedReplies: {} }
}

function recordOf<V>(map: Record<string, Record<string, V>>, key: string): Record<string, V> {
  return (map[key] ??= {})
}

export function applyBusinessEvent(state: BusinessState, event: BusinessEvent & EventMeta): void {
  switch (event.type) {
    case 'business.updated':
      state.tools[event.accountId] = event.tools
      break
    case 'business.questions':
      state.questions[event.accountId] = event.questions
      break
    case 'auto.planned': {
      const { auto } = event
      state.autos[auto.id] = { auto, outcome: null, finishedAt: null }
      ;(state.autosByBusiness[auto.businessId] ??= []).push(auto.id)
      state.unfinished[auto.id] = true
      if (auto.kind === 'welcome') {
        state.welcomed[auto.conversationId] ??= auto.id
      }
      break
    }
    case 'auto.finished': {
      const record = state.autos[event.autoId]
      if (record && !record.outcome) {
        record.outcome = event.outcome
        record.finishedAt = event.at
        delete state.unfinished[event.autoId]
      }
      break
    }
    case 'label.created':
      recordOf(state.labels, event.by)[event.label.id] = event.label
      break
    case 'label.updated': {
      const label = state.labels[event.by]?.[event.labelId]
      if (label) {
        state.labels[event.by][event.labelId] = { ...label, ...event.patch }
      }
      break
    }
    case 'label.deleted': {
      delete state.labels[event.by]?.[event.labelId]
      const byConversation = state.conversationLabels[event.by] ?? {}
      for (const [conversationId, ids] of Object.entries(byConversation)) {
        byConversation[conversationId] = ids.filter((id) => id !== event.labelId)
      }
      break
    }
    case 'conversation.labelled':
      recordOf(state.conversationLabels, event.by)[event.conversationId] = event.labelIds
      break
    case 'savedReply.created':
      recordOf(state.savedReplies, event.by)[event.reply.id] = event.reply
      break
    case 'savedReply.updated': {
      const reply = state.savedReplies[event.by]?.[event.replyId]
      if (reply) {
        state.savedReplies[event.by][event.replyId] = { ...reply, ...event.patch, updatedAt: event.at }
      }
      break
    }
    case 'savedReply.deleted':
      delete state.savedReplies[event.by]?.[event.replyId]
      break
  }
}
