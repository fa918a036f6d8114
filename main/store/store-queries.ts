// The store's named read queries: the only way code outside main/store/ sees the projection,
// so what the store keeps in memory (and what it reads from disk) can change behind them.
import type { InboxCounts } from '@shared/inbox-counts'
import type { DirectoryQuery } from '@shared/schemas'
import type { Account, AccountSettings, ConversationSummary, Folder, Message, PublicAccount } from '@shared/types'
import { searchDirectory } from './directory'
import { countInboxOf } from './inbox-count'
import type { StoredMessage } from './events'
import { blockedEitherWay, follows, findAccount, hasBlocked, lastShown, listConversations, messagesPage, summarize, toPublic } from './queries'
import type { Messages } from './messages'
import type { ConversationState, StoreState, ViewerState } from './state'
import { OutreachQueries } from './outreach/queries'
import type { TimeList } from './time-list'
import { timesIn } from './time-list'

/** What the rules and commands may know of a conversation; its messages are read through queries. */
export interface ConversationInfo {
  readonly id: string
  readonly participants: readonly [string, string]
  readonly status: ConversationState['status']
  readonly starterId: string
  readonly declinedAt: string | null
  readonly accepted: boolean
  readonly started: boolean
  /** Who has ever written here (R10). */
  readonly writers: ReadonlySet<string>
  readonly lastActivityAt: string
}

/** One participant's own view of a conversation (read position, mute, delete-for-me). */
export interface ViewerInfo {
  readonly readUpTo: string | null
  readonly muted: boolean
  readonly mutedUntil: string | null
  readonly hiddenUpTo: string | null
  readonly hiddenIds: ReadonlySet<string>
}

/** A sender's delivered sends and new conversations, as epoch ms, oldest first (R12, R13): views, valid until the next send. */
export interface SendHistory {
  messageTimes: Float64Array
  newConversationTimes: Float64Array
}

const NO_TIMES = new Float64Array(0)

function timesOrNone(list: TimeList | undefined): Float64Array {
  return list ? timesIn(list) : NO_TIMES
}

export abstract class StoreQueries {
  /** The in-memory projection; never handed out of the store. */
  protected abstract readonly state: StoreState
  /** Messages read back from the log through the projection's columns and id index. */
  protected abstract readonly messages: Messages
  /** This node's id: its own events' ids are "<id>:<seq>". */
  abstract readonly nodeId: string
  abstract readonly lastSeq: number
  private outreachQueries?: OutreachQueries

  /** Lists, templates, campaigns and the creator pipeline (main/store/outreach/queries.ts). */
  get outreach(): OutreachQueries {
    return (this.outreachQueries ??= new OutreachQueries(this.state))
  }

  // Accounts

  account(id: string): Account | undefined {
    return this.state.accounts.get(id)
  }

  /** By id or "@handle" (handles are case-insensitive, R1). */
  findAccount(address: string): Account | undefined {
    return findAccount(this.state, address)
  }

  handleTaken(handle: string): boolean {
    return this.state.handles.has(handle)
  }

  /** Every account this node knows (its own and its peers'), in the order they were first heard of. */
  allAccounts(): Account[] {
    return [...this.state.accounts.values()]
  }

  settingsOf(accountId: string): AccountSettings | undefined {
    return this.state.settings.get(accountId)
  }

  /** What anyone may see of an account: no birth date or phone; live follow counts. */
  publicAccount(account: Account): PublicAccount {
    return toPublic(this.state, account)
  }

  searchDirectory(query: DirectoryQuery): { accounts: PublicAccount[]; total: number } {
    return searchDirectory(this.state, query)
  }

  // Follows and blocks

  follows(from: string, to: string): boolean {
    return follows(this.state, from, to)
  }

  hasBlocked(from: string, to: string): boolean {
    return hasBlocked(this.state, from, to)
  }

