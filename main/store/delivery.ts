// Named queries sync needs about one message's delivery and one account's home, so that
// code outside the store does not read its in-memory structures.
import type { MessageDelivery } from '@shared/types'
import type { Store } from './store'

/** The delivery of a message this node holds: 'pending' until its recipient's home decided. */
export function deliveryOf(store: Store, messageId: string): MessageDelivery | undefined {
  return store.state.messageIndex.get(messageId)?.delivery
}

/** The home node of an account this node knows. */
export function homeNodeOf(store: Store, accountId: string): string | undefined {
  return store.state.accounts.get(accountId)?.homeNodeId
}

/** Resolves once the message is no longer pending here, or after `ms`. */
export function waitForVerdict(store: Store, messageId: string, ms: number): Promise<void> {
  if (ms <= 0 || deliveryOf(store, messageId) !== 'pending') return Promise.resolve()
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      unsubscribe()
      resolve()
    }
    const timer = setTimeout(done, ms)
    const unsubscribe = store.subscribe(() => {
      if (deliveryOf(store, messageId) !== 'pending') done()
    })
  })
}
