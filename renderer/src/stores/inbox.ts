// Conversations of every signed-in account: inbox and Requests folders, unread counts,
// search, the unified "All accounts" list, and the per-conversation controls (R16, R17, R8).
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { DEFAULT_POLICY } from '@shared/policy'
import type { ConversationSummary, Folder, Message } from '@shared/types'
import { errorCode } from '../lib/errors'
import { useAccountsStore } from './accounts'
import { useBusinessStore } from './business'
import { useSessionStore } from './session'
import { rowKey } from './types'
import type { InboxRow, MuteChoice } from './types'

const HOUR = 3_600_000
/** The first page draws the list; later pages are bigger, fetched in the background. */
export const FIRST_PAGE = 100
const NEXT_PAGE = 500
const MUTE_MS: Record<Exclude<MuteChoice, 'forever'>, number> = {
  '1h': DEFAULT_POLICY.muteDurationsMs[0] ?? HOUR,
  '8h': DEFAULT_POLICY.muteDurationsMs[1] ?? 8 * HOUR,
  '24h': DEFAULT_POLICY.muteDurationsMs[2] ?? 24 * HOUR,
}

interface Counts {
  unread: number
  totalUnread: number
  requests: number
}
const NO_COUNTS: Counts = { unread: 0, totalUnread: 0, requests: 0 }

/** Most recent activity first; ties by id so the order never flickers. */
export function byActivity(a: InboxRow, b: InboxRow): number {
  const x = a.conversation.lastActivityAt
  const y = b.conversation.lastActivityAt
  if (x !== y) {
    return x < y ? 1 : -1
  }
  return a.key < b.key ? -1 : 1
}

export function matchesQuery(c: ConversationSummary, query: string): boolean {
  const q = query.trim().toLowerCase().replace(/^@/, '')
  if (!q) {
    return true
  }
  return (
    c.with.handle.toLowerCase().includes(q) ||
    c.with.displayName.toLowerCase().includes(q) ||
    (c.lastMessage?.text.toLowerCase().includes(q) ?? false)
  )
}

