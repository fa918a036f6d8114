// How stored things are shown over the API: no private fields of other people's accounts.
import type { Account, AccountView, ClientEvent } from '@shared/types'
import type { LogEvent, StoreState } from '../store'
import { toPublic } from '../store'

export function presentAccount(state: StoreState, account: Account, nodeId: string): AccountView {
  const local = account.homeNodeId === nodeId
  const view: AccountView = { ...toPublic(state, account), local }
  if (local) {
    view.birthDate = account.birthDate
    view.phone = account.phone
  }
  return view
}

/** A log event as SSE data: what a client must redraw, without private fields. */
export function presentEvent(state: StoreState, event: LogEvent): ClientEvent {
  const base = { seq: event.seq, at: event.at }
  switch (event.type) {
    case 'account.created':
      return { ...base, type: event.type, accountId: event.account.id, account: toPublic(state, event.account) }
    case 'account.updated': {
      const { phone: _phone, ...patch } = event.patch
      return { ...base, type: event.type, accountId: event.accountId, patch }
    }
    case 'settings.updated':
      return { ...base, type: event.type, accountId: event.accountId }
    case 'message.sent': {
      const m = event.message
      return {
        ...base,
        type: event.type,
        conversationId: event.conversationId,
        message: { id: m.id, from: m.from, to: m.to, text: m.text, sentAt: m.sentAt, delivery: m.delivery },
      }
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
