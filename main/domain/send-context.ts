// Gathers, from the store's projection, the facts the shared send rules need.
import type { Policy } from '@shared/policy'
import type { ConversationFacts, SendContext, SendParty } from '@shared/rules'
import type { Account } from '@shared/types'
import type { Store } from '../store'
import { conversationIdFor } from '../store'

export function partyOf(store: Store, account: Account): SendParty {
  return {
    id: account.id,
    birthDate: account.birthDate,
    phone: account.phone,
    kind: account.kind,
    verified: account.verified,
    region: account.region,
    whoCanMessageMe: store.settingsOf(account.id)?.whoCanMessageMe ?? 'nobody',
  }
}

export function conversationFacts(store: Store, senderId: string, recipientId: string): ConversationFacts | null {
  const conv = store.conversation(conversationIdFor(senderId, recipientId))
  // Pending or refused cross-node sends alone give no rights: the rules see no conversation.
  if (!conv || !conv.started) {
    return null
  }
  return {
    status: conv.status,
    starterId: conv.starterId,
    senderHasWritten: conv.writers.has(senderId),
    recipientHasWritten: conv.writers.has(recipientId),
    declinedAt: conv.declinedAt,
    accepted: conv.accepted,
  }
}

export function sendContext(store: Store, sender: Account, recipient: Account, now: Date, policy: Policy): SendContext {
  return {
    now,
    policy,
    sender: partyOf(store, sender),
    recipient: partyOf(store, recipient),
    senderFollowsRecipient: store.follows(sender.id, recipient.id),
    recipientFollowsSender: store.follows(recipient.id, sender.id),
    blocked: store.blockedEitherWay(sender.id, recipient.id),
    conversation: conversationFacts(store, sender.id, recipient.id),
    history: store.sendHistory(sender.id),
  }
}
