// Applies one event to the in-memory state. Deterministic and idempotent by event id,
// so replay at start-up, live commits and events from peers all go through here.
import type { LogEvent, StoredMessage } from './events'
import type { ConversationState, StoreState, ViewerState } from './state'
import { conversationIdFor, messageKey, setOf } from './state'

export function applyEvent(state: StoreState, event: LogEvent): boolean {
  if (state.appliedIds.has(event.id)) return false
  state.appliedIds.add(event.id)
  switch (event.type) {
    case 'account.created':
      state.accounts.set(event.account.id, event.account)
      state.handles.set(event.account.handle, event.account.id)
      state.settings.set(event.account.id, event.settings)
      break
    case 'account.updated': {
      const account = state.accounts.get(event.accountId)
      if (account) state.accounts.set(account.id, { ...account, ...event.patch })
      break
    }
    case 'settings.updated':
      state.settings.set(event.accountId, event.settings)
      break
    case 'follow.added':
      setOf(state.following, event.from).add(event.to)
      setOf(state.followers, event.to).add(event.from)
      break
    case 'follow.removed':
      unfollow(state, event.from, event.to)
      break
    case 'block.added': {
      // R11: a block removes follows in both directions.
      setOf(state.blocks, event.from).add(event.to)
      unfollow(state, event.from, event.to)
      unfollow(state, event.to, event.from)
      // Blocking the sender of a pending request also clears it from the Requests folder.
      const conv = state.conversations.get(conversationIdFor(event.from, event.to))
      if (conv && conv.status === 'request' && conv.starterId === event.to) {
        conv.status = 'declined'
        conv.declinedAt = event.at
        hideAll(conv, event.from)
      }
      break
    }
    case 'block.removed':
      state.blocks.get(event.from)?.delete(event.to)
      break
    case 'message.sent':
      applyMessage(state, event.message, event.newConversation, event.acceptsRequest)
      break
    case 'request.accepted': {
      const conv = state.conversations.get(event.conversationId)
      if (conv && conv.status === 'request') {
        conv.status = 'open'
        conv.accepted = true
      }
      break
    }
    case 'request.deleted': {
      const conv = state.conversations.get(event.conversationId)
      if (conv && conv.status === 'request') {
        conv.status = 'declined'
        conv.declinedAt = event.at
        // The request disappears for the one who deleted it; the sender is not told.
        hideAll(conv, event.by)
      }
      break
    }
    case 'conversation.read': {
      const viewer = viewerOf(state, event.conversationId, event.by)
      if (viewer && (viewer.readUpTo === null || event.upTo > viewer.readUpTo)) viewer.readUpTo = event.upTo
      break
    }
    case 'conversation.muted': {
      const viewer = viewerOf(state, event.conversationId, event.by)
      if (viewer) {
        viewer.muted = event.muted
        viewer.mutedUntil = event.muted ? event.until : null
      }
      break
    }
    case 'message.hidden':
      viewerOf(state, event.conversationId, event.by)?.hiddenIds.add(event.messageId)
      break
    case 'conversation.hidden': {
      const viewer = viewerOf(state, event.conversationId, event.by)
      if (viewer && (viewer.hiddenUpTo === null || event.upTo > viewer.hiddenUpTo)) viewer.hiddenUpTo = event.upTo
      break
    }
  }
  return true
}

function unfollow(state: StoreState, from: string, to: string): void {
  state.following.get(from)?.delete(to)
  state.followers.get(to)?.delete(from)
}

function newViewer(): ViewerState {
  return { readUpTo: null, muted: false, mutedUntil: null, hiddenUpTo: null, hiddenIds: new Set() }
}

function viewerOf(state: StoreState, conversationId: string, accountId: string): ViewerState | undefined {
  return state.conversations.get(conversationId)?.viewers.get(accountId)
}

function hideAll(conv: ConversationState, viewerId: string): void {
  const last = conv.messages.at(-1)
  const viewer = conv.viewers.get(viewerId)
  if (last && viewer) viewer.hiddenUpTo = messageKey(last)
}

function applyMessage(state: StoreState, message: StoredMessage, newConversation: boolean, acceptsRequest: boolean): void {
  let conv = state.conversations.get(message.conversationId)
  if (!conv) {
    conv = {
      id: message.conversationId,
      participants: message.from < message.to ? [message.from, message.to] : [message.to, message.from],
      status: message.delivery === 'request' ? 'request' : 'open',
      starterId: message.from,
      declinedAt: null,
      accepted: false,
      messages: [],
      writers: new Set(),
      viewers: new Map([
        [message.from, newViewer()],
        [message.to, newViewer()],
      ]),
      lastActivityAt: message.sentAt,
    }
    state.conversations.set(conv.id, conv)
    setOf(state.conversationsByAccount, message.from).add(conv.id)
    setOf(state.conversationsByAccount, message.to).add(conv.id)
  } else if (conv.status === 'declined') {
    // A new request, or a fresh start by the one who declined, after a declined request.
    conv.status = message.delivery === 'request' ? 'request' : 'open'
    conv.starterId = message.from
    conv.declinedAt = null
    conv.accepted = false
  } else if (conv.status === 'request' && acceptsRequest) {
    conv.status = 'open'
    conv.accepted = true
  }
  insertSorted(conv.messages, message)
  conv.writers.add(message.from)
  // The sender has read everything up to their own message.
  const senderView = conv.viewers.get(message.from)
  const key = messageKey(message)
  if (senderView && (senderView.readUpTo === null || key > senderView.readUpTo)) senderView.readUpTo = key
  if (message.sentAt > conv.lastActivityAt) conv.lastActivityAt = message.sentAt
  state.messageIndex.set(message.id, message)
  state.clientIds.set(`${message.from}\u0000${message.clientId}`, message.id)
  const at = Date.parse(message.sentAt)
  insertTime(setOf2(state.sendTimes, message.from), at)
  if (newConversation) insertTime(setOf2(state.newConversationTimes, message.from), at)
}

function setOf2(map: Map<string, number[]>, key: string): number[] {
  let list = map.get(key)
  if (!list) {
    list = []
    map.set(key, list)
  }
  return list
}

/** Messages almost always arrive in order: append, else binary-insert (events from peers). */
function insertSorted(list: StoredMessage[], message: StoredMessage): void {
  const key = messageKey(message)
  const last = list.at(-1)
  if (!last || messageKey(last) < key) {
    list.push(message)
    return
  }
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (messageKey(list[mid]) < key) lo = mid + 1
    else hi = mid
  }
  list.splice(lo, 0, message)
}

function insertTime(list: number[], t: number): void {
  let i = list.length
  while (i > 0 && list[i - 1] > t) i--
  list.splice(i, 0, t)
}
