// Read-side queries over the projection: what the routes answer with.
import type { Account, AccountRef, ConversationSummary, Folder, Message, PublicAccount } from '@shared/types'
import { muteActive, seenVisible } from '@shared/rules'
import type { StoredMessage } from './events'
import type { ConversationState, StoreState, ViewerState } from './state'
import { keyIndex, messageKey } from './state'

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

/** Under the viewer's delete-for-me of the whole conversation (R17): so is everything before it. */
function underHideMark(viewer: ViewerState, m: StoredMessage): boolean {
  return viewer.hiddenUpTo !== null && messageKey(m) <= viewer.hiddenUpTo
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
export function lastShown(conv: ConversationState, viewerId: string): StoredMessage | undefined {
  for (let i = conv.messages.length - 1; i >= 0; i--) {
    if (shownTo(conv.messages[i], viewerId)) {
      return conv.messages[i]
    }
  }
  return undefined
}

/** Index of the first message whose key is greater than `key`. */
function firstAfter(messages: StoredMessage[], key: string | null): number {
  return key === null ? 0 : keyIndex(messages, key)
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

/** A conversation as one participant sees it, or null when everything in it is hidden (R17). */
export function summarize(state: StoreState, conv: ConversationState, viewerId: string, now: Date): ConversationSummary | null {
  const viewer = conv.viewers.get(viewerId)
  if (!viewer) {
    return null
  }
  let last: StoredMessage | undefined
  for (let i = conv.messages.length - 1; i >= 0; i--) {
    const m = conv.messages[i]
    if (underHideMark(viewer, m)) {
      break
    }
    if (!viewer.hiddenIds.has(m.id) && shownTo(m, viewerId)) {
      last = m
      break
    }
  }
  // A conversation deleted for me shows again only once something newer arrives; one that
  // holds nothing delivered to me (a refused first message) does not exist for me.
  if (!last && (viewer.hiddenUpTo !== null || !lastShown(conv, viewerId))) {
    return null
  }
  const otherId = otherOf(conv, viewerId)
  const from = Math.max(firstAfter(conv.messages, viewer.readUpTo), firstAfter(conv.messages, viewer.hiddenUpTo))
  let unread = 0
  for (let i = from; i < conv.messages.length; i++) {
    const m = conv.messages[i]
    if (m.from !== viewerId && shownTo(m, viewerId) && !viewer.hiddenIds.has(m.id)) {
      unread++
    }
  }
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
export function listConversations(state: StoreState, viewerId: string, folder: Folder | undefined, now: Date): ConversationSummary[] {
  const out: ConversationSummary[] = []
  for (const id of state.conversationsByAccount.get(viewerId) ?? []) {
    const conv = state.conversations.get(id)
    if (!conv) {
      continue
    }
    if (folder && folderFor(conv, viewerId) !== folder) {
      continue
    }
    const summary = summarize(state, conv, viewerId, now)
    if (summary) {
      out.push(summary)
    }
  }
  return out.sort((a, b) => (a.lastActivityAt < b.lastActivityAt ? 1 : a.lastActivityAt > b.lastActivityAt ? -1 : a.id < b.id ? 1 : -1))
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
  conv: ConversationState,
  viewerId: string,
  before: string | undefined,
  limit: number,
): { messages: Message[]; hasMore: boolean } | 'UNKNOWN_CURSOR' {
  const viewer = conv.viewers.get(viewerId)
  if (!viewer) {
    return { messages: [], hasMore: false }
  }
  let end = conv.messages.length
  if (before !== undefined) {
    const cursor = state.messageIndex.get(before)
    if (!cursor || cursor.conversationId !== conv.id) {
      return 'UNKNOWN_CURSOR'
    }
    end = firstAfter(conv.messages, messageKey(cursor)) - 1
  }
  const seenKey = seenUpTo(state, conv, viewerId)
  const picked: Message[] = []
  let i = end - 1
  for (; i >= 0 && picked.length < limit; i--) {
    const m = conv.messages[i]
    if (underHideMark(viewer, m)) {
      i = -1
      break
    }
    if (!viewer.hiddenIds.has(m.id) && shownTo(m, viewerId)) {
      picked.push(toMessage(m, viewerId, seenKey))
    }
  }
  const hasMore = i >= 0 && !underHideMark(viewer, conv.messages[i])
  return { messages: picked.reverse(), hasMore }
}