  blockedEitherWay(a: string, b: string): boolean {
    return blockedEitherWay(this.state, a, b)
  }

  /** Ids of the accounts `accountId` follows. */
  followingIds(accountId: string): string[] {
    return [...(this.state.following.get(accountId) ?? [])]
  }

  /** Ids of the accounts `accountId` has blocked. */
  blockedIds(accountId: string): string[] {
    return [...(this.state.blocks.get(accountId) ?? [])]
  }

  sendHistory(accountId: string): SendHistory {
    return {
      messageTimes: timesOrNone(this.state.sendTimes.get(accountId)),
      newConversationTimes: timesOrNone(this.state.newConversationTimes.get(accountId)),
    }
  }

  // Conversations and messages

  conversation(conversationId: string): ConversationInfo | undefined {
    return this.state.conversations.get(conversationId)
  }

  viewerState(conversationId: string, viewerId: string): ViewerInfo | undefined {
    return this.state.conversations.get(conversationId)?.viewers.get(viewerId) as Readonly<ViewerState> | undefined
  }

  /** The newest message the viewer may see in the conversation, hidden ones included (R17 works on keys). */
  lastShown(conversationId: string, viewerId: string): StoredMessage | undefined {
    const conv = this.state.conversations.get(conversationId)
    return conv && lastShown(this.messages, conv, viewerId)
  }

  /** A message by id, read from the log; pass its conversation when known (a narrower search). */
  message(messageId: string, conversationId?: string): StoredMessage | undefined {
    return this.messages.byId(messageId, conversationId)
  }

  /**
   * The message a `message.sent` record holds, by the record's seq (a command that just
   * committed it knows it), as it stands now: no search of its conversation.
   */
  messageOfRecord(seq: number): StoredMessage | undefined {
    return this.messages.bySeq(seq)
  }

  /** The message an account sent with this client id (R18), if any. */
  messageByClientId(from: string, clientId: string): StoredMessage | undefined {
    return this.messages.byClientId(from, clientId)
  }

  /** The viewer's conversations, most recent activity first. */
  conversations(viewerId: string, folder: Folder | undefined, now: Date): ConversationSummary[] {
    return listConversations(this.state, this.messages, viewerId, folder, now)
  }

  /** Unread and request counts of the viewer's whole inbox, counted without building its rows. */
  inboxCounts(viewerId: string): InboxCounts {
    return countInboxOf(this.state, this.messages, viewerId)
  }

  /** A conversation as one participant sees it, or null when everything in it is hidden (R17). */
  conversationSummary(conversationId: string, viewerId: string, now: Date): ConversationSummary | null {
    const conv = this.state.conversations.get(conversationId)
    return conv ? summarize(this.state, this.messages, conv, viewerId, now) : null
  }

  /** A page of messages visible to the viewer, oldest first, ending just before the message `before`. */
  messagesPage(conversationId: string, viewerId: string, before: string | undefined, limit: number): { messages: Message[]; hasMore: boolean } | 'UNKNOWN_CURSOR' {
    const conv = this.state.conversations.get(conversationId)
    if (!conv) {
      return { messages: [], hasMore: false }
    }
    return messagesPage(this.state, this.messages, conv, viewerId, before, limit)
  }

  // Sync bookkeeping

  /** This event (by its global id) is already in the log: applying it again changes nothing. */
  hasApplied(eventId: string): boolean {
    const own = `${this.nodeId}:`
    if (eventId.startsWith(own)) {
      // This node's own events are numbered by its log: every one up to lastSeq exists.
      const seq = Number(eventId.slice(own.length))
      return Number.isInteger(seq) && seq >= 1 && seq <= this.lastSeq
    }
    return this.messages.hasImported(eventId)
  }

  /** Id of the `message.verdict` event that decided a cross-node send, once decided. */
  verdictEventId(messageId: string): string | undefined {
    return this.state.verdicts.get(messageId)
  }
}
