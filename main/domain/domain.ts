// What every domain command is given: the store, the operator's policy, and (on a LAN) the other nodes.
import type { Policy } from '@shared/policy'
import type { DomainEvent, StoredMessage, Store } from '../store'

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
