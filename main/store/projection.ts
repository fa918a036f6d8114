// Applies one event to the in-memory state. Deterministic and idempotent by event id,
// so replay at start-up, live commits and events from peers all go through here.
import { applyBusinessEvent } from './business-state'
import type { LogEvent } from './events'
import { applySent, applyVerdict } from './message-projection'
import type { Messages } from './messages'
import type { ConversationState, StoreState, ViewerState } from './state'
import { blockedEitherWay } from './queries'
import { applyOutreachEvent, onReply, trackConversationEvent } from './outreach/projection'
import { conversationIdFor, messageKey, setOf } from './state'

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
    case 'message.sent':
      applySent(state, messages, event)
      break
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
  } else if (event.type === 'message.sent' || event.type === 'block.added') {
    // Neither needs the participants: a send names both, a block too.
    trackConversationEvent(state.outreach, event, undefined)
  } else if (event.type === 'request.accepted' || event.type === 'request.deleted') {
    trackConversationEvent(state.outreach, event, state.conversations.get(event.conversationId)?.participants)
  }
}

function unfollow(state: StoreState, from: string, to: string): void {
  state.following.get(from)?.delete(to)
  state.followers.get(to)?.delete(from)
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
