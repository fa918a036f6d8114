// Sending and the per-viewer conversation controls (R8, R10, R14-R18).
import type { SendResponse } from '@shared/api/contract'
import type { AutoKind } from '@shared/business/types'
import { decideSend } from '@shared/rules'
import type { Account } from '@shared/types'
import type { ConversationInfo, StoredMessage } from '../store'
import { conversationIdFor, messageKey, shownTo, toMessage } from '../store'
import { isoTime } from '../lib/iso-time'
import { sendContext } from './send-context'
import type { Domain } from './domain'
import { homeAccount, knownAccount } from './account-lookup'
import { DomainError, invalid, notFound, refusalError } from './errors'
import { newMessageId } from './ids'

/** A stored send as the API answers it: a refusal by the recipient's home is the rule's error. */
function resultOf(m: StoredMessage): SendResponse {
  if (m.delivery === 'refused') {
    const refused = m.refused ?? { code: 'RECIPIENT_NOT_ACCEPTING', message: 'The recipient did not accept this message.' }
    throw refusalError({ ok: false, ...refused })
  }
  // As its sender sees it; "Seen" comes later, with the other side's reading.
  return { message: toMessage(m, m.from, null), conversationId: m.conversationId, delivery: m.delivery }
}

export async function sendMessage(
  domain: Domain,
  address: string,
  input: { to: string; text: string; clientId: string },
  options: { auto?: AutoKind } = {},
): Promise<SendResponse> {
  const { store, remote } = domain
  const sender = homeAccount(domain, address)
  // R18: a resend of a client id returns the original result and stores nothing.
  const earlier = store.messageByClientId(sender.id, input.clientId)
  if (earlier) {
    await store.flushed()
    // A retry of a send still waiting for another node is a good moment to try that node again.
    const home = store.account(earlier.to)?.homeNodeId
    if (earlier.delivery === 'pending' && home && remote?.canReach(home)) {
      await remote.flush(home, earlier.id)
    }
    return resultOf(store.message(earlier.id, earlier.conversationId)!)
  }
  const recipient = knownAccount(domain, input.to)
  if (recipient.id === sender.id) {
    throw invalid('to', 'You cannot send a message to yourself.')
  }
  // Strictly increasing per node, so two sends in one millisecond keep their order (R19).
  const now = store.stamp()
  // For a recipient homed elsewhere this is the pre-check with our replica: a clear refusal
  // now when it already says no; its home decides for good (docs/SYNC.md).
  const decision = decideSend(sendContext(store, sender, recipient, now, domain.policy), input.text)
  if (!decision.ok) {
    throw refusalError(decision)
  }
  const elsewhere = recipient.homeNodeId !== store.nodeId
  if (elsewhere && !remote?.canReach(recipient.homeNodeId)) {
    throw new DomainError(409, 'HOME_NOT_PAIRED', `@${recipient.handle} lives on a node this one no longer reaches through its peers.`, {
      home: recipient.homeNodeId,
    })
  }
  const message: StoredMessage = {
    id: newMessageId(),
    conversationId: conversationIdFor(sender.id, recipient.id),
    from: sender.id,
    to: recipient.id,
    text: decision.text,
    sentAt: isoTime(now.getTime()),
    clientId: input.clientId,
    delivery: elsewhere ? 'pending' : decision.delivery,
  }
  if (options.auto) {
    message.auto = options.auto
  }
  // Delivered here: what the recipient's side decides about it (auto-messages) is stored with it.
  const consequences = elsewhere ? [] : (domain.onDelivery?.(message) ?? [])
  const [sent] = await store.commit([
    {
      type: 'message.sent',
      conversationId: message.conversationId,
      message,
      newConversation: decision.newConversation,
      acceptsRequest: decision.acceptsRequest,
    },
    ...consequences,
  ]).durable
  // Stored as pending, so nothing is lost if the other node is away; usually it answers at once.
  if (elsewhere) {
    await remote!.flush(recipient.homeNodeId, message.id)
  }
  // A message to another node is read back by its record (a verdict may have decided it
  // meanwhile); one delivered here stays as it was stored (verdicts are for pending ones only).
  return resultOf(elsewhere ? store.messageOfRecord(sent.seq)! : message)
}

/**
 * An account homed here and one of its conversations; 404 when it takes no part in it
 * (ids are not secrets to probe).
 */
