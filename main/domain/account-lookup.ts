// Finding the account a command names: any known account, or one homed on this node.
import type { Account } from '@shared/types'
import type { Domain } from './domain'
import { DomainError, notFound } from './errors'

/** An account any node knows, by id or @handle; 404 otherwise. */
export function knownAccount(domain: Domain, address: string): Account {
  const account = domain.store.findAccount(address)
  if (!account) {
    throw notFound(`The account ${address}`)
  }
  return account
}

/** Commands for an account run only on its home node (docs/SYNC.md "Model"). */
export function homeAccount(domain: Domain, address: string): Account {
  const account = knownAccount(domain, address)
  if (account.homeNodeId !== domain.store.nodeId) {
    throw new DomainError(409, 'NOT_HOME', `@${account.handle} lives on another node; act on it there.`, { home: account.homeNodeId })
  }
  return account
}
