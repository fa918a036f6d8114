// Decides a business's auto-messages for one message delivered to it. Runs on the business's
// home node, before the message is stored, so the decision is committed in the same atomic
// append as the message: after a crash there is either both or neither (docs/API.md).
import { autoReplyFor, businessStatus } from '@shared/business/rules'
import type { AutoKind } from '@shared/business/types'
import type { DomainEvent, PlannedAuto, StoredMessage, Store } from '../../store'

/** The client id of an auto-message: one per kind and trigger, so a retry is the same send (R18). */
export function autoClientId(kind: AutoKind, triggerId: string): string {
  return `auto.${kind}.${triggerId}`
}

/**
 * `auto.planned` events for a message about to be delivered to a business homed here: the
 * welcome when it starts a new conversation (its sender never wrote, and the business has not
 * written to it either: a reply to outreach is not greeted), once per conversation, and the answer of a
 * suggested question or a keyword's reply on an exact match. Nothing while the tools are off
 * (R5: personal, EU/EEA, not `everyone`), and nothing for auto-messages, so two businesses
 * never answer each other's auto-messages forever.
 */
export function planAutoMessages(store: Store, message: StoredMessage): DomainEvent[] {
  // Auto-messages are a business's tools (R5): a person's messages, most of them, need no facts.
  if (message.auto || store.account(message.to)?.kind !== 'business') {
    return []
  }
  const facts = store.business.autoMessageFacts(message.to, message.from)
  if (!facts || facts.business.homeNodeId !== store.nodeId) {
    return []
  }
  if (!businessStatus(facts.business, facts.whoCanMessageMe).active) {
    return []
  }
  const plannedAt = store.clock().toISOString()
  const plan = (kind: AutoKind, text: string): DomainEvent => {
    const auto: PlannedAuto = {
      id: `auto_${kind}_${message.id}`,
      businessId: message.to,
      contactId: message.from,
      conversationId: message.conversationId,
      triggerId: message.id,
      kind,
      text,
      clientId: autoClientId(kind, message.id),
      plannedAt,
    }
    return { type: 'auto.planned', auto }
  }
  const plans: DomainEvent[] = []
  // A new conversation only: not a reply to the business's own outreach.
  const isNew = !facts.contactHasWritten && !facts.businessHasWritten
  if (facts.tools.welcome && isNew && !facts.welcomed) {
    plans.push(plan('welcome', facts.tools.welcome))
  }
  const reply = autoReplyFor(facts.tools, message.text)
  if (reply) {
    plans.push(plan(reply.kind, reply.text))
  }
  return plans
}
