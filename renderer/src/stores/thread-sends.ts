// Sends from the open conversation: each line shows at once as "Sending", the node's answer is
// applied in place, and retries reuse the same client id so nothing is stored twice (R18).
import { ref } from 'vue'
import type { Ref } from 'vue'
import type { SendResponse } from '@shared/api/contract'
import type { Message } from '@shared/types'
import { errorText } from '../lib/errors'
import { newClientId } from '../lib/ids'
import type { useInboxStore } from './inbox'
import type { useSessionStore } from './session'

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

/** What a delivered send was, by message id: what a retry sends again. */
export interface SentRecord {
  clientId: string
  to: string
  accountId: string
  text: string
}

interface SendDeps {
  session: ReturnType<typeof useSessionStore>
  inbox: ReturnType<typeof useInboxStore>
  current: () => { accountId: string; conversationId: string } | null
  messages: Ref<Message[]>
  verdicts: Ref<Record<string, string>>
  removeLocally: (messageId: string) => void
}

export function threadSends({ session, inbox, current, messages, verdicts, removeLocally }: SendDeps) {
  const pending = ref<PendingSend[]>([])
  const clientIdOf = new Map<string, SentRecord>()

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
      const cur = current()
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
      await send(sent.accountId, sent.to, sent.text, current()?.conversationId ?? null, clientId)
      return
    }
  }

  function discard(clientId: string): void {
    pending.value = pending.value.filter((p) => p.clientId !== clientId)
  }

  /** Sent from this window (on its way or done): no notification for one's own words. */
  function isOwnSend(m: Pick<Message, 'id' | 'from' | 'text'>): boolean {
    return clientIdOf.has(m.id) || pending.value.some((p) => p.accountId === m.from && p.text === m.text)
  }

  return { pending, clientIdOf, send, retry, discard, isOwnSend }
}
