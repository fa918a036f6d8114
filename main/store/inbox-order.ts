// Each viewer's conversations in inbox order (shared/inbox-order.ts: the renderer sorts alike), kept
// between requests: a page of a 10,000-conversation inbox summarises one page, not 10,000.
// Built on a viewer's first request; afterwards only conversations an applied event touched
// are moved, so the order always matches the projection.
import { inboxSortKey, SORT_KEY_SEPARATOR as SEP } from '@shared/inbox-order'
import type { ConversationSummary, Folder } from '@shared/types'
import type { LogEvent } from './events'
import { folderFor, summarize } from './queries'
import type { Messages } from './messages'
import type { StoreState } from './state'

/** Ascending sort keys "<lastActivityAt>\0<conversation id>"; the inbox reads them from the end. */
interface ViewerOrder {
  keys: string[]
  keyOf: Map<string, string>
  /** Conversations changed since the keys were placed. */
  dirty: Set<string>
}

export interface ConversationPage {
  conversations: ConversationSummary[]
  /** Pass as `cursor` for the next page; null when this page is the last. */
  nextCursor: string | null
}

function lowerBound(keys: string[], key: string): number {
  let lo = 0
  let hi = keys.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (keys[mid] < key) {
      lo = mid + 1
    } else {
      hi = mid
    }
  }
  return lo
}

/**
 * Takes `key` out of the ascending `keys`. The conversation a viewer's new message moves is
 * most often the newest already (one busy thread), so the end is tried before a search.
 */
function removeKey(keys: string[], key: string): void {
  if (keys[keys.length - 1] === key) {
    keys.pop()
  } else {
    keys.splice(lowerBound(keys, key), 1)
  }
}

/** Puts `key` in its place in the ascending `keys`: a conversation with new activity goes at the end. */
function insertKey(keys: string[], key: string): void {
  if (keys.length === 0 || keys[keys.length - 1] < key) {
    keys.push(key)
  } else {
    keys.splice(lowerBound(keys, key), 0, key)
  }
}

export function encodeCursor(key: string): string {
  return Buffer.from(key).toString('base64url')
}

/** The sort key a cursor names, or null when it is not one this node made. */
export function decodeCursor(cursor: string): string | null {
  const key = Buffer.from(cursor, 'base64url').toString()
  const at = key.indexOf(SEP)
  return at > 0 && /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(key.slice(0, at)) && /^[A-Za-z0-9_-]+$/.test(key.slice(at + 1)) ? key : null
}

export class InboxOrder {
  private readonly viewers = new Map<string, ViewerOrder>()

  /** Called for every event the projection applies: marks the conversation it touches. */
  noteApplied(state: StoreState, event: LogEvent): void {
    if (this.viewers.size === 0 || !('conversationId' in event)) {
      return
    }
    const conv = state.conversations.get(event.conversationId)
    for (const id of conv?.participants ?? []) {
      this.viewers.get(id)?.dirty.add(event.conversationId)
    }
  }

  /** Up to `limit` conversations after `cursor` (a key from decodeCursor), newest first. */
  page(state: StoreState, messages: Messages, viewerId: string, folder: Folder | undefined, now: Date, limit: number, cursorKey: string | null): ConversationPage {
    const order = this.orderFor(state, messages, viewerId, now)
    const conversations: ConversationSummary[] = []
    let i = (cursorKey === null ? order.keys.length : lowerBound(order.keys, cursorKey)) - 1
    let lastKey: string | null = null
    for (; i >= 0; i--) {
      const key = order.keys[i]
      const conv = state.conversations.get(key.slice(key.indexOf(SEP) + 1))
      if (!conv || (folder && folderFor(conv, viewerId) !== folder)) {
        continue
      }
      if (conversations.length === limit) {
        return { conversations, nextCursor: encodeCursor(lastKey!) }
      }
      const summary = summarize(state, messages, conv, viewerId, now)
      if (!summary) {
        continue
      }
      conversations.push(summary)
      lastKey = key
    }
    return { conversations, nextCursor: null }
  }

  private orderFor(state: StoreState, messages: Messages, viewerId: string, now: Date): ViewerOrder {
    let order = this.viewers.get(viewerId)
    if (!order) {
      order = { keys: [], keyOf: new Map(), dirty: new Set(state.conversationsByAccount.get(viewerId) ?? []) }
      this.viewers.set(viewerId, order)
      this.place(state, messages, order, viewerId, now, true)
    } else if (order.dirty.size > 0) {
      this.place(state, messages, order, viewerId, now, false)
    }
    return order
  }

  /** Moves dirty conversations to their place; a first build sorts once instead. */
  private place(state: StoreState, messages: Messages, order: ViewerOrder, viewerId: string, now: Date, bulk: boolean): void {
    for (const id of order.dirty) {
      const old = order.keyOf.get(id)
      if (old !== undefined && !bulk) {
        removeKey(order.keys, old)
      }
      order.keyOf.delete(id)
      const conv = state.conversations.get(id)
      const summary = conv && summarize(state, messages, conv, viewerId, now)
      if (!summary) {
        continue
      }
      const key = inboxSortKey(summary)
      order.keyOf.set(id, key)
      if (bulk) {
        order.keys.push(key)
      } else {
        insertKey(order.keys, key)
      }
    }
    if (bulk) {
      order.keys.sort()
    }
    order.dirty.clear()
  }
}
