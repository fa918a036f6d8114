import type { Policy } from '@shared/policy'
import type { Account } from '@shared/types'
import type { DomainEvent, StoredMessage, Store } from '../store'
import { findAccount } from '../store'
import { DomainError, notFound } from './errors'

/** What every command needs: the store and the operator's policy numbers. */
export interface Domain {
  store: Store
  policy: Policy
  /** The other nodes, when this one is part of a LAN network (main/sync); absent otherwise. */
  remote?: RemotePort
  /**
   * Events to commit together with a message delivered to an account homed here, in the same
   * atomic append (a business's auto-message decisions, main/outreach/business). Given the
   * message before it is stored.
   */
  onDelivery?: (message: StoredMessage) => DomainEvent[]
}

/** What commands need of LAN sync: a standalone node simply has no peers (docs/SYNC.md). */
export interface RemotePort {
  /** The node is paired with this one, so events for accounts homed there can reach it. */
  isPeer(nodeId: string): boolean
  /**
   * Sends what is queued for the node right away and resolves once it has answered, cannot
   * be reached, or a short wait has passed: a send's reply then usually carries the outcome.
   */
  flush(nodeId: string): Promise<void>
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
