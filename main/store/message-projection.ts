// Applies message sends and the verdicts on pending cross-node sends to their conversations
// (R7, R8, R10), keeping each conversation's message refs in order and the send caps counted.
import type { LogEvent, StoredMessage } from './events'
import type { ConversationState, StoreState, ViewerState } from './state'
import { hashKey } from './id-index'
import { emptyRefs, insertRef, setDeliveryAt } from './message-refs'
import type { Messages } from './messages'
import { addTime, countSend, pendingKey, timesOf } from './send-counts'
import { removeTime } from './time-list'
import { parseTime } from './time-parse'
import { keyBefore, messageKey, setOf } from './state'

/** A message logged on this node or imported: into its conversation, counted, delivered unless pending. */
export function applySent(state: StoreState, messages: Messages, event: LogEvent & { type: 'message.sent' }): void {
  // The logged message itself (frozen by the log): a verdict replaces `conv.last` with an
  // updated copy rather than changing it, so no copy is needed here.
  const message = event.message
  // Parsed once for the columns and the caps.
  const sentMs = parseTime(message.sentAt)
  const conv = insertMessage(state, messages, message, event.seq, sentMs)
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
    countSend(state, message.from, sentMs, counted, messages.sendTimesKeptMs)
  } else if (message.delivery !== 'refused') {
    countSend(state, message.from, sentMs, event.newConversation, messages.sendTimesKeptMs)
    deliver(conv, message, event.acceptsRequest)
  }
}

function newViewer(): ViewerState {
  return { readUpTo: null, muted: false, mutedUntil: null, hiddenUpTo: null, hiddenIds: new Set() }
}

/** Puts a message (delivered or not) into its conversation, creating the conversation if needed. */
function insertMessage(state: StoreState, messages: Messages, message: StoredMessage, seq: number, sentMs: number): ConversationState {
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
  const key = messageKey(message)
  insertSorted(conv, messages, message, key, seq, sentMs)
  // The sender has read everything up to their own message.
  const senderView = conv.viewers.get(message.from)
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
export function applyVerdict(state: StoreState, messages: Messages, event: LogEvent & { type: 'message.verdict' }): void {
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
  const sentMs = parseTime(message.sentAt)
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
    addTime(timesOf(state.newConversationTimes, message.from), sentMs, messages.sendTimesKeptMs)
  }
  deliver(conv, message, event.acceptsRequest)
}

/** Messages almost always arrive in order: append, else insert by key (events from peers). */
function insertSorted(conv: ConversationState, messages: Messages, message: StoredMessage, key: string, seq: number, sentMs: number): void {
  // The newest end is checked first, without building the last message's key.
  const newest = conv.last === null || keyBefore(conv.last, message)
  const at = newest ? conv.refs.length : messages.firstAfter(conv, key, true)
  const senderIndex = message.from === conv.participants[0] ? 0 : 1
  insertRef(conv.refs, at, { seq, ms: sentMs, idHash: hashKey(message.id), delivery: message.delivery, senderIndex })
  if (newest) {
    conv.last = message
  }
}
