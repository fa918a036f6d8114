// Conversations of every signed-in account: inbox and Requests folders, unread counts,
// search, the unified "All accounts" list, the selection and the per-conversation controls.
// The parts live beside it: what is held (inbox-lists.ts), fetched (inbox-loading.ts), applied
// from events (inbox-live.ts), drawn (inbox-rows.ts) and changed (inbox-controls.ts).
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { Folder } from '@shared/types'
import { useAccountsStore } from './accounts'
import { useBusinessStore } from './business'
import { inboxControls } from './inbox-controls'
import { inboxLists } from './inbox-lists'
import { inboxLive } from './inbox-live'
import { inboxLoading } from './inbox-loading'
import { unfinished } from './inbox-pages'
import { inboxRows, matchesQuery } from './inbox-rows'
import { useSessionStore } from './session'
import { rowKey } from './types'
import type { InboxRow } from './types'

export const useInboxStore = defineStore('inbox', () => {
  const session = useSessionStore()
  const accounts = useAccountsStore()
  const business = useBusinessStore()
  const store = inboxLists()
  const { lists, pagers, find, holders, countsOf } = store
  const folder = ref<Folder>('inbox')
  const query = ref('')
  const selection = ref<{ accountId: string; conversationId: string } | null>(null)

  /** What the list shows: the scope's accounts, the chosen folder, filtered by the search. */
  const rowsOf = inboxRows(store)
  const hasLabel = (r: InboxRow, name: string | null) => name === null || business.labelsOf(r.accountId, r.conversation.labels).some((l) => l.name === name)
  const filtering = computed(() => query.value.trim() !== '' || business.labelFilter !== null)
  const rows = computed(() => {
    const all = rowsOf(accounts.scopeIds, folder.value)
    return filtering.value ? all.filter((r) => matchesQuery(r.conversation, query.value) && hasLabel(r, business.labelFilter)) : all
  })

  const { refresh, loadMore, loadAll, refreshOne, refreshAll } = inboxLoading({
    api: () => session.api(),
    store,
    accountIds: () => accounts.accounts.map((a) => a.id),
    scopeIds: () => accounts.scopeIds,
    folder: () => folder.value,
    filtering: () => filtering.value,
    loadLabels: (accountId) => business.loadLabels(accountId),
  })
  const { applyMessage, applyRead } = inboxLive(store)

  /** Every conversation of the folder in view is loaded (the list's size is known). */
  const complete = computed(() => unfinished(pagers.value, accounts.scopeIds, folder.value).length === 0)
  const loadingMore = computed(() => unfinished(pagers.value, accounts.scopeIds, folder.value).some((p) => p.loading))
  // A search or a label filter looks through every conversation, not the pages drawn so far.
  watch([filtering, folder, () => accounts.scopeIds], ([on]) => {
    if (on) {
      void loadAll()
    }
  })

  /** Unread in the inbox folder. */
  const unreadOf = (accountId: string): number => countsOf(accountId).unread
  /** Unread in both folders (the dock badge counts requests too). */
  const totalUnreadOf = (accountId: string): number => countsOf(accountId).totalUnread
  const requestsOf = (accountId: string): number => countsOf(accountId).requests
  const requestCount = computed(() => accounts.scopeIds.reduce((n, id) => n + requestsOf(id), 0))
  const inboxUnread = computed(() => accounts.scopeIds.reduce((n, id) => n + unreadOf(id), 0))

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
