// Who may message whom (R2, R3, R6-R13): the sender home's decideSend and the recipient home's decideReceive.
import type { Policy } from '../policy'
import type { AccountKind, Delivery, Refusal, WhoCanMessageMe } from '../types'
import { canUseMessages } from './age'
import type { SendHistory } from './caps'
import { checkCaps } from './caps'
import { normalizeMessageText } from './message-text'
import { refuse } from './refusal'

/** What the rules need to know of each side of a send. */
export interface SendParty {
  id: string
  birthDate: string
  phone: string | null
  kind: AccountKind
  verified: boolean
  region: string
  whoCanMessageMe: WhoCanMessageMe
}

/** The conversation between the two, as far as the rules care. null when none exists yet. */
export interface ConversationFacts {
  /** 'request': a pending request; 'declined': the request's recipient deleted it. */
  status: 'open' | 'request' | 'declined'
  /** Who sent the first message of the current request or conversation. */
  starterId: string
  senderHasWritten: boolean
  recipientHasWritten: boolean
  /** When the request was deleted (status 'declined'). */
  declinedAt: string | null
  /**
   * R8: the conversation began as a request that its recipient accepted (status 'open'), even
   * without writing back: both sides may then write freely. Absent means false.
   */
  accepted?: boolean
}

export interface SendContext {
  now: Date
  policy: Policy
  sender: SendParty
  recipient: SendParty
  senderFollowsRecipient: boolean
  recipientFollowsSender: boolean
  /** R11: either side blocked the other. */
  blocked: boolean
  conversation: ConversationFacts | null
  history: SendHistory
}

export interface SendAllowed {
  ok: true
  delivery: Delivery
  /** R14: the text to store. */
  text: string
  /** Counts as a new conversation for R12/R13 (first message to someone, or a new request). */
  newConversation: boolean
  /** The recipient of a pending request wrote back: that accepts it (as on TikTok). */
  acceptsRequest: boolean
}

export type SendDecision = SendAllowed | Refusal

/**
 * Decides one send (R2, R3, R6-R14). Checks run in the order of docs/RULES.md "Which refusal
 * wins", so the first refusal found is the one to name.
 */
export function decideSend(ctx: SendContext, rawText: string): SendDecision {
  return decide(ctx, rawText, true)
}

/**
 * The recipient's home's half of a send from another node (docs/RULES.md "Checked twice across nodes": rules are
 * checked twice). Everything but R3 and the caps R12/R13: those belong to the sender's home,
 * which holds the sender's phone number and counts all of its sends.
 */
export function decideReceive(ctx: Omit<SendContext, 'history'>, rawText: string): SendDecision {
  return decide({ ...ctx, history: { messageTimes: [], newConversationTimes: [] } }, rawText, false)
}

function decide(ctx: SendContext, rawText: string, senderSide: boolean): SendDecision {
  const { sender, recipient, now, policy } = ctx
  const text = normalizeMessageText(rawText, policy)
  if (!text.ok) {
    return text
  }
  if (!canUseMessages(sender.birthDate, now, policy)) {
    return refuse('AGE_RESTRICTED', `Direct messages are off for accounts under ${policy.minAgeForMessages}.`)
  }
  if (!canUseMessages(recipient.birthDate, now, policy)) {
    return refuse('AGE_RESTRICTED', `This account cannot receive direct messages: it belongs to someone under ${policy.minAgeForMessages}.`)
  }
  if (senderSide && !sender.phone) {
    return refuse('PHONE_REQUIRED', 'Add a phone number to your account before sending messages.')
  }
  if (ctx.blocked) {
    return refuse('BLOCKED', 'You cannot message this account: one of you has blocked the other.')
  }

  const channel = decideChannel(ctx)
  if (!channel.ok) {
    return channel
  }
  const capRefusal = senderSide ? checkCaps(sender, ctx.history, channel.newConversation, now, policy) : null
  if (capRefusal) {
    return capRefusal
  }
  // Built field by field: a spread of the channel measured several µs a send (a slow clone).
  return { ok: true, delivery: channel.delivery, newConversation: channel.newConversation, acceptsRequest: channel.acceptsRequest, text: text.text }
}

type Channel = { ok: true; delivery: Delivery; newConversation: boolean; acceptsRequest: boolean } | Refusal

/** R8, R10, R6, R7, R9: which way the message goes, or why it cannot. */
function decideChannel(ctx: SendContext): Channel {
  const { sender, conversation: conv, now, policy } = ctx
  if (conv) {
    const senderStarted = conv.starterId === sender.id
    if (conv.status === 'declined' && senderStarted && conv.declinedAt) {
      const until = Date.parse(conv.declinedAt) + policy.requestDeclineCooldownMs
      if (now.getTime() < until) {
        return refuse('REQUEST_DECLINED', 'This account did not accept your message request.', new Date(until))
      }
      return fresh(ctx, true)
    }
    if (conv.status === 'request') {
      if (senderStarted) {
        return refuse('REQUEST_PENDING', 'Your message request has not been accepted yet.')
      }
      // Writing back to a request you received accepts it.
      return { ok: true, delivery: 'direct', newConversation: false, acceptsRequest: true }
    }
    if (conv.status === 'open') {
      // R10: the other side has written to you, so you may always write back.
      // R8: an accepted request lets both sides write freely, even before a reply.
      if (conv.recipientHasWritten || conv.accepted) {
        return { ok: true, delivery: 'direct', newConversation: false, acceptsRequest: false }
      }
      // Nobody has answered yet: R6-R9 govern the starter. The conversation is already in the
      // recipient's inbox, so a send that would have been a request still lands there.
      const outcome = fresh(ctx, !conv.senderHasWritten)
      return outcome.ok ? { ok: true, delivery: 'direct', newConversation: outcome.newConversation, acceptsRequest: outcome.acceptsRequest } : outcome
    }
    // A declined request seen from its recipient's side: they start afresh.
    return fresh(ctx, true)
  }
  return fresh(ctx, true)
}

/** R6, R7, R9 for a sender with no conversation rights yet. */
function fresh(ctx: SendContext, newConversation: boolean): Channel {
  const setting = ctx.recipient.whoCanMessageMe
  const follows = ctx.senderFollowsRecipient
  const mutual = follows && ctx.recipientFollowsSender
  const admitted = setting === 'everyone' || setting === 'followers' ? follows : setting === 'mutual' ? mutual : false
  if (admitted) {
    return { ok: true, delivery: 'direct', newConversation, acceptsRequest: false }
  }
  if (setting === 'everyone') {
    return { ok: true, delivery: 'request', newConversation, acceptsRequest: false }
  }
  if (!follows) {
    return refuse('NOT_FOLLOWING', 'Follow this account to message it: it accepts messages only from people it knows.')
  }
  return refuse('RECIPIENT_NOT_ACCEPTING', 'This account is not accepting messages from you.')
}

/** R11: a blocked account cannot follow the blocker (nor the other way round). */
export function decideFollow(blocked: boolean): { ok: true } | Refusal {
  if (blocked) {
    return refuse('BLOCKED', 'You cannot follow this account: one of you has blocked the other.')
  }
  return { ok: true }
}
