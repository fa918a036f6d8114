// Applies one event to the in-memory state. Deterministic and idempotent by event id,
// so replay at start-up, live commits and events from peers all go through here.
import { applyBusinessEvent } from './business-state'
import type { LogEvent, StoredMessage } from './events'
import type { ConversationState, StoreState, ViewerState } from './state'
import { hashKey } from './id-index'
import { emptyRefs, insertRef, setDeliveryAt } from './message-refs'
import type { Messages } from './messages'
import { blockedEitherWay } from './queries'
import { applyOutreachEvent, onReply, trackConversationEvent } from './outreach/projection'
import { conversationIdFor, entryOf, messageKey, setOf } from './state'

/**
 * Applies `event` (a record of this node's log, with its seq). Events made on `nodeId` are
 * unique by construction; one imported from another node is skipped if already applied.
 */
export function applyEvent(state: StoreState, event: LogEvent, messages: Messages, nodeId: string): boolean {
  if (event.origin !== nodeId) {
    if (messages.hasImported(event.id)) {
      return false
    }
    messages.noteImported(event.id, event.seq)
  }
  switch (event.type) {
    case 'account.created': {
      const { account } = event
      // Two nodes may give out one handle before they hear of each other: the older account
      // keeps the @handle on every node; the other stays addressable by its id.
      const holder = state.accounts.get(state.handles.get(account.handle) ?? '')
      state.accounts.set(account.id, account)
      if (!holder || holder.id === account.id || olderThan(account, holder)) {
        state.handles.set(account.handle, account.id)
      }
      state.settings.set(account.id, event.settings)
      break
    }
    case 'account.updated': {
      const account = state.accounts.get(event.accountId)
      if (account) {
        state.accounts.set(account.id, { ...account, ...event.patch })
      }
      break
    }
    case 'settings.updated':
      state.settings.set(event.accountId, event.settings)
      break
    case 'follow.added':
      // A follow made on one node before it heard of a block made on another is void (R11),
      // whichever of the two events a node applies first.
      if (blockedEitherWay(state, event.from, event.to)) {
        break
      }
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
    case 'message.sent': {
      // Our own copy: a verdict updates it, while the logged event stays as it was written.
      const message = { ...event.message }
      const conv = insertMessage(state, messages, message, event.seq)
      if (message.delivery === 'pending') {
        // Counted at once, so a burst of sends to an offline node still meets the caps (R12,
        // R13); but the first message to someone is one new conversation however many
        // follow it before the recipient's home has answered.
        const key = pendingKey(message)
        const counted = event.newConversation && !state.pendingNewKeys.has(key)
        if (counted) {
          state.pendingNewKeys.add(key)
        }
        state.pendingSends.set(message.id, { newConversation: counted })
        countSend(state, message, counted)
      } else if (message.delivery !== 'refused') {
        countSend(state, message, event.newConversation)
        deliver(conv, message, event.acceptsRequest)
      }
      break
    }
    case 'message.verdict':
      applyVerdict(state, messages, event)
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
      if (viewer && (viewer.readUpTo === null || event.upTo > viewer.readUpTo)) {
        viewer.readUpTo = event.upTo
      }
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
      if (viewer && (viewer.hiddenUpTo === null || event.upTo > viewer.hiddenUpTo)) {
        viewer.hiddenUpTo = event.upTo
      }
      break
    }
    case 'list.saved':
    case 'list.deleted':
    case 'template.saved':
    case 'template.deleted':
    case 'campaign.created':
    case 'campaign.state':
    case 'campaign.step':
    case 'campaign.outcome':
    case 'creator.updated':
      applyOutreachEvent(state.outreach, event)
      break
    default:
      applyBusinessEvent(state.business, event)
  }
  trackOutreach(state, messages, event)
  return true
}

/** Conversation events that campaign tracking and the creator pipeline follow. */
function trackOutreach(state: StoreState, messages: Messages, event: LogEvent): void {
  if (event.type === 'message.verdict') {
    const m = messages.byId(event.messageId, event.conversationId)
    if (m && event.delivery !== 'refused' && state.verdicts.get(m.id) === event.id) {
      onReply(state.outreach, m.from, m.to, m.sentAt)
    }
  } else if (event.type === 'message.sent' || event.type === 'request.accepted' || event.type === 'request.deleted' || event.type === 'block.added') {
    const participants = 'conversationId' in event ? state.conversations.get(event.conversationId)?.participants : undefined
    trackConversationEvent(state.outreach, event, participants)
  }
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
  const last = conv.last
  const viewer = conv.viewers.get(viewerId)
  if (last && viewer) {
    viewer.hiddenUpTo = messageKey(last)
  }
}

function olderThan(a: { createdAt: string; id: string }, b: { createdAt: string; id: string }): boolean {
  return a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id)
}

