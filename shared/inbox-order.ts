// The inbox order, one for the node and the renderer: most recent activity first, and on a tie
// the greater conversation id first. The node keeps each viewer's conversations sorted by
// inboxSortKey (ascending, read from the end); newestFirst compares exactly as those keys do.

/** What the order looks at: a conversation summary, or anything with its two fields. */
export interface InboxOrdered {
  lastActivityAt: string
  id: string
}

/** Between the time and the id in a sort key; below every character either may hold. */
export const SORT_KEY_SEPARATOR = '\u0000'

/** "<lastActivityAt>\0<id>": ascending keys are the inbox order reversed. */
export function inboxSortKey(c: InboxOrdered): string {
  return `${c.lastActivityAt}${SORT_KEY_SEPARATOR}${c.id}`
}

/**
 * Newest activity first; ties by id, greater first. The same as comparing inboxSortKey of b
 * with a's (the separator sorts below every character, so a time that is a prefix of another
 * sorts first either way), without building the keys.
 */
export function newestFirst(a: InboxOrdered, b: InboxOrdered): number {
  if (a.lastActivityAt !== b.lastActivityAt) {
    return a.lastActivityAt < b.lastActivityAt ? 1 : -1
  }
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0
}
