// The open conversation: its history (paged, oldest first), sends on their way, delivery
// states (sending, sent, request sent, seen per R15, failed with the reason) and safe
// retries that reuse the same client id (R18).
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { SendResponse } from '@shared/api/contract'
import type { Message, Relation } from '@shared/types'
import { useAction } from '../composables/useAction'
import { errorText } from '../lib/errors'
import { newClientId } from '../lib/ids'
import { useInboxStore } from './inbox'
import { useSessionStore } from './session'
import type { DeliveryState, ThreadItem } from './types'

export const PAGE_SIZE = 50

export interface PendingSend {
  clientId: string
  accountId: string
  to: string
  conversationId: string | null
  text: string
  sentAt: string
  status: 'sending' | 'failed'
  error?: string
}

export function deliveryState(m: Message, conversationState: string | undefined, refused: string | undefined): DeliveryState {
  if (refused || m.delivery === 'refused') {
    return 'failed'
  }
  if (m.delivery === 'pending') {
    return 'pending'
  }
  if (m.seen) {
    return 'seen'
  }
  if (conversationState === 'request-sent') {
    return 'request'
  }
  return 'sent'
}

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
  const pending = ref<PendingSend[]>([])
  /** A remote node's refusal of a message we sent (event `message.verdict`): id -> sentence. */
  const verdicts = ref<Record<string, string>>({})
  const clientIdOf = new Map<string, { clientId: string; to: string; accountId: string; text: string }>()

  const summary = computed(() => (current.value ? inbox.find(current.value.accountId, current.value.conversationId) : undefined))
  // A string, so a refetched summary in the same state does not rebuild every line.
  const conversationState = computed(() => summary.value?.state)

  const items = computed<ThreadItem[]>(() => {
    const cur = current.value
    if (!cur) {
      return []
    }
    const state = conversationState.value
    const out: ThreadItem[] = messages.value.map((m) => {
      const mine = m.from === cur.accountId
      const refused = verdicts.value[m.id] ?? m.refused?.message
      return {
        key: m.id,
        message: m,
        mine,
        state: mine ? deliveryState(m, state, refused) : null,
        error: refused,
        clientId: clientIdOf.get(m.id)?.clientId,
      }
    })
    for (const p of pending.value) {
      if (p.accountId !== cur.accountId || (p.conversationId !== cur.conversationId && p.to !== cur.withId)) {
        continue
      }
      out.push({
        key: p.clientId,
        message: { id: p.clientId, from: p.accountId, text: p.text, sentAt: p.sentAt },
        mine: true,
        state: p.status,
        error: p.error,
        clientId: p.clientId,
      })
    }
    return out
  })

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

  async function deliver(clientId: string): Promise<SendResponse | null> {
    const p = pending.value.find((x) => x.clientId === clientId)
    if (!p) {
      return null
    }
    p.status = 'sending'
    p.error = undefined
    try {
      const result = await session.api().send(p.accountId, { to: p.to, text: p.text, clientId })
      pending.value = pending.value.filter((x) => x.clientId !== clientId)
      clientIdOf.set(result.message.id, { clientId, to: p.to, accountId: p.accountId, text: p.text })
      const cur = current.value
      if (cur && cur.accountId === p.accountId && cur.conversationId === result.conversationId) {
        if (!messages.value.some((m) => m.id === result.message.id)) {
          messages.value = [...messages.value, result.message]
        }
      }
      // The answer carries the message: the inbox moves it to the top without asking again.
      if (!inbox.applyMessage(p.accountId, result.conversationId, result.message)) {
        await inbox.refreshOne(p.accountId, result.conversationId)
      }
      return result
    } catch (e) {
      const still = pending.value.find((x) => x.clientId === clientId)
      if (still) {
        still.status = 'failed'
        still.error = errorText(e)
      }
      return null
    }
  }

  /** Sends `text` from `accountId` to `to`; the line shows at once as "Sending". */
  function send(accountId: string, to: string, text: string, conversationId: string | null = null, clientId = newClientId()): Promise<SendResponse | null> {
    pending.value = [...pending.value, { clientId, accountId, to, conversationId, text, sentAt: new Date().toISOString(), status: 'sending' }]
    return deliver(clientId)
  }

  /** R18: a retry sends the same client id again, so the node never stores it twice. */
  async function retry(clientId: string): Promise<void> {
    if (pending.value.some((p) => p.clientId === clientId)) {
      await deliver(clientId)
      return
    }
    for (const [messageId, sent] of clientIdOf) {
      if (sent.clientId !== clientId) {
        continue
      }
      const { [messageId]: _gone, ...rest } = verdicts.value
      verdicts.value = rest
      removeLocally(messageId)
      await send(sent.accountId, sent.to, sent.text, current.value?.conversationId ?? null, clientId)
      return
    }
  }

  function discard(clientId: string): void {
    pending.value = pending.value.filter((p) => p.clientId !== clientId)
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

  /** Sent from this window (on its way or done): no notification for one's own words. */
  function isOwnSend(m: Pick<Message, 'id' | 'from' | 'text'>): boolean {
    return clientIdOf.has(m.id) || pending.value.some((p) => p.accountId === m.from && p.text === m.text)
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
