// Requests to show the window (a second launch, a dock click, the tray, a notification) can
// arrive while the app is still starting: the session is not hardened and app:// not served
// yet, so no window may open. They are remembered and honoured once start-up is done, instead
// of being dropped. No Electron import: tested under plain Node.

export interface ShowGate {
  /** Shows the window now, or as soon as the app is ready. */
  request(reason: string): void
  /** Start-up is done: show the window (the first one, and any request made meanwhile). */
  open(): void
  /** Requests that arrived during start-up and wait for open(). */
  readonly pending: readonly string[]
}

export function createShowGate(show: () => void): ShowGate {
  let ready = false
  const pending: string[] = []
  return {
    request(reason) {
      if (ready) {
        show()
      } else {
        pending.push(reason)
      }
    },
    open() {
      if (ready) {
        return
      }
      ready = true
      // One show answers them all: the window opens once, however many asked meanwhile.
      pending.length = 0
      show()
    },
    get pending() {
      return pending
    },
  }
}
