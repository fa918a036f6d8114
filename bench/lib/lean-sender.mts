// The load of throughput rows: POSTs on keep-alive sockets written as raw HTTP/1.1, answers read
// only as far as status and length, so the bench process takes little of the CPU it shares.
import { connect } from 'node:net'
import type { Socket } from 'node:net'
import { TOKEN } from './proc.mts'

export interface Sender {
  /** POSTs the JSON text (already serialised) to /api/v1<path>; rejects unless the answer is 2xx. */
  post(path: string, json: string): Promise<void>
  close(): void
}

const HEAD_END = Buffer.from('\r\n\r\n')

/** One keep-alive connection with at most one request in flight, as node:http's agent used it. */
class Connection {
  private socket: Socket
  private pending: { resolve: () => void; reject: (e: Error) => void } | null = null
  private received: Buffer | null = null

  constructor(port: number, host: string) {
    this.socket = connect(port, host)
    this.socket.setNoDelay(true)
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk))
    this.socket.on('error', (e) => this.settle(e))
    this.socket.on('close', () => this.settle(new Error('connection closed')))
  }

  send(request: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject }
      this.socket.write(request)
    })
  }

  close(): void {
    this.socket.destroy()
  }

  private onData(chunk: Buffer): void {
    const buffer = this.received ? Buffer.concat([this.received, chunk]) : chunk
    const headEnd = buffer.indexOf(HEAD_END)
    if (headEnd < 0) {
      this.received = buffer
      return
    }
    // Node's server always sends Content-Length for these answers (no chunked encoding).
    const head = buffer.toString('latin1', 0, headEnd)
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? NaN)
    if (buffer.length < headEnd + 4 + length) {
      this.received = buffer
      return
    }
    this.received = null
    const status = Number(head.slice(9, 12))
    this.settle(status >= 200 && status < 300 ? null : new Error(`${head.split('\r\n')[0]} ${buffer.toString('utf8', headEnd + 4, headEnd + 4 + length)}`))
  }

  private settle(error: Error | null): void {
    const pending = this.pending
    this.pending = null
    if (pending && error) {
      pending.reject(error)
    } else if (pending) {
      pending.resolve()
    }
  }
}

/**
 * Up to `connections` requests in flight, one per connection; a request waits for a free
 * connection, so the load's shape is that of `connections` workers each awaiting its answer.
 */
export function sender(base: string, connections: number): Sender {
  const { hostname, port, host } = new URL(base)
  const idle: Connection[] = []
  const all: Connection[] = []
  const waiting: ((c: Connection) => void)[] = []
  const take = (): Promise<Connection> => {
    const c = idle.pop()
    if (c) {
      return Promise.resolve(c)
    }
    if (all.length < connections) {
      const fresh = new Connection(Number(port), hostname)
      all.push(fresh)
      return Promise.resolve(fresh)
    }
    return new Promise((resolve) => waiting.push(resolve))
  }
  const give = (c: Connection) => {
    const next = waiting.shift()
    if (next) {
      next(c)
    } else {
      idle.push(c)
    }
  }
  const fixed = `Host: ${host}\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/json\r\nContent-Length: `
  return {
    async post(path, json) {
      const c = await take()
      try {
        await c.send(`POST /api/v1${path} HTTP/1.1\r\n${fixed}${Buffer.byteLength(json)}\r\n\r\n${json}`)
      } finally {
        give(c)
      }
    },
    close: () => all.forEach((c) => c.close()),
  }
}
