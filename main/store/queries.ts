// Read-side queries over the projection: what the routes answer with.
import type { Account, AccountRef, ConversationSummary, Folder, Message, PublicAccount } from '@shared/types'
import { newestFirst } from '@shared/inbox-order'
import { muteActive, seenVisible } from '@shared/rules'
import type { StoredMessage } from './events'
import { deliveryAt, senderIndexAt } from './message-refs'
import type { Messages } from './messages'
import type { ConversationState, StoreState, ViewerState } from './state'
import { messageKey } from './state'

/** Finds an account by id or "@handle" (handles are case-insensitive, R1). */
export function findAccount(state: StoreState, address: string): Account | undefined {
  const trimmed = address.trim()
  if (trimmed.startsWith('@')) {
    const id = state.handles.get(trimmed.slice(1).toLowerCase())
    return id ? state.accounts.get(id) : undefined
  }
  return state.accounts.get(trimmed) ?? state.accounts.get(state.handles.get(trimmed.toLowerCase()) ?? '')
}

/** What anyone may see of an account: no birth date or phone; live follow counts. */
export function toPublic(state: StoreState, account: Account): PublicAccount {
  const { birthDate: _b, phone: _p, ...rest } = account
  return {
    ...rest,
    stats: {
      ...account.stats,
      followers: account.stats.followers + (state.followers.get(account.id)?.size ?? 0),
      following: account.stats.following + (state.following.get(account.id)?.size ?? 0),
    },
  }
}

export function toRef(account: Account | undefined, id: string): AccountRef {
  return account ? { id, handle: account.handle, displayName: account.displayName } : { id, handle: 'unknown', displayName: 'Unknown account' }
}

export function follows(state: StoreState, from: string, to: string): boolean {
  return state.following.get(from)?.has(to) ?? false
}

export function hasBlocked(state: StoreState, from: string, to: string): boolean {
  return state.blocks.get(from)?.has(to) ?? false
}

export function blockedEitherWay(state: StoreState, a: string, b: string): boolean {
  return hasBlocked(state, a, b) || hasBlocked(state, b, a)
}

/** Positions below this one are under the viewer's delete-for-me of the whole conversation (R17). */
function hideMarkEnd(messages: Messages, conv: ConversationState, viewer: ViewerState): number {
  return viewer.hiddenUpTo === null ? 0 : messages.firstAfter(conv, viewer.hiddenUpTo)
}

/** Log seqs of the messages the viewer deleted one by one (R17), found through the id index. */
function hiddenSeqs(messages: Messages, conv: ConversationState, viewer: ViewerState): Set<number> {
  const out = new Set<number>()
  for (const id of viewer.hiddenIds) {
    const seq = messages.seqOf(id, conv.id)
    if (seq !== undefined) {
      out.add(seq)
    }
  }
  return out
}

/** shownTo() on the columns, without reading the message. */
function shownAt(conv: ConversationState, i: number, viewerId: string): boolean {
  const delivery = deliveryAt(conv.refs, i)
  return conv.participants[senderIndexAt(conv.refs, i)] === viewerId || delivery === 'direct' || delivery === 'request'
}

function otherOf(conv: ConversationState, viewerId: string): string {
  return conv.participants[0] === viewerId ? conv.participants[1] : conv.participants[0]
}

/**
 * A message exists for the viewer once delivered; before that (pending on another node's
 * decision, or refused by it) only its sender sees it. A refused message never reaches the recipient.
 */
export function shownTo(m: StoredMessage, viewerId: string): boolean {
  return m.from === viewerId || m.delivery === 'direct' || m.delivery === 'request'
}

/** The newest message the viewer may see in the conversation, hidden ones included (R17 works on keys). */
export function lastShown(messages: Messages, conv: ConversationState, viewerId: string): StoredMessage | undefined {
  const newest = conv.refs.length - 1
  if (conv.last && newest >= 0 && shownTo(conv.last, viewerId)) {
    return conv.last
  }
  for (let i = newest; i >= 0; i--) {
    if (shownAt(conv, i, viewerId)) {
      return messages.at(conv, i)
    }
  }
  return undefined
}

export function folderFor(conv: ConversationState, viewerId: string): Folder {
  return conv.status === 'request' && conv.starterId !== viewerId ? 'requests' : 'inbox'
}

function stateFor(conv: ConversationState, viewerId: string): ConversationSummary['state'] {
  if (conv.status === 'open') {
    return 'open'
  }
  return conv.starterId === viewerId ? 'request-sent' : 'request-received'
}

/** What a viewer sees of a conversation, read from the columns alone (no message is read). */
export interface ViewerOutline {
  viewer: ViewerState
  /** Position of the newest message shown to the viewer, or -1 when none is (all deleted for me). */
  lastAt: number
  unread: number
}

