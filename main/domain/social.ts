// Follows and blocks (R6, R11).
import { decideFollow } from '@shared/rules'
import type { Account } from '@shared/types'
import { blockedEitherWay, follows } from '../store'
import type { Domain } from './context-types'
import { homeAccount, knownAccount } from './context-types'
import { invalid, refusalError } from './errors'

function pair(domain: Domain, address: string, target: string): [Account, Account] {
  const me = homeAccount(domain, address)
  const other = knownAccount(domain, target)
  if (me.id === other.id) throw invalid('target', 'An account cannot do that to itself.')
  return [me, other]
}

export async function follow(domain: Domain, address: string, target: string): Promise<{ following: boolean }> {
  const [me, other] = pair(domain, address, target)
  const verdict = decideFollow(blockedEitherWay(domain.store.state, me.id, other.id))
  if (!verdict.ok) throw refusalError(verdict)
  // Following twice is a no-op, not an error: the button may be pressed twice.
  if (!follows(domain.store.state, me.id, other.id)) {
    await domain.store.commit([{ type: 'follow.added', from: me.id, to: other.id }]).durable
  }
  return { following: true }
}

export async function unfollow(domain: Domain, address: string, target: string): Promise<{ following: boolean }> {
  const [me, other] = pair(domain, address, target)
  if (follows(domain.store.state, me.id, other.id)) {
    await domain.store.commit([{ type: 'follow.removed', from: me.id, to: other.id }]).durable
  }
  return { following: false }
}

export function hasBlocked(domain: Domain, from: string, to: string): boolean {
  return domain.store.state.blocks.get(from)?.has(to) ?? false
}

export async function block(domain: Domain, address: string, target: string): Promise<{ blocked: boolean }> {
  const [me, other] = pair(domain, address, target)
  if (!hasBlocked(domain, me.id, other.id)) {
    await domain.store.commit([{ type: 'block.added', from: me.id, to: other.id }]).durable
  }
  return { blocked: true }
}

export async function unblock(domain: Domain, address: string, target: string): Promise<{ blocked: boolean }> {
  const [me, other] = pair(domain, address, target)
  if (hasBlocked(domain, me.id, other.id)) {
    await domain.store.commit([{ type: 'block.removed', from: me.id, to: other.id }]).durable
  }
  return { blocked: false }
}

export function blockedList(domain: Domain, address: string): Account[] {
  const me = homeAccount(domain, address)
  return [...(domain.store.state.blocks.get(me.id) ?? [])].flatMap((id) => domain.store.state.accounts.get(id) ?? [])
}
