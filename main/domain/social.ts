// Follows and blocks (R6, R11), and how a send to someone would go (the relation).
import { decideFollow, decideSend } from '@shared/rules'
import type { Account, Relation } from '@shared/types'
import { conversationIdFor } from '../store'
import { sendContext } from './send-context'
import type { Domain } from './domain'
import { homeAccount, knownAccount } from './account-lookup'
import { invalid, refusalError } from './errors'

function pair(domain: Domain, address: string, target: string): [Account, Account] {
  const me = homeAccount(domain, address)
  const other = knownAccount(domain, target)
  if (me.id === other.id) {
    throw invalid('target', 'An account cannot do that to itself.')
  }
  return [me, other]
}

export async function follow(domain: Domain, address: string, target: string): Promise<{ following: boolean }> {
  const [me, other] = pair(domain, address, target)
  const verdict = decideFollow(domain.store.blockedEitherWay(me.id, other.id))
  if (!verdict.ok) {
    throw refusalError(verdict)
  }
  // Following twice is a no-op, not an error: the button may be pressed twice.
  if (!domain.store.follows(me.id, other.id)) {
    await domain.store.commit([{ type: 'follow.added', from: me.id, to: other.id }]).durable
  }
  return { following: true }
}

export async function unfollow(domain: Domain, address: string, target: string): Promise<{ following: boolean }> {
  const [me, other] = pair(domain, address, target)
  if (domain.store.follows(me.id, other.id)) {
    await domain.store.commit([{ type: 'follow.removed', from: me.id, to: other.id }]).durable
  }
  return { following: false }
}

export async function block(domain: Domain, address: string, target: string): Promise<{ blocked: boolean }> {
  const [me, other] = pair(domain, address, target)
  if (!domain.store.hasBlocked(me.id, other.id)) {
    await domain.store.commit([{ type: 'block.added', from: me.id, to: other.id }]).durable
  }
  return { blocked: true }
}

export async function unblock(domain: Domain, address: string, target: string): Promise<{ blocked: boolean }> {
  const [me, other] = pair(domain, address, target)
  if (domain.store.hasBlocked(me.id, other.id)) {
    await domain.store.commit([{ type: 'block.removed', from: me.id, to: other.id }]).durable
  }
  return { blocked: false }
}

/** The accounts of these ids that this node knows. */
function accountsOf(domain: Domain, ids: string[]): Account[] {
  return ids.flatMap((id) => domain.store.account(id) ?? [])
}

/** Whom an account (any this node knows) follows. */
export function followingList(domain: Domain, address: string): Account[] {
  const account = knownAccount(domain, address)
  return accountsOf(domain, domain.store.followingIds(account.id))
}

export function blockedList(domain: Domain, address: string): Account[] {
  const me = homeAccount(domain, address)
  return accountsOf(domain, domain.store.blockedIds(me.id))
}

/** Follow and block state between the two, and how a send would go now and after following. */
export function relation(domain: Domain, address: string, target: string): Relation {
  const me = homeAccount(domain, address)
  const other = knownAccount(domain, target)
  const { store } = domain
  const self = me.id === other.id
  const ctx = sendContext(store, me, other, domain.store.clock(), domain.policy)
  // A one-character probe text: only the relationship decides the outcome.
  const preview = (d: ReturnType<typeof decideSend>): Relation['preview'] => (d.ok ? { ok: true, delivery: d.delivery } : d)
  const convId = conversationIdFor(me.id, other.id)
  return {
    following: ctx.senderFollowsRecipient,
    followedBy: ctx.recipientFollowsSender,
    blocking: store.hasBlocked(me.id, other.id),
    blockedBy: store.hasBlocked(other.id, me.id),
    conversationId: store.conversation(convId) ? convId : null,
    preview: self ? { ok: false, code: 'NOT_FOLLOWING', message: 'You cannot message yourself.' } : preview(decideSend(ctx, '.')),
    previewIfFollowing: ctx.senderFollowsRecipient || self || ctx.blocked ? null : preview(decideSend({ ...ctx, senderFollowsRecipient: true }, '.')),
  }
}
