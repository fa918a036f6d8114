// The open conversation: its history (paged, oldest first), live updates applied in place, and
// its sends (thread-sends.ts) and lines with their delivery states (thread-items.ts).
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Message, Relation } from '@shared/types'
import { useAction } from '../composables/useAction'
import { errorText } from '../lib/errors'
import { useInboxStore } from './inbox'
import { useSessionStore } from './session'
import { threadItems } from './thread-items'
import { threadSends } from './thread-sends'
import type { ThreadItem } from './types'

// Kept importable from here, where the store's users look for them.
export { deliveryState } from './thread-items'
export type { PendingSend } from './thread-sends'

export const PAGE_SIZE = 50

export const useThreadStore = defineStore('thread', () => {
  const session = useSessionStore()
  const inbox = useInboxStore()
  const current = ref<{ accountId: string; conversationId: string; withId: string } | null>(null)
  const messages = ref<Message[]>([])
  const hasMore = ref(false)
  // Opening a conversation supersedes the one on its way (its page and error are dropped).
  const opening = useAction({ mode: 'latest' })
  const loading = opening.busy
  const loadingOlder = ref(false)
  const error = opening.error
  const relation = ref<Relation | null>(null)
  /** A remote node's refusal of a message we sent (event `message.verdict`): id -> sentence. */
  const verdicts = ref<Record<string, string>>({})
  const { pending, clientIdOf, send, retry, discard, isOwnSend } = threadSends({ session, inbox, current: () => current.value, messages, verdicts, removeLocally })

  const summary = computed(() => (current.value ? inbox.find(current.value.accountId, current.value.conversationId) : undefined))
  // A string, so a refetched summary in the same state does not rebuild every line.
  const conversationState = computed(() => summary.value?.state)

  const items = computed<ThreadItem[]>(() =>
    threadItems({ cur: current.value, messages: messages.value, pending: pending.value, verdicts: verdicts.value, state: conversationState.value, clientIdOf }),
  )

  async function open(accountId: string, conversationId: string, withId: string): Promise<void> {
    current.value = { accountId, conversationId, withId }
    messages.value = []
    hasMore.value = false
    relation.value = null
    opening.clear()
    await opening.run(async (isCurrent) => {
      const page = await session.api().messages(accountId, conversationId, { limit: PAGE_SIZE })
      if (isCurrent()) {
        messages.value = page.messages
        hasMore.value = page.hasMore
      }
    })
    void loadRelation()
  }

  function close(): void {
    opening.forget()
    current.value = null
    messages.value = []
    relation.value = null
  }

  async function loadRelation(): Promise<void> {
    const cur = current.value
    if (!cur) {
      return
    }
    try {
      const { relation: r } = await session.api().relation(cur.accountId, cur.withId)
      if (current.value === cur) {
        relation.value = r
      }
    } catch {
      if (current.value === cur) {
        relation.value = null
      }
    }
  }

  /** Loads the page before the oldest message shown; returns how many were added on top. */
  async function loadOlder(): Promise<number> {
    const cur = current.value
    const oldest = messages.value[0]
    if (!cur || !oldest || !hasMore.value || loadingOlder.value) {
      return 0
    }
    loadingOlder.value = true
    try {
      const page = await session.api().messages(cur.accountId, cur.conversationId, { before: oldest.id, limit: PAGE_SIZE })
      if (current.value !== cur) {
        return 0
      }
      messages.value = [...page.messages, ...messages.value]
      hasMore.value = page.hasMore
      return page.messages.length
    } catch (e) {
      error.value = errorText(e)
      return 0
    } finally {
      loadingOlder.value = false
    }
  }

  /** Fetches the newest page and joins it to what is shown (new messages, seen flags). */
  async function refreshLatest(): Promise<void> {
    const cur = current.value
    if (!cur) {
      return
    }
    try {
      const page = await session.api().messages(cur.accountId, cur.conversationId, { limit: PAGE_SIZE })
      if (current.value !== cur) {
        return
      }
      const first = page.messages[0]
      const at = first ? messages.value.findIndex((m) => m.id === first.id) : -1
      if (first && at >= 0) {
        messages.value = [...messages.value.slice(0, at), ...page.messages]
      } else {
        messages.value = page.messages
        hasMore.value = page.hasMore
      }
    } catch (e) {
      error.value = errorText(e)
    }
  }

  async function hideMessage(accountId: string, messageId: string): Promise<void> {
    await session.api().hideMessage(accountId, messageId)
    removeLocally(messageId)
    const cur = current.value
    await (cur?.accountId === accountId ? inbox.refreshOne(accountId, cur.conversationId) : inbox.refresh(accountId))
  }

  function removeLocally(messageId: string): void {
    messages.value = messages.value.filter((m) => m.id !== messageId)
  }

  /**
   * A live message for the open conversation, appended unless it is there already or the page
   * is still loading (the page will hold it). False when it is older than the newest line shown
   * (a late cross-node arrival): the caller refetches the newest page, which places it.
   */
  function applyMessage(conversationId: string, m: Message): boolean {
    const cur = current.value
    if (!cur || cur.conversationId !== conversationId || loading.value || messages.value.some((x) => x.id === m.id)) {
      return true
    }
    const last = messages.value.at(-1)
    if (last && last.sentAt > m.sentAt) {
      return false
    }
    messages.value = [...messages.value, m]
    return true
  }

  function applyVerdict(messageId: string, refusal: string): void {
    verdicts.value = { ...verdicts.value, [messageId]: refusal }
  }

  return {
    current,
    messages,
    hasMore,
    loading,
    loadingOlder,
    error,
    relation,
    pending,
    verdicts,
    summary,
    items,
    open,
    close,
    loadRelation,
    loadOlder,
    refreshLatest,
    send,
    retry,
    discard,
    hideMessage,
    removeLocally,
    isOwnSend,
    applyMessage,
    applyVerdict,
  }
})
