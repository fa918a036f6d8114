// Applying what the node told us (a send's answer, a live event) to the loaded inbox without
// asking again; false where the news does not carry enough, so the caller refetches that one.
import type { Message } from '@shared/types'
import type { InboxLists } from './inbox-lists'

export function inboxLive({ lists, setList, shift }: InboxLists) {
  /**
   * Applies a message to the account's list. False when the event does not carry enough: a
   * conversation not in the list, or one still a request (the message may change its state).
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
    const updated = { ...c, lastMessage: m, lastActivityAt: m.sentAt, unread }
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

  return { applyMessage, applyRead }
}
