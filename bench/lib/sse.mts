// A lean SSE reader for load tests: one node:http request per stream, `data:` lines parsed
// as they arrive, each event handed over with the time it arrived.
import { request } from 'node:http'
import type { ClientRequest } from 'node:http'
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

export function openStream(base: string, onEvent: (e: SseEvent, at: number) => void, accounts?: string[]): Stream {
  const url = new URL(`/api/v1/events${accounts ? `?accounts=${accounts.join(',')}` : ''}`, base)
  let req: ClientRequest
  const ready = new Promise<void>((resolve, reject) => {
    req = request(url, { headers: { Authorization: `Bearer ${TOKEN}`, Accept: 'text/event-stream' } }, (res) => {
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
    req.on('error', (e) => (e.message === 'aborted' ? undefined : reject(e)))
    req.end()
  })
  return { ready, close: () => req.destroy() }
}
