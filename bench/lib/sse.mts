// Lean SSE readers for load tests, one node:http request per stream: openStream parses `data:`
// lines as they arrive and hands each event over with the time it arrived; countEvents only
// counts the events whose bytes match, for throughput rows.
import { request } from 'node:http'
import type { ClientRequest, IncomingMessage } from 'node:http'
import { TOKEN } from './proc.mts'

export interface SseEvent {
  type: string
  seq: number
  conversationId?: string
  message?: { id: string; from: string; to: string; text: string }
}

export interface Stream {
  ready: Promise<void>
  close(): void
}

/**
 * One GET /events request for `accounts` (every account when absent); `onResponse` reads the
 * stream and calls its `ready` once the node's ready event has come.
 */
function eventRequest(base: string, accounts: string[] | undefined, onResponse: (res: IncomingMessage, ready: () => void) => void): Stream {
  const url = new URL(`/api/v1/events${accounts ? `?accounts=${accounts.join(',')}` : ''}`, base)
  let req: ClientRequest
  const ready = new Promise<void>((resolve, reject) => {
    req = request(url, { headers: { Authorization: `Bearer ${TOKEN}`, Accept: 'text/event-stream' } }, (res) => onResponse(res, resolve))
    req.on('error', (e) => (e.message === 'aborted' ? undefined : reject(e)))
    req.end()
  })
  return { ready, close: () => req.destroy() }
}

export function openStream(base: string, onEvent: (e: SseEvent, at: number) => void, accounts?: string[]): Stream {
  return eventRequest(base, accounts, (res, resolve) => {
    let buffer = ''
    res.setEncoding('utf8')
    res.on('data', (chunk: string) => {
      const at = performance.now()
      buffer += chunk
      let end: number
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        if (block.includes('event: ready')) {
          resolve()
          continue
        }
        const data = block.indexOf('data: ')
        if (data >= 0) {
          onEvent(JSON.parse(block.slice(data + 6)) as SseEvent, at)
        }
      }
    })
  })
}

const EVENT_END = Buffer.from('\n\n')
const READY = Buffer.from('event: ready')

/**
 * A counting SSE reader for throughput rows: it calls `onMatch` for each event whose bytes
 * contain every one of `needles`, found with Buffer.indexOf on the bytes as they arrive: no
 * string decoding, concatenation or JSON.parse of events it only counts, so the bench's
 * CPU per delivered message stays small beside the node's.
 */
export function countEvents(base: string, accounts: string[], needles: string[], onMatch: () => void): Stream {
  const wanted = needles.map((n) => Buffer.from(n))
  return eventRequest(base, accounts, (res, resolve) => {
    // Bytes of an event cut off at the end of the last chunk (rare: the node writes whole events).
    let rest: Buffer | null = null
    res.on('data', (chunk: Buffer) => {
      const buffer = rest ? Buffer.concat([rest, chunk]) : chunk
      let start = 0
      let end: number
      while ((end = buffer.indexOf(EVENT_END, start)) >= 0) {
        const event = buffer.subarray(start, end)
        start = end + 2
        if (wanted.every((w) => event.indexOf(w) >= 0)) {
          onMatch()
        } else if (event.indexOf(READY) >= 0) {
          resolve()
        }
      }
      rest = start < buffer.length ? buffer.subarray(start) : null
    })
  })
}
