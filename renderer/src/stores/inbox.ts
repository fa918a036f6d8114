// Conversations of every signed-in account: inbox and Requests folders, unread counts,
// search, the unified "All accounts" list, and the per-conversation controls (R16, R17, R8).
// The list holds the pages drawn so far; later pages come as it scrolls (see inbox-pages.ts).
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { countInbox, NO_COUNTS, shiftCounts } from '@shared/inbox-counts'
import type { InboxCounts } from '@shared/inbox-counts'
import type { ConversationSummary, Folder, Message } from '@shared/types'
import { errorCode } from '../lib/errors'
import { useAccountsStore } from './accounts'
import { useBusinessStore } from './business'
import { inboxControls } from './inbox-controls'
import { cutOf, MAX_PAGE, NEXT_PAGE, pagerAfter, pagerKey, unfinished, withPage } from './inbox-pages'
import type { Pager } from './inbox-pages'
import { useSessionStore } from './session'
import { rowKey } from './types'
import type { InboxRow } from './types'

/** The first page draws the list; later ones come as it scrolls. */
export const FIRST_PAGE = 100
const FOLDERS: Folder[] = ['inbox', 'requests']

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
  return c.with.handle.toLowerCase().includes(q) || c.with.displayName.toLowerCase().includes(q) || (c.lastMessage?.text.toLowerCase().includes(q) ?? false)
}

