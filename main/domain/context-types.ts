import type { Policy } from '@shared/policy'
import type { Account } from '@shared/types'
import type { Store } from '../store'
import { findAccount } from '../store'
import { DomainError, notFound } from './errors'

/** What every command needs: the store and the operator's policy numbers. */
export interface Domain {
  store: Store
  policy: Policy
  /** The other nodes, when this one is part of a LAN network (main/sync); absent otherwise. */
  remote?: RemotePort
}

/** What commands need of LAN sync: a standalone node simply has no peers (docs/SYNC.md). */
export interface RemotePort {
  /**
   * Events for accounts homed on that node can reach it: it is paired with this one, or
   * reached through paired nodes (docs/SYNC.md "Beyond a full mesh").
   */
  canReach(nodeId: string): boolean
  /**
   * Sends what is queued for the node right away and resolves once it has answered (with
   * the verdict on `messageId`, when given), cannot be reached, or a short wait has passed:
   * a send's reply then usually carries the outcome.
   */
  flush(nodeId: string, messageId?: string): Promise<void>
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
