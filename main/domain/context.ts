// Gathers, from the store's projection, the facts the shared send rules need.
import type { Policy } from '@shared/policy'
import type { ConversationFacts, SendContext, SendParty } from '@shared/rules'
import type { Account } from '@shared/types'
import type { Domain } from './context-types'
import type { StoreState } from '../store'
import { blockedEitherWay, conversationIdFor, follows } from '../store'

export function partyOf(state: StoreState, account: Account): SendParty {
  return {
    id: account.id,
    birthDate: account.birthDate,
    phone: account.phone,
    kind: account.kind,
    verified: account.verified,
    region: account.region,
    whoCanMessageMe: state.settings.get(account.id)?.whoCanMessageMe ?? 'nobody',
  }
}

export function conversationFacts(state: StoreState, senderId: string, recipientId: string): ConversationFacts | null {
  const conv = state.conversations.get(conversationIdFor(senderId, recipientId))
  // Pending or refused cross-node sends alone give no rights: the rules see no conversation.
  if (!conv || !conv.started) return null
  return {
    status: conv.status,
    starterId: conv.starterId,
    senderHasWritten: conv.writers.has(senderId),
    recipientHasWritten: conv.writers.has(recipientId),
    declinedAt: conv.declinedAt,
    accepted: conv.accepted,
  }
}

export function sendContext(state: StoreState, sender: Account, recipient: Account, now: Date, policy: Policy): SendContext {
  return {
    now,
    policy,
    sender: partyOf(state, sender),
    recipient: partyOf(state, recipient),
    senderFollowsRecipient: follows(state, sender.id, recipient.id),
    recipientFollowsSender: follows(state, recipient.id, sender.id),
    blocked: blockedEitherWay(state, sender.id, recipient.id),
    conversation: conversationFacts(state, sender.id, recipient.id),
    history: {
      messageTimes: state.sendTimes.get(sender.id) ?? [],
      newConversationTimes: state.newConversationTimes.get(sender.id) ?? [],
    },
  }
}

/** The send context for two accounts now: what a preview or a campaign checks before a send. */
export function contextFor(domain: Domain, sender: Account, recipient: Account, now: Date): SendContext {
  return sendContext(domain.store.state, sender, recipient, now, domain.policy)
}
