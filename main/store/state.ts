// The in-memory projection of the event log: what queries and rule checks read.
import type { Account, AccountSettings, RefusalInfo } from '@shared/types'
import type { BusinessState } from './business-state'
import { emptyBusinessState } from './business-state'
import type { StoredMessage } from './events'
import type { IdIndex } from './id-index'
import { emptyIdIndex } from './id-index'
import type { MessageRefs } from './message-refs'
import type { OutreachState } from './outreach/state'
import type { TimeList } from './time-list'
import { emptyOutreach } from './outreach/state'

export interface ViewerState {
  /** Sort key of the last message this viewer has read. */
  readUpTo: string | null
  muted: boolean
  mutedUntil: string | null
  /** Delete-for-me of the whole conversation: messages with key <= this are hidden (R17). */
  hiddenUpTo: string | null
  /** Delete-for-me of single messages (R17). */
  hiddenIds: Set<string>
}

export interface ConversationState {
  id: string
  participants: [string, string]
  status: 'open' | 'request' | 'declined'
  starterId: string
  declinedAt: string | null
  /** The request was accepted: both sides may write freely (R8). */
  accepted: boolean
  /**
   * A message was delivered here. A conversation that holds only pending or refused messages
   * (cross-node sends, docs/SYNC.md) does not exist as far as the rules are concerned.
   */
  started: boolean
  /**
   * Sorted by messageKey: one order for every viewer on every node (R19). Columns only; the
   * messages are read back from the log (main/store/messages.ts).
   */
  refs: MessageRefs
  /** The newest message (by key), as it stands now: what inbox rows show without a read. */
  last: StoredMessage | null
  /** Who has ever written here (R10). */
  writers: Set<string>
  viewers: Map<string, ViewerState>
  lastActivityAt: string
}

export interface StoreState {
  accounts: Map<string, Account>
  handles: Map<string, string>
  settings: Map<string, AccountSettings>
  /** follower -> followed, and the reverse index. */
  following: Map<string, Set<string>>
  followers: Map<string, Set<string>>
  /** blocker -> blocked. */
  blocks: Map<string, Set<string>>
  conversations: Map<string, ConversationState>
  conversationsByAccount: Map<string, Set<string>>
  /**
   * Client ids ("c" + clientKey, R18) and ids of events imported from other nodes ("e" + id,
   * idempotence across sync) -> the seq of the record holding them. Message ids are found by
   * the id hashes in the conversations' columns instead (messages.ts).
   */
  ids: IdIndex
  /** Refusals a verdict gave (the message's own record says 'pending'). */
  refusals: Map<string, RefusalInfo>
  /** Per sender, epoch ms of delivered sends and of new conversations (R12, R13), the ones that can still count. */
  sendTimes: Map<string, TimeList>
  newConversationTimes: Map<string, TimeList>
  /** message id -> id of the `message.verdict` event that decided it (cross-node sends). */
  verdicts: Map<string, string>
  /** Pending cross-node sends: whether the sender's home counted each as a new conversation (R12, R13). */
  pendingSends: Map<string, { newConversation: boolean }>
  /** "<from>\u0000<conversationId>" with a pending send counted as new: more sends there while it waits are not new again. */
  pendingNewKeys: Set<string>
  /** Lists, templates, campaigns and the creator pipeline (plain data). */
  outreach: OutreachState
  /** The business inbox: auto-messages, labels, saved replies (plain data). */
  business: BusinessState
}

export function emptyState(): StoreState {
  return {
    accounts: new Map(),
    handles: new Map(),
    settings: new Map(),
    following: new Map(),
    followers: new Map(),
    blocks: new Map(),
    conversations: new Map(),
    conversationsByAccount: new Map(),
    ids: emptyIdIndex(),
    refusals: new Map(),
    sendTimes: new Map(),
    newConversationTimes: new Map(),
    verdicts: new Map(),
    pendingSends: new Map(),
    pendingNewKeys: new Set(),
    outreach: emptyOutreach(),
    business: emptyBusinessState(),
  }
}

/** Empties the projection in place: query helpers hold on to the object itself. */
export function resetState(state: StoreState): void {
  for (const key of Object.keys(state)) {
    delete (state as unknown as Record<string, unknown>)[key]
  }
  Object.assign(state, emptyState())
}

/** The total order of messages in a conversation (R19): by time, ties broken by id. */
export function messageKey(m: { sentAt: string; id: string }): string {
  return `${m.sentAt}|${m.id}`
}

/**
 * messageKey(a) < messageKey(b), without building either key. Times of one length (every
 * ISO time this node writes) compare as the keys do: they differ within both or are equal,
 * and then the ids decide. Only times of different lengths (a peer's odd text) need the keys.
 */
export function keyBefore(a: { sentAt: string; id: string }, b: { sentAt: string; id: string }): boolean {
  if (a.sentAt === b.sentAt) {
    return a.id < b.id
  }
  return a.sentAt.length === b.sentAt.length ? a.sentAt < b.sentAt : messageKey(a) < messageKey(b)
}

// The pair conversationIdFor was last asked about, and its answer. A send asks twice for one
// pair (its rule facts, its message); the second time gets the same string, whose hash a Map
// lookup has already computed, instead of a new one to build, flatten and hash again.
let lastA = ''
let lastB = ''
let lastConversationId = 'c__'

/** One id per pair, the same for both participants and on every node. */
export function conversationIdFor(a: string, b: string): string {
  if (a !== lastA || b !== lastB) {
    lastA = a
    lastB = b
    lastConversationId = a < b ? `c_${a}_${b}` : `c_${b}_${a}`
  }
  return lastConversationId
}

/** "<from>\u0000<clientId>": the key of `clientIds` (R18). */
export function clientKey(from: string, clientId: string): string {
  return `${from}\u0000${clientId}`
}

/** The value under `key`, made by `make` and stored there first if there is none. */
export function entryOf<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key)
  if (value === undefined) {
    value = make()
    map.set(key, value)
  }
  return value
}

export function setOf<K, V>(map: Map<K, Set<V>>, key: K): Set<V> {
  return entryOf(map, key, () => new Set<V>())
}
