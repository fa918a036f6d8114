// GET /accounts/{a}/counts without building the inbox: each of the viewer's conversations is
// outlined from the projection's columns (exists for them? which folder? how many unread?),
// never summarised, so no message is read and no row is made.
import type { InboxCounts } from '@shared/inbox-counts'
import type { Messages } from './messages'
import { folderFor, outlineFor } from './queries'
import type { StoreState } from './state'

/** Unread and request counts of every conversation the viewer's inbox would list (both folders). */
export function countInboxOf(state: StoreState, messages: Messages, viewerId: string): InboxCounts {
  const counts = { unread: 0, totalUnread: 0, requests: 0 }
  for (const id of state.conversationsByAccount.get(viewerId) ?? []) {
    const conv = state.conversations.get(id)
    const outline = conv && outlineFor(messages, conv, viewerId)
    if (!outline) {
      continue
    }
    counts.totalUnread += outline.unread
    if (folderFor(conv, viewerId) === 'inbox') {
      counts.unread += outline.unread
    } else {
      counts.requests++
    }
  }
  return counts
}
