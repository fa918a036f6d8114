// Outbound peer requests: HTTPS to the peer's endpoint, trusting exactly one certificate,
// the one whose fingerprint was pinned at pairing. The TLS connection is made and its
// certificate checked before a single byte of the request is written; only then does the
// HTTP request go out over that socket. (Node skips checkServerIdentity for a self-signed
// certificate when rejectUnauthorized is false, so the check cannot live there.)
import { request } from 'node:https'
import { connect } from 'node:tls'
import type { TLSSocket } from 'node:tls'
import { normalizeFingerprint } from './identity'

export interface PeerEndpoint {
  peerUrl: string
  fingerprint: string
}

export interface PeerCall {
  method: 'GET' | 'POST'
  path: string
  body?: unknown
  /** The body already serialised (it was signed as these exact bytes). */
  rawBody?: string
  headers?: Record<string, string>
  timeoutMs?: number
  signal?: AbortSignal
}

/** The peer could not be reached, or did not answer in time. */
export class PeerUnreachable extends Error {
  override readonly name = 'PeerUnreachable'
}

/** The endpoint presented another certificate than the pinned one. */
export class PeerUntrusted extends Error {
  override readonly name = 'PeerUntrusted'
}

/** The peer answered with an error. */
export class PeerRefused extends Error {
  override readonly name = 'PeerRefused'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

const MAX_RESPONSE_BYTES = 32 * 1024 * 1024
const DEFAULT_TIMEOUT_MS = 10_000

function target(peerUrl: string): { host: string; port: number } {
  const url = new URL(peerUrl)
  if (url.protocol !== 'https:') {
    throw new PeerUnreachable(`${peerUrl} is not an https URL.`)
  }
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 443) }
}

/** An endpoint's parts as the requests use them, worked out from its URL and fingerprint. */
interface Parsed {
  /** The URL and fingerprint they came from: a record changed in place (a new port) is parsed again. */
  peerUrl: string
  fingerprint: string
  pin: string
  host: string
  port: number
  /** The idle-connection pool's key: endpoint and pin. */
  key: string
}

/** Parsed once per peer record (a link sends every request with the same one), not per request. */
const parsedEndpoints = new WeakMap<PeerEndpoint, Parsed>()

/** The endpoint's pin and address, or the error a request to it fails with (not kept: those are rare). */
function parse(endpoint: PeerEndpoint): Parsed {
  const { peerUrl, fingerprint } = endpoint
  const cached = parsedEndpoints.get(endpoint)
  if (cached !== undefined && cached.peerUrl === peerUrl && cached.fingerprint === fingerprint) {
    return cached
  }
  const pin = normalizeFingerprint(fingerprint)
  if (!pin) {
    throw new PeerUntrusted('No valid fingerprint is pinned for this peer.')
  }
  const { host, port } = target(peerUrl)
  const parsed = { peerUrl, fingerprint, pin, host, port, key: `${host}:${port}:${pin}` }
  parsedEndpoints.set(endpoint, parsed)
  return parsed
}

function pinnedSocket(host: string, port: number, pin: string, signal: AbortSignal): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, rejectUnauthorized: false, ALPNProtocols: ['http/1.1'] })
    const abort = () => socket.destroy(new PeerUnreachable('The request was cancelled.'))
    signal.addEventListener('abort', abort, { once: true })
    socket.once('secureConnect', () => {
      signal.removeEventListener('abort', abort)
      const seen = normalizeFingerprint(socket.getPeerCertificate().fingerprint256 ?? '')
      if (seen !== pin) {
        socket.destroy()
        reject(new PeerUntrusted(`The node at ${host}:${port} presented certificate ${seen ?? 'none'}, not the pinned ${pin}.`))
      } else {
        resolve(socket)
      }
    })
    socket.once('error', (err) => {
      signal.removeEventListener('abort', abort)
      reject(err instanceof PeerUnreachable ? err : new PeerUnreachable(`${host}:${port} cannot be reached (${err.message}).`))
    })
  })
}

