// The inbox's paging state, per account and folder: where the next page starts, and which of
// the loaded conversations the list may show yet (rows are drawn newest first, so a row older
// than a page some account has not fetched yet would be drawn above rows still to come).
import { newestFirst } from '@shared/inbox-order'
import type { ConversationSummary, Folder } from '@shared/types'

/** The first page draws the list; later ones come as it scrolls. */
export const FIRST_PAGE = 100
/** Later pages, fetched as the list scrolls near its end. */
export const NEXT_PAGE = 200
/** The node's largest page (a refresh keeps as many rows as were loaded, up to this). */
export const MAX_PAGE = 500

export interface Pager {
  /** The node's cursor of the next page; null once the last page is in. */
  cursor: string | null
  loading: boolean
  /** lastActivityAt of the oldest conversation loaded by pages. */
  oldest: string | null
}

export const pagerKey = (accountId: string, folder: Folder) => `${accountId}\u0000${folder}`

export function pagerAfter(page: { conversations: ConversationSummary[]; nextCursor?: string | null }, before: Pager | undefined): Pager {
  return { cursor: page.nextCursor ?? null, loading: false, oldest: page.conversations.at(-1)?.lastActivityAt ?? before?.oldest ?? null }
}

/** Pagers of these accounts in this folder that have more to fetch. */
export function unfinished(pagers: Record<string, Pager>, accountIds: readonly string[], folder: Folder): Pager[] {
  return accountIds.map((id) => pagers[pagerKey(id, folder)]).filter((p): p is Pager => !!p && p.cursor !== null)
}

/**
 * The oldest lastActivityAt the list may show: the newest "oldest loaded" among the accounts
 * with more pages to come (their next page may hold anything older than it). Null: all in.
 */
export function cutOf(pagers: Record<string, Pager>, accountIds: readonly string[], folder: Folder): string | null {
  let cut: string | null = null
  for (const p of unfinished(pagers, accountIds, folder)) {
    if (p.oldest !== null && (cut === null || p.oldest > cut)) {
      cut = p.oldest
    }
  }
  return cut
}

/** `list` with the page's conversations it does not hold yet, in the node's inbox order; one a live event brought in stays as that event left it. */
export function withPage(list: readonly ConversationSummary[], page: readonly ConversationSummary[]): ConversationSummary[] {
  const have = new Set(list.map((c) => c.id))
  const out = [...list]
  for (const c of page) {
    if (!have.has(c.id)) {
      have.add(c.id)
      out.push(c)
    }
  }
  return out.sort(newestFirst)
}
