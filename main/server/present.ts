// How stored things are shown over the API: no private fields of other people's accounts.
import type { Account, AccountView, ClientEvent, Message, MessageDelivery } from '@shared/types'
import type { LogEvent, Store, StoredMessage } from '../store'
import { isOutreachEvent } from '../store'

export function presentAccount(store: Store, account: Account, nodeId: string): AccountView {
  const local = account.homeNodeId === nodeId
  const view: AccountView = { ...store.publicAccount(account), local }
  if (local) {
    view.birthDate = account.birthDate
    view.phone = account.phone
  }
  return view
}

/** A message as a `message.sent` event shows it. event-frame.ts writes these keys in this order. */
export type ShownMessage = Pick<Message, 'id' | 'from' | 'text' | 'sentAt' | 'auto'> & { to: string; delivery: MessageDelivery }

export function shownMessage(m: StoredMessage, delivery: MessageDelivery): ShownMessage {
  return { id: m.id, from: m.from, to: m.to, text: m.text, sentAt: m.sentAt, delivery, ...(m.auto ? { auto: m.auto } : {}) }
}

/** What a message event shows as `message.sent`: the message and the delivery its clients see. */
export interface MessageShown {
  message: StoredMessage
  delivery: MessageDelivery
}

/**
 * How this node's clients see a message event: as a `message.sent` (the message and its
 * delivery), 'hidden', or undefined when it is shown as itself (a verdict, to the sender's side).
 */
export function messageShown(store: Store, event: LogEvent & { type: 'message.sent' | 'message.verdict' }, nodeId: string): MessageShown | 'hidden' | undefined {
  if (event.type === 'message.sent') {
    const m = event.message
    // A cross-node send shows where its sender lives; the recipient's side hears of it
    // through the verdict below, and never when it was refused.
    if (m.delivery === 'pending' && store.account(m.from)?.homeNodeId !== nodeId) {
      return 'hidden'
    }
    return { message: m, delivery: m.delivery }
  }
  const m = store.message(event.messageId, event.conversationId)
  if (!m || store.account(m.to)?.homeNodeId !== nodeId) {
    return undefined
  }
  // For the recipient's clients the message arrives now, like any other (and never when refused).
  return event.delivery === 'refused' ? 'hidden' : { message: m, delivery: event.delivery }
}

/**
 * A log event as SSE data: what a client must redraw, without private fields. Null for what
 * this node's clients must not see: another node's send while its fate is undecided here.
 */
export function presentEvent(store: Store, event: LogEvent, nodeId: string): ClientEvent | null {
  const base = { seq: event.seq, at: event.at }
  if (isOutreachEvent(event)) {
    // One small "something in outreach changed" event: the panes re-read what they show.
    const campaignId = 'campaignId' in event ? event.campaignId : event.type === 'campaign.created' ? event.campaign.id : undefined
    return { ...base, type: 'outreach.changed', kind: event.type, ...(campaignId ? { campaignId } : {}) }
  }
  switch (event.type) {
    case 'account.created':
      return { ...base, type: event.type, accountId: event.account.id, account: store.publicAccount(event.account) }
    case 'account.updated': {
      const { phone: _phone, ...patch } = event.patch
      return { ...base, type: event.type, accountId: event.accountId, patch }
    }
    case 'settings.updated':
      return { ...base, type: event.type, accountId: event.accountId }
    case 'message.sent':
    case 'message.verdict': {
      const shown = messageShown(store, event, nodeId)
      if (shown === 'hidden') {
        return null
      }
      if (shown) {
        return { ...base, type: 'message.sent', conversationId: event.conversationId, message: shownMessage(shown.message, shown.delivery) }
      }
      // A verdict shown as such, to the sender's side (and any node that is neither home).
      const { seq: _s, id: _i, origin: _o, at: _a, newConversation: _n, acceptsRequest: _r, ...rest } = event as LogEvent & { type: 'message.verdict' }
      return { ...base, ...rest }
    }
    case 'conversation.read': {
      // Readers' positions are shown as message ids, never as internal sort keys.
      const messageId = event.upTo.slice(event.upTo.lastIndexOf('|') + 1)
      return { ...base, type: event.type, conversationId: event.conversationId, by: event.by, messageId }
    }
    case 'conversation.hidden': {
      const { upTo: _upTo, seq: _s, id: _i, origin: _o, at: _a, ...rest } = event
      return { ...base, ...rest }
    }
    default: {
      const { seq: _s, id: _i, origin: _o, at: _a, ...rest } = event
      return { ...base, ...rest }
    }
  }
}

/**
 * The accounts an event concerns, so a stream opened for some accounts gets only their
 * events; null for what every stream shows (profiles, which any conversation may name).
 */
export function eventAudience(store: Store, event: LogEvent): readonly string[] | null {
  // Lists, templates, campaigns and the pipeline belong to the node: every client of it sees them.
  if (isOutreachEvent(event)) {
    return null
  }
  switch (event.type) {
    case 'account.created':
    case 'account.updated':
      return null
    case 'settings.updated':
      return [event.accountId]
    case 'follow.added':
    case 'follow.removed':
    case 'block.added':
    case 'block.removed':
      return [event.from, event.to]
    case 'message.sent':
      return [event.message.from, event.message.to]
    // The business inbox: the account whose tools, activity, labels or replies changed.
    case 'business.updated':
      return [event.accountId]
    case 'business.questions':
      return null
    case 'auto.planned':
      return [event.auto.businessId]
    case 'auto.finished':
      return store.business.autoBusinessId(event.autoId)
    case 'label.created':
    case 'label.updated':
    case 'label.deleted':
    case 'conversation.labelled':
    case 'savedReply.created':
    case 'savedReply.updated':
    case 'savedReply.deleted':
      return [event.by]
    default:
      return store.conversation(event.conversationId)?.participants ?? []
  }
}