/**
 * Verified connections kept open between requests, per endpoint and pin: a TLS handshake
 * per push costs more than the push itself. A socket is taken out while in use and put
 * back when its answer has been read; one idle longer than IDLE_REUSE_MS is not reused (the
 * peer's server closes idle ones after 5 s, and a request must not race that close).
 */
const IDLE_REUSE_MS = 3_000
const idleSockets = new Map<string, { socket: TLSSocket; since: number }[]>()
/** Sockets that already listen for their close (once per socket, not once per request). */
const pooled = new WeakSet<TLSSocket>()

function takeIdle(key: string): TLSSocket | null {
  const list = idleSockets.get(key)
  while (list && list.length > 0) {
    const { socket, since } = list.pop()!
    if (!socket.destroyed && socket.writable && Date.now() - since < IDLE_REUSE_MS) {
      socket.ref()
      return socket
    }
    socket.destroy()
  }
  return null
}

function putIdle(key: string, socket: TLSSocket): void {
  if (socket.destroyed || !socket.writable) {
    return
  }
  // Idle sockets do not keep the process alive, and one the peer closes leaves the pool.
  socket.unref()
  const list = idleSockets.get(key) ?? []
  idleSockets.set(key, list)
  list.push({ socket, since: Date.now() })
  if (!pooled.has(socket)) {
    pooled.add(socket)
    socket.once('close', () => {
      const i = list.findIndex((e) => e.socket === socket)
      if (i >= 0) {
        list.splice(i, 1)
      }
    })
  }
}

/** One request; resolves with the JSON body of a 2xx answer, rejects with one of the errors above. */
export async function peerRequest<T>(endpoint: PeerEndpoint, call: PeerCall): Promise<T> {
  const { pin, host, port, key } = parse(endpoint)
  const controller = new AbortController()
  const timeoutMs = call.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  const onOuterAbort = () => controller.abort()
  call.signal?.addEventListener('abort', onOuterAbort, { once: true })
  try {
    const socket = takeIdle(key) ?? (await pinnedSocket(host, port, pin, controller.signal))
    const body = call.rawBody ?? (call.body === undefined ? '' : JSON.stringify(call.body))
    return await new Promise<T>((resolve, reject) => {
      const req = request(
        {
          method: call.method,
          host,
          port,
          path: call.path,
          createConnection: () => socket,
          headers: { ...call.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), connection: 'keep-alive' },
        },
        (res) => {
          // Node frees a kept-alive socket once the answer is read and the request written.
          socket.once('free', () => putIdle(key, socket))
          const chunks: Buffer[] = []
          let size = 0
          res.on('data', (chunk: Buffer) => {
            size += chunk.length
            if (size > MAX_RESPONSE_BYTES) {
              req.destroy(new PeerUnreachable('The peer answered with too much data.'))
            } else {
              chunks.push(chunk)
            }
          })
          res.on('end', () => {
            let data: unknown
            try {
              data = JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null')
            } catch {
              return reject(new PeerUnreachable('The peer answered with something that is not JSON.'))
            }
            const status = res.statusCode ?? 0
            if (status >= 200 && status < 300) {
              return resolve(data as T)
            }
            const err = (data as { error?: { code?: string; message?: string } } | null)?.error
            reject(new PeerRefused(status, err?.code ?? 'HTTP_ERROR', err?.message ?? `The peer answered ${status}.`))
          })
          res.on('error', (e) => reject(new PeerUnreachable(e.message)))
        },
      )
      controller.signal.addEventListener('abort', () => req.destroy(new PeerUnreachable(`No answer from ${host}:${port} within ${timeoutMs} ms.`)), { once: true })
      req.on('error', (e) => reject(e instanceof PeerUnreachable ? e : new PeerUnreachable(e.message)))
      req.end(body)
    })
  } catch (err) {
    if (controller.signal.aborted && !(err instanceof PeerUntrusted)) {
      throw new PeerUnreachable(call.signal?.aborted ? 'The request was cancelled.' : `No answer from ${host}:${port} within ${timeoutMs} ms.`)
    }
    throw err
  } finally {
    clearTimeout(timer)
    call.signal?.removeEventListener('abort', onOuterAbort)
  }
}
