// Unread and request counts of one viewer's conversations. The node counts the whole inbox
// (GET /accounts/{account}/counts); the renderer, which holds only the pages it has drawn,
// keeps those counts current by adding what each change to a conversation it holds moved.
import type { ConversationSummary } from './types'

export interface InboxCounts {
  /** Unread messages in the inbox folder. */
  unread: number
  /** Unread messages in both folders (the dock badge counts requests too). */
  totalUnread: number
  /** Conversations waiting in the Requests folder. */
  requests: number
}

export const NO_COUNTS: InboxCounts = Object.freeze({ unread: 0, totalUnread: 0, requests: 0 })

type Counted = Pick<ConversationSummary, 'unread' | 'folder'>

/** Counts a list of summaries in one pass. */
export function countInbox(list: Iterable<Counted>): InboxCounts {
  const n = { unread: 0, totalUnread: 0, requests: 0 }
  for (const c of list) {
    n.totalUnread += c.unread
    if (c.folder === 'inbox') {
      n.unread += c.unread
    } else {
      n.requests++
    }
  }
  return n
}

/** `counts` after one conversation changed from `before` to `after` (either may be absent: added, gone). */
export function shiftCounts(counts: InboxCounts, before: Counted | null | undefined, after: Counted | null | undefined): InboxCounts {
  const gone = countInbox(before ? [before] : [])
  const came = countInbox(after ? [after] : [])
  return {
    unread: Math.max(0, counts.unread - gone.unread + came.unread),
    totalUnread: Math.max(0, counts.totalUnread - gone.totalUnread + came.totalUnread),
    requests: Math.max(0, counts.requests - gone.requests + came.requests),
  }
}
