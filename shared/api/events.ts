// A live event subscription over fetch (EventSource cannot send an Authorization header).
// It reconnects by itself with backoff after sleep or a network drop and resumes with
// Last-Event-ID, so nothing is missed and, with the id check below, nothing is seen twice.
import { createParser } from 'eventsource-parser'
import type { EventSourceMessage } from 'eventsource-parser'
import type { ClientEvent } from '../types'
import type { TokenSource } from './http'
import { apiRoot, fetcherOf, withBearer } from './http'

export interface EventStreamOptions {
  baseUrl: string
  token: TokenSource
  onEvent: (event: ClientEvent) => void
  /** 'live' once connected, 'reconnecting' while it retries. */
  onStatus?: (status: 'connecting' | 'live' | 'reconnecting' | 'closed') => void
  /** The node's log is behind the client's last id (its data folder was reset): refetch everything. */
  onReset?: () => void
  /** Only the events of these accounts (and profile changes); default: every event of the node. */
  accounts?: readonly string[]
  /** Resume after this seq (e.g. from a previous session); default: from now. */
  lastEventId?: number
  fetch?: typeof fetch
  maxBackoffMs?: number
}

export interface EventStream {
  close(): void
  readonly lastEventId: number | undefined
}

export function openEventStream(options: EventStreamOptions): EventStream {
  const doFetch = fetcherOf(options.fetch)
  const maxBackoff = options.maxBackoffMs ?? 15_000
  let lastId = options.lastEventId
  let closed = false
  let controller: AbortController | null = null
  let backoff = 500

  /** One parsed event: `ready` (re)starts the stream; others are delivered once, in seq order. */
  const take = (raw: EventSourceMessage): void => {
    const seq = raw.id !== undefined && /^\d+$/.test(raw.id) ? Number(raw.id) : undefined
    if (raw.event === 'ready') {
      if (seq !== undefined && (lastId === undefined || seq < lastId)) {
        if (lastId !== undefined) {
          options.onReset?.()
        }
        lastId = seq
      }
      backoff = 500
      options.onStatus?.('live')
      return
    }
    if (seq !== undefined && lastId !== undefined && seq <= lastId) {
      return
    }
    if (seq !== undefined) {
      lastId = seq
    }
    try {
      options.onEvent(JSON.parse(raw.data) as ClientEvent)
    } catch {
      // A bad event must not end the stream; the next redraw fetches fresh state.
    }
  }

  const run = async () => {
    while (!closed) {
      options.onStatus?.(lastId === undefined ? 'connecting' : 'reconnecting')
      controller = new AbortController()
      try {
        const headers = withBearer({ Accept: 'text/event-stream' }, options.token)
        if (lastId !== undefined) {
          headers['Last-Event-ID'] = String(lastId)
        }
        const only = options.accounts?.length ? `?accounts=${options.accounts.map(encodeURIComponent).join(',')}` : ''
        const response = await doFetch(`${apiRoot(options.baseUrl)}/events${only}`, { headers, signal: controller.signal })
        if (!response.ok || !response.body) {
          throw new Error(`event stream answered ${response.status}`)
        }
        const reader = response.body.getReader()
        const decoder = new TextDecoder()
        // Frames, fields, comments and line endings per the SSE spec: eventsource-parser's job.
        const parser = createParser({ onEvent: take })
        for (;;) {
          const { value, done } = await reader.read()
          if (done) {
            break
          }
          parser.feed(decoder.decode(value, { stream: true }))
        }
      } catch {
        // Network drop, sleep, node restart: fall through to the retry below.
      }
      if (closed) {
        break
      }
      options.onStatus?.('reconnecting')
      await new Promise((resolve) => setTimeout(resolve, backoff))
      backoff = Math.min(maxBackoff, backoff * 2)
    }
    options.onStatus?.('closed')
  }
  void run()
  return {
    close() {
      closed = true
      controller?.abort()
    },
    get lastEventId() {
      return lastId
    },
  }
}
