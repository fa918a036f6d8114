// Stops the node on every way out of the desktop app, once: a normal quit (`will-quit`),
// Windows ending the session (`query-session-end`/`session-end` on the window, when no
// `will-quit` comes) and Linux/macOS shutting down (powerMonitor `shutdown`). Bounded in time,
// so a stuck node never keeps a zombie app alive. No Electron import: tested under plain Node.
import type { Logger } from '../lib/logger'

export interface ShutdownDeps {
  /** Stops the node: peer links, the HTTP listener, then the store (closed last). */
  stopNode(): Promise<void>
  /** Lets the app end once the node has stopped (app.quit()). */
  quit(): void
  /** Upper bound on stopNode before quitting anyway. */
  timeoutMs: number
  log: Logger
}

export interface Shutdown {
  /** True once stopNode has finished or timed out: a `will-quit` may then go ahead. */
  readonly finished: boolean
  /** Starts the stop (the first call only; later calls share it), then quits. */
  run(reason: string): Promise<void>
}

export function createShutdown(deps: ShutdownDeps): Shutdown {
  let running: Promise<void> | null = null
  let finished = false

  async function stopThenQuit(reason: string): Promise<void> {
    deps.log.info(`stopping the node (${reason})`)
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<'timed out'>((done) => {
      timer = setTimeout(() => done('timed out'), deps.timeoutMs)
    })
    const stop = deps.stopNode().then(
      () => 'stopped' as const,
      (err: unknown) => {
        deps.log.error('the node did not stop cleanly', { error: err })
        return 'failed' as const
      },
    )
    const outcome = await Promise.race([stop, timeout])
    clearTimeout(timer)
    if (outcome === 'stopped') {
      deps.log.info('node stopped, store closed')
    } else if (outcome === 'timed out') {
      deps.log.error(`the node did not stop within ${deps.timeoutMs} ms; quitting anyway`)
    }
    finished = true
    deps.quit()
  }

  return {
    get finished() {
      return finished
    },
    run(reason) {
      running ??= stopThenQuit(reason)
      return running
    },
  }
}
