// Waiting for the recipient home's verdict on one of our sends when it travels back as an
// event (through a relay) rather than in the answer to our push.
import type { Store } from '../store'

/** Resolves once the message is no longer pending here, or after `ms`. */
export function waitForVerdict(store: Store, messageId: string, ms: number): Promise<void> {
  const decided = () => store.message(messageId)?.delivery !== 'pending'
  if (ms <= 0 || decided()) {
    return Promise.resolve()
  }
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      unsubscribe()
      resolve()
    }
    const timer = setTimeout(done, ms)
    const unsubscribe = store.subscribe(() => {
      if (decided()) {
        done()
      }
    })
  })
}
