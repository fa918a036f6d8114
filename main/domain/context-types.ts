import type { Policy } from '@shared/policy'
import type { Account } from '@shared/types'
import type { Store } from '../store'
import { findAccount } from '../store'
import { DomainError, notFound } from './errors'

/** What every command needs: the store and the operator's policy numbers. */
export interface Domain {
  store: Store
  policy: Policy
}

/** An account any node knows, by id or @handle; 404 otherwise. */
export function knownAccount(domain: Domain, address: string): Account {
  const account = findAccount(domain.store.state, address)
  if (!account) throw notFound(`The account ${address}`)
  return account
}

/** Commands for an account run only on its home node (ARCHITECTURE.md). */
export function homeAccount(domain: Domain, address: string): Account {
  const account = knownAccount(domain, address)
  if (account.homeNodeId !== domain.store.nodeId) {
    throw new DomainError(409, 'NOT_HOME', `@${account.handle} lives on another node; act on it there.`, { home: account.homeNodeId })
  }
  return account
}