/** Puts a message (delivered or not) into its conversation, creating the conversation if needed. */
function insertMessage(state: StoreState, messages: Messages, message: StoredMessage, seq: number): ConversationState {
  let conv = state.conversations.get(message.conversationId)
  if (!conv) {
    conv = {
      id: message.conversationId,
      participants: message.from < message.to ? [message.from, message.to] : [message.to, message.from],
      status: 'open',
      starterId: message.from,
      declinedAt: null,
      accepted: false,
      started: false,
      refs: emptyRefs(),
      last: null,
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
  }
  insertSorted(conv, messages, message, seq)
  // The sender has read everything up to their own message.
  const senderView = conv.viewers.get(message.from)
  const key = messageKey(message)
  if (senderView && (senderView.readUpTo === null || key > senderView.readUpTo)) {
    senderView.readUpTo = key
  }
  if (message.sentAt > conv.lastActivityAt) {
    conv.lastActivityAt = message.sentAt
  }
  messages.noteMessage(message, seq)
  return conv
}

/** What a delivered message does to its conversation (R7, R8, R10). */
function deliver(conv: ConversationState, message: StoredMessage, acceptsRequest: boolean): void {
  if (!conv.started || conv.status === 'declined') {
    // The first delivered message, or a new request / fresh start after a declined request.
    conv.started = true
    conv.status = message.delivery === 'request' ? 'request' : 'open'
    conv.starterId = message.from
    conv.declinedAt = null
    conv.accepted = false
  } else if (conv.status === 'request' && acceptsRequest) {
    conv.status = 'open'
    conv.accepted = true
  }
  conv.writers.add(message.from)
}

/** The recipient home's decision on a pending cross-node send. Later verdicts for it are ignored. */
function applyVerdict(state: StoreState, messages: Messages, event: LogEvent & { type: 'message.verdict' }): void {
  const seq = messages.seqOf(event.messageId, event.conversationId)
  const found = seq === undefined ? undefined : messages.byId(event.messageId, event.conversationId)
  const conv = state.conversations.get(event.conversationId)
  const at = conv && found ? messages.positionOf(conv, found, seq!) : -1
  if (!found || !conv || at < 0 || found.delivery !== 'pending') {
    return
  }
  // A copy: the record in the log stays as written; the columns and `last` carry the decision.
  const message = { ...found }
  const decide = (delivery: StoredMessage['delivery']) => {
    setDeliveryAt(conv.refs, at, delivery)
    if (conv.last?.id === message.id) {
      conv.last = message
    }
  }
  state.verdicts.set(message.id, event.id)
  const counted = state.pendingSends.get(message.id)?.newConversation ?? false
  state.pendingSends.delete(message.id)
  if (counted) {
    state.pendingNewKeys.delete(pendingKey(message))
  }
  const sentMs = Date.parse(message.sentAt)
  if (event.delivery === 'refused') {
    message.delivery = 'refused'
    message.refused = event.refused
    if (event.refused) {
      state.refusals.set(message.id, event.refused)
    }
    decide('refused')
    // R12: only delivered sends count.
    removeTime(state.sendTimes.get(message.from), sentMs)
    if (counted) {
      removeTime(state.newConversationTimes.get(message.from), sentMs)
    }
    return
  }
  message.delivery = event.delivery
  decide(event.delivery)
  if (counted && !event.newConversation) {
    removeTime(state.newConversationTimes.get(message.from), sentMs)
  }
  if (!counted && event.newConversation) {
    insertTime(timesOf(state.newConversationTimes, message.from), sentMs)
  }
  deliver(conv, message, event.acceptsRequest)
}

function countSend(state: StoreState, message: StoredMessage, newConversation: boolean): void {
  const at = Date.parse(message.sentAt)
  insertTime(timesOf(state.sendTimes, message.from), at)
  if (newConversation) {
    insertTime(timesOf(state.newConversationTimes, message.from), at)
  }
}

function timesOf(map: Map<string, number[]>, key: string): number[] {
  return entryOf(map, key, (): number[] => [])
}

/** The key of `pendingNewKeys`: the sender and the conversation of a pending send. */
function pendingKey(message: StoredMessage): string {
  return `${message.from}\u0000${message.conversationId}`
}

/** Messages almost always arrive in order: append, else insert by key (events from peers). */
function insertSorted(conv: ConversationState, messages: Messages, message: StoredMessage, seq: number): void {
  const key = messageKey(message)
  const newest = conv.last === null || messageKey(conv.last) < key
  const at = newest ? conv.refs.length : messages.firstAfter(conv, key, true)
  const ref = { seq, ms: Date.parse(message.sentAt), idHash: hashKey(message.id), delivery: message.delivery }
  insertRef(conv.refs, at, { ...ref, senderIndex: message.from === conv.participants[0] ? 0 : 1 })
  if (newest) {
    conv.last = message
  }
}

function removeTime(list: number[] | undefined, t: number): void {
  const i = list?.lastIndexOf(t) ?? -1
  if (i >= 0) {
    list!.splice(i, 1)
  }
}

function insertTime(list: number[], t: number): void {
  let i = list.length
  while (i > 0 && list[i - 1] > t) {
    i--
  }
  list.splice(i, 0, t)
}
