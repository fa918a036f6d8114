// What the inbox holds per local account: the conversations loaded so far, where each folder's
// next page starts, and the node's unread/request counts kept current by each change (R15, R8).
import { computed, shallowRef } from 'vue'
import { countInbox, NO_COUNTS, shiftCounts } from '@shared/inbox-counts'
import type { InboxCounts } from '@shared/inbox-counts'
import type { ConversationSummary, Folder } from '@shared/types'
import { pagerKey } from './inbox-pages'
import type { Pager } from './inbox-pages'

export type InboxLists = ReturnType<typeof inboxLists>

export function inboxLists() {
  /**
   * Per local account: the conversations loaded so far (both folders), newest first. Shallow:
   * summaries are replaced, never changed in place, so 10,000 of them need no deep proxies.
   */
  const lists = shallowRef<Record<string, ConversationSummary[]>>({})
  /** Per account and folder (pagerKey): where the next page starts. */
  const pagers = shallowRef<Record<string, Pager>>({})
  /** Per account: the node's counts, kept current by each change applied here; absent: count the list. */
  const nodeCounts = shallowRef<Record<string, InboxCounts>>({})
  /** Per account, bumped by each refresh so pages of an older one are dropped. */
  const generations = new Map<string, number>()

  function setList(accountId: string, list: ConversationSummary[]): void {
    lists.value = { ...lists.value, [accountId]: list }
  }

  function setPager(accountId: string, f: Folder, pager: Pager): void {
    pagers.value = { ...pagers.value, [pagerKey(accountId, f)]: pager }
  }

  /** The node's counts for the account, or none: the loaded list is counted instead. */
  function setNodeCounts(accountId: string, counts: InboxCounts | null): void {
    const { [accountId]: _old, ...rest } = nodeCounts.value
    nodeCounts.value = counts ? { ...rest, [accountId]: counts } : rest
  }

  /** One conversation of the list changed (or came, or went): the counts move by the difference. */
  function shift(accountId: string, before: ConversationSummary | undefined, after: ConversationSummary | null): void {
    const counts = nodeCounts.value[accountId]
    if (counts) {
      nodeCounts.value = { ...nodeCounts.value, [accountId]: shiftCounts(counts, before, after) }
    }
  }

  function find(accountId: string, conversationId: string): ConversationSummary | undefined {
    return lists.value[accountId]?.find((c) => c.id === conversationId)
  }

  /** Local accounts that hold this conversation (both sides may be signed in here). */
  function holders(conversationId: string): string[] {
    return Object.keys(lists.value).filter((id) => lists.value[id]?.some((c) => c.id === conversationId))
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

  return { lists, pagers, nodeCounts, generations, setList, setPager, setNodeCounts, shift, find, holders, countsOf }
}