/** The viewer's outline of the conversation, or null when it does not exist for them (R17). */
export function outlineFor(messages: Messages, conv: ConversationState, viewerId: string): ViewerOutline | null {
  const viewer = conv.viewers.get(viewerId)
  if (!viewer) {
    return null
  }
  const { refs } = conv
  const hidden = viewer.hiddenIds.size > 0 ? hiddenSeqs(messages, conv, viewer) : null
  const visibleEnd = hideMarkEnd(messages, conv, viewer)
  let lastAt = -1
  for (let i = refs.length - 1; i >= visibleEnd; i--) {
    if (!hidden?.has(refs.seqs[i]) && shownAt(conv, i, viewerId)) {
      lastAt = i
      break
    }
  }
  // A conversation deleted for me shows again only once something newer arrives; one that
  // holds nothing delivered to me (a refused first message) does not exist for me.
  if (lastAt < 0 && (viewer.hiddenUpTo !== null || !lastShown(messages, conv, viewerId))) {
    return null
  }
  const from = Math.max(messages.firstAfter(conv, viewer.readUpTo), visibleEnd)
  let unread = 0
  for (let i = from; i < refs.length; i++) {
    if (conv.participants[senderIndexAt(refs, i)] !== viewerId && shownAt(conv, i, viewerId) && !hidden?.has(refs.seqs[i])) {
      unread++
    }
  }
  return { viewer, lastAt, unread }
}

/** A conversation as one participant sees it, or null when everything in it is hidden (R17). */
export function summarize(state: StoreState, messages: Messages, conv: ConversationState, viewerId: string, now: Date): ConversationSummary | null {
  const outline = outlineFor(messages, conv, viewerId)
  if (!outline) {
    return null
  }
  const { viewer, lastAt, unread } = outline
  const { refs } = conv
  const last = lastAt < 0 ? undefined : lastAt === refs.length - 1 && conv.last ? conv.last : messages.at(conv, lastAt)
  const otherId = otherOf(conv, viewerId)
  const muted = muteActive({ muted: viewer.muted, until: viewer.mutedUntil }, now)
  return {
    id: conv.id,
    with: toRef(state.accounts.get(otherId), otherId),
    folder: folderFor(conv, viewerId),
    unread,
    muted,
    mutedUntil: muted ? viewer.mutedUntil : null,
    lastMessage: last ? toMessage(last, viewerId, seenUpTo(state, conv, viewerId)) : null,
    state: stateFor(conv, viewerId),
    lastActivityAt: last?.sentAt ?? conv.lastActivityAt,
  }
}

/** The viewer's conversations, most recent activity first. */
export function listConversations(state: StoreState, messages: Messages, viewerId: string, folder: Folder | undefined, now: Date): ConversationSummary[] {
  const out: ConversationSummary[] = []
  for (const id of state.conversationsByAccount.get(viewerId) ?? []) {
    const conv = state.conversations.get(id)
    if (!conv) {
      continue
    }
    if (folder && folderFor(conv, viewerId) !== folder) {
      continue
    }
    const summary = summarize(state, messages, conv, viewerId, now)
    if (summary) {
      out.push(summary)
    }
  }
  return out.sort(newestFirst)
}

/** R15: does the other side's read state show as "Seen" on the viewer's own messages? */
function seenUpTo(state: StoreState, conv: ConversationState, viewerId: string): string | null {
  if (conv.status !== 'open') {
    return null
  }
  const otherId = otherOf(conv, viewerId)
  const me = state.accounts.get(viewerId)
  const other = state.accounts.get(otherId)
  const otherRead = conv.viewers.get(otherId)?.readUpTo ?? null
  if (!me || !other || otherRead === null) {
    return null
  }
  const mine = { region: me.region, settings: state.settings.get(viewerId) ?? { readReceipts: false } }
  const theirs = { region: other.region, settings: state.settings.get(otherId) ?? { readReceipts: false } }
  return seenVisible(mine, theirs, true) ? otherRead : null
}

/** A stored message as the viewer sees it; `seenKey` is how far the other side's reading shows (seenUpTo). */
export function toMessage(m: StoredMessage, viewerId: string, seenKey: string | null): Message {
  const out: Message = { id: m.id, from: m.from, text: m.text, sentAt: m.sentAt }
  if (m.auto) {
    out.auto = m.auto
  }
  if (m.delivery === 'pending' || m.delivery === 'refused') {
    // Only its sender ever gets here (shownTo); it shows how far the send got.
    out.delivery = m.delivery
    if (m.refused) {
      out.refused = m.refused
    }
  } else if (m.from === viewerId && seenKey !== null && messageKey(m) <= seenKey) {
    out.seen = true
  }
  return out
}

/** A page of messages visible to the viewer, oldest first, ending just before `before`. */
export function messagesPage(
  state: StoreState,
  messages: Messages,
  conv: ConversationState,
  viewerId: string,
  before: string | undefined,
  limit: number,
): { messages: Message[]; hasMore: boolean } | 'UNKNOWN_CURSOR' {
  const viewer = conv.viewers.get(viewerId)
  if (!viewer) {
    return { messages: [], hasMore: false }
  }
  const { refs } = conv
  let end = refs.length
  if (before !== undefined) {
    const cursor = messages.byId(before, conv.id)
    if (!cursor || cursor.conversationId !== conv.id) {
      return 'UNKNOWN_CURSOR'
    }
    end = messages.firstAfter(conv, messageKey(cursor)) - 1
  }
  const seenKey = seenUpTo(state, conv, viewerId)
  const hidden = viewer.hiddenIds.size > 0 ? hiddenSeqs(messages, conv, viewer) : null
  const visibleEnd = hideMarkEnd(messages, conv, viewer)
  const picked: Message[] = []
  let i = end - 1
  for (; i >= visibleEnd && picked.length < limit; i--) {
    if (!hidden?.has(refs.seqs[i]) && shownAt(conv, i, viewerId)) {
      picked.push(toMessage(messages.at(conv, i), viewerId, seenKey))
    }
  }
  const hasMore = i >= visibleEnd
  return { messages: picked.reverse(), hasMore }
}
