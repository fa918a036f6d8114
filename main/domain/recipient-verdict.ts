// The recipient's home decides a message sent from another node (docs/RULES.md "Checked twice across
// nodes": the second check, here, is the one that counts).
import { decideReceive } from '@shared/rules'
import type { MessageVerdict, StoredMessage } from '../store'
import { sendContext } from './send-context'
import type { Domain } from './domain'

/**
 * Our state is the authority for the recipient's side: blocks, settings, requests (R8, R9)
 * and R2 for both. decideReceive leaves out the sender's own rules, which were its home's
 * to check: R3 (we do not even hold the sender's phone number) and the caps R12/R13 (its
 * home counts its sends; we see only the ones addressed to us). Null when we do not know both accounts
 * or the recipient is not ours: such an event should not have been sent here.
 */
export function recipientVerdict(domain: Domain, message: StoredMessage): MessageVerdict | null {
  const { store } = domain
  const sender = store.account(message.from)
  const recipient = store.account(message.to)
  if (!sender || !recipient || recipient.homeNodeId !== domain.store.nodeId) {
    return null
  }
  const ctx = sendContext(store, sender, recipient, domain.store.clock(), domain.policy)
  const decision = decideReceive(ctx, message.text)
  const base = { type: 'message.verdict' as const, conversationId: message.conversationId, messageId: message.id }
  if (decision.ok && decision.text === message.text) {
    const delivery = decision.delivery === 'request' ? 'request' : 'direct'
    return { ...base, delivery, newConversation: decision.newConversation, acceptsRequest: decision.acceptsRequest }
  }
  // A text the sender's home should have normalised (R14) is refused rather than stored as sent.
  const refused = decision.ok
    ? { code: 'MESSAGE_INVALID' as const, message: 'The message text was not in its stored form.' }
    : { code: decision.code, message: decision.message, ...(decision.retryAt ? { retryAt: decision.retryAt } : {}) }
  return { ...base, delivery: 'refused', newConversation: false, acceptsRequest: false, refused }
}
