// The rows the inbox list draws: the loaded conversations of the accounts in view, one folder,
// newest first across accounts, and the search that filters them.
import { newestFirst } from '@shared/inbox-order'
import type { ConversationSummary, Folder } from '@shared/types'
import type { InboxLists } from './inbox-lists'
import { cutOf } from './inbox-pages'
import { rowKey } from './types'
import type { InboxRow } from './types'

/**
 * The node's inbox order across accounts; one conversation held by two local accounts (both
 * sides signed in here) ties there, and is ordered by account so the list never flickers.
 */
export function rowOrder(a: InboxRow, b: InboxRow): number {
  return newestFirst(a.conversation, b.conversation) || (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0)
}

export function matchesQuery(c: ConversationSummary, query: string): boolean {
  const q = query.trim().toLowerCase().replace(/^@/, '')
  if (!q) {
    return true
  }
  return c.with.handle.toLowerCase().includes(q) || c.with.displayName.toLowerCase().includes(q) || (c.lastMessage?.text.toLowerCase().includes(q) ?? false)
}

/** Builds rows from the lists; a row keeps its identity while its summary does, so a new page re-renders no row already drawn. */
export function inboxRows({ lists, pagers }: Pick<InboxLists, 'lists' | 'pagers'>) {
  const rowOf = new WeakMap<ConversationSummary, InboxRow>()
  return function rowsOf(accountIds: string[], f: Folder): InboxRow[] {
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
    return accountIds.length > 1 ? rows.sort(rowOrder) : rows
  }
}
