// How the open conversation's lines read: each message and each send on its way, with its
// delivery state (sending, sent, request sent, seen per R15, failed with the reason).
import type { Message } from '@shared/types'
import type { PendingSend, SentRecord } from './thread-sends'
import type { DeliveryState, ThreadItem } from './types'

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

interface ItemsInput {
  cur: { accountId: string; conversationId: string; withId: string } | null
  messages: Message[]
  pending: PendingSend[]
  verdicts: Record<string, string>
  state: string | undefined
  clientIdOf: Map<string, SentRecord>
}

export function threadItems({ cur, messages, pending, verdicts, state, clientIdOf }: ItemsInput): ThreadItem[] {
  if (!cur) {
    return []
  }
  const out: ThreadItem[] = messages.map((m) => {
    const mine = m.from === cur.accountId
    const refused = verdicts[m.id] ?? m.refused?.message
    return {
      key: m.id,
      message: m,
      mine,
      state: mine ? deliveryState(m, state, refused) : null,
      error: refused,
      clientId: clientIdOf.get(m.id)?.clientId,
    }
  })
  for (const p of pending) {
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
}
