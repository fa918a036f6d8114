// GET /api/v1/events: the live stream every client redraws from (docs/API.md "Events").
// Pull model: the loop sends whatever is durable after the last id it sent, and a store
// listener only wakes it. So a reconnect with Last-Event-ID gets what it missed, in order,
// nothing twice, and a slow client never makes the node buffer without bound.
import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { ServerDeps } from '../deps'
import { presentEvent } from '../present'

const HEARTBEAT_MS = 15_000
const CHUNK = 500

export function eventRoutes({ domain, logger }: ServerDeps) {
  const { store } = domain
  return new Hono().get('/', (c) => {
    const raw = c.req.header('Last-Event-ID') ?? c.req.query('lastEventId')
    const resumeFrom = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : null
    return streamSSE(
      c,
      async (stream) => {
        // An id beyond this node's log comes from another data folder (reset or restored):
        // start from now and say so, rather than wait silently for the log to catch up.
        const reset = resumeFrom !== null && resumeFrom > store.durableSeq
        let sent = resumeFrom === null || reset ? store.durableSeq : resumeFrom
        let wake: (() => void) | null = null
        let closed = false
        const unsubscribe = store.subscribe(() => wake?.())
        stream.onAbort(() => {
          closed = true
          unsubscribe()
          wake?.()
        })
        // Tell the client where it stands, so it can resume even before any event arrives.
        await stream.writeSSE({ id: String(sent), event: 'ready', data: JSON.stringify({ type: 'ready', seq: sent, reset }), retry: 2000 })
        while (!closed) {
          const batch = store.eventsAfter(sent, CHUNK)
          for (const event of batch) {
            const data = presentEvent(store, event, store.nodeId)
            if (data) {
              await stream.writeSSE({ id: String(event.seq), data: JSON.stringify(data) })
            }
            sent = event.seq
          }
          if (batch.length > 0) {
            continue
          }
          let timer: NodeJS.Timeout | undefined
          const woke = await new Promise<boolean>((resolve) => {
            wake = () => resolve(true)
            timer = setTimeout(() => resolve(false), HEARTBEAT_MS)
          })
          clearTimeout(timer)
          wake = null
          if (!woke && !closed) {
            await stream.write(': keep-alive\n\n')
          }
        }
      },
      async (err) => {
        logger.warn('event stream ended with an error', { error: err.message })
      },
    )
  })
}