export const useInboxStore = defineStore('inbox', () => {
  const session = useSessionStore()
  const accounts = useAccountsStore()
  const business = useBusinessStore()
  /**
   * Per local account: the conversations loaded so far (both folders), newest first. Shallow:
   * summaries are replaced, never changed in place, so 10,000 of them need no deep proxies.
   */
  const lists = shallowRef<Record<string, ConversationSummary[]>>({})
  /** Per account and folder (pagerKey): where the next page starts. */
  const pagers = shallowRef<Record<string, Pager>>({})
  /** Per account: the node's counts, kept current by each change applied here; absent: count the list. */
  const nodeCounts = shallowRef<Record<string, InboxCounts>>({})
  const folder = ref<Folder>('inbox')
  const query = ref('')
  const selection = ref<{ accountId: string; conversationId: string } | null>(null)

  /** Per account, bumped by each refresh so pages of an older one are dropped. */
  const generations = new Map<string, number>()

  function setList(accountId: string, list: ConversationSummary[]): void {
    lists.value = { ...lists.value, [accountId]: list }
  }

  function setPager(accountId: string, f: Folder, pager: Pager): void {
    pagers.value = { ...pagers.value, [pagerKey(accountId, f)]: pager }
  }

  /** One conversation of the list changed (or came, or went): the counts move by the difference. */
  function shift(accountId: string, before: ConversationSummary | undefined, after: ConversationSummary | null): void {
    const counts = nodeCounts.value[accountId]
    if (counts) {
      nodeCounts.value = { ...nodeCounts.value, [accountId]: shiftCounts(counts, before, after) }
    }
  }

  async function loadCounts(accountId: string, generation: number): Promise<void> {
    const counts = await session
      .api()
      .counts(accountId)
      .then((r) => r.counts)
      .catch(() => null)
    if (generations.get(accountId) !== generation) {
      return
    }
    const { [accountId]: _old, ...rest } = nodeCounts.value
    // A node without counts: the list is counted instead (right once every page is in).
    nodeCounts.value = counts ? { ...rest, [accountId]: counts } : rest
  }

  /**
   * Loads the first page of each folder and the node's counts for the whole inbox. A refresh
   * keeps as many rows as were loaded (up to the node's largest page), so a list scrolled far
   * down does not shrink under the reader; older pages come again as it scrolls.
   */
  async function refresh(accountId: string): Promise<void> {
    const generation = (generations.get(accountId) ?? 0) + 1
    generations.set(accountId, generation)
    // Its labels too: the rows show them and the label filter matches them by name.
    void business.loadLabels(accountId).catch(() => undefined)
    const loaded = (f: Folder) => (lists.value[accountId] ?? []).filter((c) => c.folder === f).length
    const counts = loadCounts(accountId, generation)
    const pages = await Promise.all(FOLDERS.map((f) => session.api().conversations(accountId, f, { limit: Math.min(MAX_PAGE, Math.max(FIRST_PAGE, loaded(f))) })))
    await counts
    if (generations.get(accountId) !== generation) {
      return
    }
    setList(
      accountId,
      withPage(
        [],
        pages.flatMap((p) => p.conversations),
      ),
    )
    FOLDERS.forEach((f, i) => {
      inflight.delete(pagerKey(accountId, f))
      setPager(accountId, f, pagerAfter(pages[i], undefined))
    })
    if (filtering.value) {
      void loadAll()
    }
  }

  /** Pages on their way, per pagerKey: asking again joins the same request. */
  const inflight = new Map<string, Promise<void>>()

  /** The next page of one account's folder, unless it is all in (joins one already on its way). */
  function nextPage(accountId: string, f: Folder, limit = NEXT_PAGE): Promise<void> {
    const key = pagerKey(accountId, f)
    const pending = inflight.get(key)
    if (pending) {
      return pending
    }
    const pager = pagers.value[key]
    if (!pager || pager.cursor === null) {
      return Promise.resolve()
    }
    const generation = generations.get(accountId)
    setPager(accountId, f, { ...pager, loading: true })
    const done = session
      .api()
      .conversations(accountId, f, { limit, cursor: pager.cursor })
      .catch(() => null)
      .then((page) => {
        if (generations.get(accountId) !== generation) {
          return
        }
        if (page) {
          setList(accountId, withPage(lists.value[accountId] ?? [], page.conversations))
        }
        setPager(accountId, f, page ? pagerAfter(page, pager) : { ...pager, loading: false })
      })
      .finally(() => {
        if (inflight.get(key) === done) {
          inflight.delete(key)
        }
      })
    inflight.set(key, done)
    return done
  }

  /** The list scrolled near its end: the next page of every account in view. */
  async function loadMore(): Promise<void> {
    await Promise.all(accounts.scopeIds.map((id) => nextPage(id, folder.value)))
  }

  /** Every page of the accounts in view: a search or a label filter must see them all. */
  async function loadAll(): Promise<void> {
    const f = folder.value
    const ids = accounts.scopeIds
    const cursors = () => unfinished(pagers.value, ids, f).map((p) => p.cursor)
    for (let guard = 0; guard < 1000 && unfinished(pagers.value, ids, f).length > 0; guard++) {
      const before = cursors().join()
      await Promise.all(ids.map((id) => nextPage(id, f, MAX_PAGE)))
      // A page that failed leaves its cursor as it was: stop rather than ask forever.
      if (cursors().join() === before) {
        return
      }
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
    setList(accountId, [updated, ...list.filter((x) => x !== c)])
    shift(accountId, c, updated)
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
      const updated = { ...c, unread: 0 }
      setList(
        accountId,
        list.map((x) => (x === c ? updated : x)),
      )
      shift(accountId, c, updated)
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
    const current = lists.value[accountId] ?? []
    const before = current.find((c) => c.id === conversationId)
    const rest = current.filter((c) => c !== before)
    setList(accountId, summary ? withPage([summary], rest) : rest)
    if (before || !nodeCounts.value[accountId]) {
      shift(accountId, before, summary)
    } else if (summary) {
      // Not loaded before: what it counted until now is unknown here, so ask the node again.
      await loadCounts(accountId, generations.get(accountId) ?? 0)
    }
  }

  async function refreshAll(): Promise<void> {
    await Promise.all(accounts.accounts.map((a) => refresh(a.id)))
  }

  /** Rows keep their identity while their summary does, so a new page re-renders no row already drawn. */
  const rowOf = new WeakMap<ConversationSummary, InboxRow>()
  function rowsOf(accountIds: string[], f: Folder): InboxRow[] {
    const cut = cutOf(pagers.value, accountIds, f)
    const rows: InboxRow[] = []
    for (const accountId of accountIds) {
      for (const c of lists.value[accountId] ?? []) {
        if (c.folder !== f || (cut !== null && c.lastActivityAt < cut)) {
          continue
        }
        let row = rowOf.get(c)
        if (!row || row.accountId !== accountId) {
          row = { key: rowKey(accountId, c.id), accountId, conversation: c }
          rowOf.set(c, row)
        }
        rows.push(row)
      }
    }
    return accountIds.length > 1 ? rows.sort(byActivity) : rows
  }

  /** Per account: the node's counts kept current, or the loaded list counted where the node gave none. */
  const counts = computed(() => {
    const out: Record<string, InboxCounts> = {}
    for (const [accountId, list] of Object.entries(lists.value)) {
      out[accountId] = nodeCounts.value[accountId] ?? countInbox(list)
    }
    return out
  })
  const countsOf = (accountId: string): InboxCounts => counts.value[accountId] ?? NO_COUNTS
  /** Unread in the inbox folder. */
  const unreadOf = (accountId: string): number => countsOf(accountId).unread
  /** Unread in both folders (the dock badge counts requests too). */
  const totalUnreadOf = (accountId: string): number => countsOf(accountId).totalUnread
  const requestsOf = (accountId: string): number => countsOf(accountId).requests

  /** What the list shows: the scope's accounts, the chosen folder, filtered by the search. */
  const hasLabel = (r: InboxRow, name: string | null) => name === null || business.labelsOf(r.accountId, r.conversation.labels).some((l) => l.name === name)
  const filtering = computed(() => query.value.trim() !== '' || business.labelFilter !== null)
  const rows = computed(() => {
    const all = rowsOf(accounts.scopeIds, folder.value)
    return filtering.value ? all.filter((r) => matchesQuery(r.conversation, query.value) && hasLabel(r, business.labelFilter)) : all
  })
  /** Every conversation of the folder in view is loaded (the list's size is known). */
  const complete = computed(() => unfinished(pagers.value, accounts.scopeIds, folder.value).length === 0)
  const loadingMore = computed(() => unfinished(pagers.value, accounts.scopeIds, folder.value).some((p) => p.loading))
  // A search or a label filter looks through every conversation, not the pages drawn so far.
  watch([filtering, folder, () => accounts.scopeIds], ([on]) => {
    if (on) {
      void loadAll()
    }
  })
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
    // Opened from elsewhere (a notification, New message) before its page was loaded.
    if (conversationId && lists.value[accountId] && !find(accountId, conversationId)) {
      void refreshOne(accountId, conversationId).catch(() => undefined)
    }
  }

  function deselect(accountId: string, conversationId: string): void {
    if (selectedKey.value === rowKey(accountId, conversationId)) {
      selection.value = null
    }
  }

  function setFolder(f: Folder): void {
    folder.value = f
  }

  const { mute, hide, accept, decline, markRead } = inboxControls({ api: () => session.api(), refreshOne, deselect, find, applyRead })

  return {
    lists,
    folder,
    query,
    selection,
    selectedKey,
    rows,
    complete,
    loadingMore,
    loadMore,
    loadAll,
    requestCount,
    inboxUnread,
    selected,
    refresh,
    refreshOne,
    refreshAll,
    applyMessage,
    applyRead,
    unreadOf,
    totalUnreadOf,
    requestsOf,
    find,
    holders,
    select,
    setFolder,
    mute,
    hide,
    accept,
    decline,
    markRead,
  }
})