export const useInboxStore = defineStore('inbox', () => {
  const session = useSessionStore()
  const accounts = useAccountsStore()
  const business = useBusinessStore()
  /** Per local account: its conversations in both folders, as the node sent them. */
  const lists = ref<Record<string, ConversationSummary[]>>({})
  const folder = ref<Folder>('inbox')
  const query = ref('')
  const selection = ref<{ accountId: string; conversationId: string } | null>(null)

  /** Per account, bumped by each refresh so pages of an older one are dropped. */
  const generations = new Map<string, number>()

  /**
   * Loads the account's inbox page by page: the first page shows at once (a 10,000-conversation
   * inbox draws as fast as a small one), the rest follows in the background so search, counts
   * and the badge see every conversation.
   */
  async function refresh(accountId: string): Promise<void> {
    const generation = (generations.get(accountId) ?? 0) + 1
    generations.set(accountId, generation)
    // Its labels too: the rows show them and the label filter matches them by name.
    void business.loadLabels(accountId).catch(() => undefined)
    const first = await session.api().conversations(accountId, undefined, { limit: FIRST_PAGE })
    if (generations.get(accountId) !== generation) {
      return
    }
    lists.value = { ...lists.value, [accountId]: first.conversations }
    if (first.nextCursor) {
      void loadRest(accountId, first.nextCursor, generation)
    }
  }

  async function loadRest(accountId: string, cursor: string, generation: number): Promise<void> {
    let next: string | null | undefined = cursor
    while (next) {
      const page: { conversations: ConversationSummary[]; nextCursor: string | null } | null = await session
        .api()
        .conversations(accountId, undefined, { limit: NEXT_PAGE, cursor: next })
        .catch(() => null)
      if (!page || generations.get(accountId) !== generation) {
        return
      }
      // A conversation a live event already brought in stays as that event left it.
      const have = new Set((lists.value[accountId] ?? []).map((c) => c.id))
      lists.value = { ...lists.value, [accountId]: [...(lists.value[accountId] ?? []), ...page.conversations.filter((c) => !have.has(c.id))] }
      next = page.nextCursor
    }
  }

  /**
   * Applies a message (a send's answer or a live event) to the account's list without asking
   * the node. False when the event does not carry enough: a conversation not in the list, or
   * one still a request (the message may change its state); the caller refetches that one.
   */
  function applyMessage(accountId: string, conversationId: string, m: Message): boolean {
    const list = lists.value[accountId]
    const c = list?.find((x) => x.id === conversationId)
    if (!list || !c || c.state !== 'open') {
      return false
    }
    if (c.lastMessage?.id === m.id) {
      return true
    }
    if (c.lastActivityAt > m.sentAt) {
      return false
    }
    const unread = m.from === accountId ? c.unread : c.unread + 1
    const updated: ConversationSummary = { ...c, lastMessage: m, lastActivityAt: m.sentAt, unread }
    lists.value = { ...lists.value, [accountId]: [updated, ...list.filter((x) => x !== c)] }
    return true
  }

  /** The account read the conversation up to `messageId`: no unread left when that is its newest. False: refetch it. */
  function applyRead(accountId: string, conversationId: string, messageId: string | undefined): boolean {
    const list = lists.value[accountId]
    const c = list?.find((x) => x.id === conversationId)
    if (!list || !c || !messageId || c.lastMessage?.id !== messageId) {
      return false
    }
    if (c.unread !== 0) {
      lists.value = { ...lists.value, [accountId]: list.map((x) => (x === c ? { ...c, unread: 0 } : x)) }
    }
    return true
  }

  /** Refetches one conversation (cheap with 10k of them); a 404 means it is gone for this account. */
  async function refreshOne(accountId: string, conversationId: string): Promise<void> {
    const list = lists.value[accountId]
    if (!list) {
      return refresh(accountId)
    }
    let summary: ConversationSummary | null = null
    try {
      summary = (await session.api().conversation(accountId, conversationId)).conversation
    } catch (e) {
      if (errorCode(e) !== 'NOT_FOUND') {
        throw e
      }
    }
    const rest = (lists.value[accountId] ?? []).filter((c) => c.id !== conversationId)
    lists.value = { ...lists.value, [accountId]: summary ? [summary, ...rest] : rest }
  }

  async function refreshAll(): Promise<void> {
    await Promise.all(accounts.accounts.map((a) => refresh(a.id)))
  }

  function rowsOf(accountIds: string[], f: Folder): InboxRow[] {
    const rows: InboxRow[] = []
    for (const accountId of accountIds) {
      for (const c of lists.value[accountId] ?? []) {
        if (c.folder === f) {
          rows.push({ key: rowKey(accountId, c.id), accountId, conversation: c })
        }
      }
    }
    return rows.sort(byActivity)
  }

  /** Per account, counted in one pass whenever a list changes (the rail and the badge ask often). */
  const counts = computed(() => {
    const out: Record<string, Counts> = {}
    for (const [accountId, list] of Object.entries(lists.value)) {
      const n: Counts = { unread: 0, totalUnread: 0, requests: 0 }
      for (const c of list) {
        n.totalUnread += c.unread
        if (c.folder === 'inbox') {
          n.unread += c.unread
        } else if (c.folder === 'requests') {
          n.requests++
        }
      }
      out[accountId] = n
    }
    return out
  })
  const countsOf = (accountId: string): Counts => counts.value[accountId] ?? NO_COUNTS
  /** Unread in the inbox folder. */
  const unreadOf = (accountId: string): number => countsOf(accountId).unread
  /** Unread in both folders (the dock badge counts requests too). */
  const totalUnreadOf = (accountId: string): number => countsOf(accountId).totalUnread
  const requestsOf = (accountId: string): number => countsOf(accountId).requests

  /** What the list shows: the scope's accounts, the chosen folder, filtered by the search. */
  const hasLabel = (r: InboxRow, name: string | null) => name === null || business.labelsOf(r.accountId, r.conversation.labels).some((l) => l.name === name)
  const rows = computed(() =>
    rowsOf(accounts.scopeIds, folder.value).filter((r) => matchesQuery(r.conversation, query.value) && hasLabel(r, business.labelFilter)),
  )
  const requestCount = computed(() => accounts.scopeIds.reduce((n, id) => n + requestsOf(id), 0))
  const inboxUnread = computed(() => accounts.scopeIds.reduce((n, id) => n + unreadOf(id), 0))

  function find(accountId: string, conversationId: string): ConversationSummary | undefined {
    return lists.value[accountId]?.find((c) => c.id === conversationId)
  }
  /** Local accounts that hold this conversation (both sides may be signed in here). */
  function holders(conversationId: string): string[] {
    return Object.keys(lists.value).filter((id) => lists.value[id]?.some((c) => c.id === conversationId))
  }

  const selectedKey = computed(() => (selection.value ? rowKey(selection.value.accountId, selection.value.conversationId) : null))
  const selected = computed<InboxRow | null>(() => {
    const s = selection.value
    const conversation = s ? find(s.accountId, s.conversationId) : undefined
    return s && conversation ? { key: rowKey(s.accountId, s.conversationId), accountId: s.accountId, conversation } : null
  })

  function select(accountId: string, conversationId: string | null): void {
    selection.value = conversationId ? { accountId, conversationId } : null
  }

  function deselect(accountId: string, conversationId: string): void {
    if (selectedKey.value === rowKey(accountId, conversationId)) {
      selection.value = null
    }
  }

  function setFolder(f: Folder): void {
    folder.value = f
  }

  // Each control refetches only the conversation it changed; its event refetches it again.
  async function mute(accountId: string, conversationId: string, choice: MuteChoice | 'off', now = new Date()): Promise<void> {
    const body =
      choice === 'off'
        ? { muted: false }
        : choice === 'forever'
          ? { muted: true, until: null }
          : { muted: true, until: new Date(now.getTime() + MUTE_MS[choice]).toISOString() }
    await session.api().mute(accountId, conversationId, body)
    await refreshOne(accountId, conversationId)
  }

  async function hide(accountId: string, conversationId: string): Promise<void> {
    await session.api().hideConversation(accountId, conversationId)
    deselect(accountId, conversationId)
    await refreshOne(accountId, conversationId)
  }

  async function accept(accountId: string, conversationId: string): Promise<void> {
    await session.api().acceptRequest(accountId, conversationId)
    await refreshOne(accountId, conversationId)
  }

  async function decline(accountId: string, conversationId: string): Promise<void> {
    await session.api().deleteRequest(accountId, conversationId)
    deselect(accountId, conversationId)
    await refreshOne(accountId, conversationId)
  }

  async function markRead(accountId: string, conversationId: string): Promise<void> {
    const c = find(accountId, conversationId)
    if (!c || c.unread === 0) {
      return
    }
    await session.api().markRead(accountId, conversationId)
    if (!applyRead(accountId, conversationId, c.lastMessage?.id)) {
      await refreshOne(accountId, conversationId)
    }
  }

  return {
    lists, folder, query, selection, selectedKey, rows, requestCount, inboxUnread, selected,
    refresh, refreshOne, refreshAll, applyMessage, applyRead, unreadOf, totalUnreadOf, requestsOf, find, holders, select, setFolder, mute, hide, accept, decline, markRead,
  }
})