export function ownConversation(domain: Domain, address: string, conversationId: string): { me: Account; conv: ConversationInfo } {
  const me = homeAccount(domain, address)
  const conv = domain.store.conversation(conversationId)
  if (!conv || !conv.participants.includes(me.id)) {
    throw notFound('The conversation')
  }
  return { me, conv }
}

function pendingRequestFor(domain: Domain, address: string, conversationId: string): { me: Account; conv: ConversationInfo } {
  const { me, conv } = ownConversation(domain, address, conversationId)
  if (conv.starterId === me.id && conv.status === 'request') {
    throw new DomainError(409, 'NOT_YOUR_REQUEST', 'Only the recipient of a message request can answer it.')
  }
  return { me, conv }
}

export async function acceptRequest(domain: Domain, address: string, conversationId: string): Promise<{ folder: 'inbox' }> {
  const { me, conv } = pendingRequestFor(domain, address, conversationId)
  if (conv.status === 'declined') {
    throw notFound('The message request')
  }
  if (conv.status === 'request') {
    await domain.store.commit([{ type: 'request.accepted', conversationId, by: me.id }]).durable
  }
  return { folder: 'inbox' }
}

export async function deleteRequest(domain: Domain, address: string, conversationId: string): Promise<{ deleted: true }> {
  const { me, conv } = pendingRequestFor(domain, address, conversationId)
  if (conv.status === 'open') {
    throw new DomainError(409, 'NOT_A_REQUEST', 'This conversation is no longer a request; delete it for yourself instead.')
  }
  if (conv.status === 'request') {
    await domain.store.commit([{ type: 'request.deleted', conversationId, by: me.id }]).durable
  }
  return { deleted: true }
}

export async function markRead(domain: Domain, address: string, conversationId: string): Promise<{ readUpTo: string | null }> {
  const { me, conv } = ownConversation(domain, address, conversationId)
  // Not past a message that is not delivered to me (another node's send still pending or refused).
  const last = domain.store.lastShown(conv.id, me.id)
  const viewer = domain.store.viewerState(conv.id, me.id)!
  if (last && (viewer.readUpTo === null || messageKey(last) > viewer.readUpTo)) {
    await domain.store.commit([{ type: 'conversation.read', conversationId, by: me.id, upTo: messageKey(last) }]).durable
  }
  return { readUpTo: last?.id ?? null }
}

export async function mute(
  domain: Domain,
  address: string,
  conversationId: string,
  input: { muted: boolean; until?: string | null },
): Promise<{ muted: boolean; until: string | null }> {
  const { me } = ownConversation(domain, address, conversationId)
  const until = input.muted && input.until ? new Date(input.until).toISOString() : null
  if (until && Date.parse(until) <= domain.store.clock().getTime()) {
    throw invalid('until', 'A mute must end in the future.')
  }
  await domain.store.commit([{ type: 'conversation.muted', conversationId, by: me.id, muted: input.muted, until }]).durable
  return { muted: input.muted, until }
}

export async function hideMessage(domain: Domain, address: string, messageId: string): Promise<{ deleted: true }> {
  const me = homeAccount(domain, address)
  const message = domain.store.message(messageId)
  const conv = message && domain.store.conversation(message.conversationId)
  if (!message || !conv || !conv.participants.includes(me.id) || !shownTo(message, me.id)) {
    throw notFound('The message')
  }
  if (!domain.store.viewerState(conv.id, me.id)!.hiddenIds.has(messageId)) {
    await domain.store.commit([{ type: 'message.hidden', conversationId: conv.id, messageId, by: me.id }]).durable
  }
  return { deleted: true }
}

export async function hideConversation(domain: Domain, address: string, conversationId: string): Promise<{ deleted: true }> {
  const { me, conv } = ownConversation(domain, address, conversationId)
  // Deleting a request you received is declining it (R8); only hiding it would leave its
  // sender waiting on REQUEST_PENDING forever.
  if (conv.status === 'request' && conv.starterId !== me.id) {
    await domain.store.commit([{ type: 'request.deleted', conversationId, by: me.id }]).durable
    return { deleted: true }
  }
  const last = domain.store.lastShown(conv.id, me.id)
  if (last) {
    await domain.store.commit([{ type: 'conversation.hidden', conversationId, by: me.id, upTo: messageKey(last) }]).durable
  }
  return { deleted: true }
}
