// Fetching the inbox from the node: the first page of each folder and the counts on a refresh,
// later pages as the list scrolls (or all of them for a search), and one conversation at a time.
import type { EnvelopeClient } from '@shared/api/client'
import type { ConversationSummary, Folder } from '@shared/types'
import { errorCode } from '../lib/errors'
import type { InboxLists } from './inbox-lists'
import { FIRST_PAGE, MAX_PAGE, NEXT_PAGE, pagerAfter, pagerKey, unfinished, withPage } from './inbox-pages'

const FOLDERS: Folder[] = ['inbox', 'requests']

interface LoadingParts {
  api: () => EnvelopeClient
  store: InboxLists
  /** Every local account signed in here. */
  accountIds: () => string[]
  /** The accounts the list shows now (one, or all in the unified inbox). */
  scopeIds: () => string[]
  folder: () => Folder
  /** A search or label filter is on: it must see every page. */
  filtering: () => boolean
  loadLabels: (accountId: string) => Promise<unknown>
}

export function inboxLoading({ api, store, accountIds, scopeIds, folder, filtering, loadLabels }: LoadingParts) {
  const { lists, pagers, nodeCounts, generations, setList, setPager, setNodeCounts, shift } = store
  /** Pages on their way, per pagerKey: asking again joins the same request. */
  const inflight = new Map<string, Promise<void>>()

  async function loadCounts(accountId: string, generation: number): Promise<void> {
    const counts = await api()
      .counts(accountId)
      .then((r) => r.counts)
      .catch(() => null)
    if (generations.get(accountId) !== generation) {
      return
    }
    // A node without counts: the list is counted instead (right once every page is in).
    setNodeCounts(accountId, counts)
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
    void loadLabels(accountId).catch(() => undefined)
    const loaded = (f: Folder) => (lists.value[accountId] ?? []).filter((c) => c.folder === f).length
    const counts = loadCounts(accountId, generation)
    const pages = await Promise.all(FOLDERS.map((f) => api().conversations(accountId, f, { limit: Math.min(MAX_PAGE, Math.max(FIRST_PAGE, loaded(f))) })))
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
    if (filtering()) {
      void loadAll()
    }
  }

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
    const done = api()
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
    await Promise.all(scopeIds().map((id) => nextPage(id, folder())))
  }

  /** Every page of the accounts in view: a search or a label filter must see them all. */
  async function loadAll(): Promise<void> {
    const f = folder()
    const ids = scopeIds()
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

  /** Refetches one conversation (cheap with 10k of them); a 404 means it is gone for this account. */
  async function refreshOne(accountId: string, conversationId: string): Promise<void> {
    const list = lists.value[accountId]
    if (!list) {
      return refresh(accountId)
    }
    let summary: ConversationSummary | null = null
    try {
      summary = (await api().conversation(accountId, conversationId)).conversation
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
    await Promise.all(accountIds().map((id) => refresh(id)))
  }

  return { refresh, loadMore, loadAll, refreshOne, refreshAll }
}
