// The local server is an attack surface (docs/ARCHITECTURE.md "Security"): Host/Origin checks against DNS
// rebinding, CORS only for our own origins, and a constant-time bearer check.
import type { MiddlewareHandler } from 'hono'
import { APP_ORIGIN } from '@shared/app-origin'
import { sendError } from '../http/errors'
import { LOOPBACK_HOSTS } from '../lib/loopback'

function hostnameOf(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase()
  if (h.startsWith('[')) {
    return h.slice(0, h.indexOf(']') + 1)
  }
  return h.split(':')[0]
}

export interface HostPolicy {
  /** Extra host names this node answers to (its LAN address when bound to one). */
  extraHosts: () => Iterable<string>
}

export function isOwnHost(hostHeader: string | undefined, policy: HostPolicy): boolean {
  if (!hostHeader) {
    return false
  }
  const name = hostnameOf(hostHeader)
  if (LOOPBACK_HOSTS.has(name)) {
    return true
  }
  for (const extra of policy.extraHosts()) {
    if (extra.toLowerCase() === name) {
      return true
    }
  }
  return false
}

export function isOwnOrigin(origin: string, policy: HostPolicy): boolean {
  if (origin === APP_ORIGIN) {
    return true
  }
  try {
    const url = new URL(origin)
    return (url.protocol === 'http:' || url.protocol === 'https:') && isOwnHost(url.host, policy)
  } catch {
    return false
  }
}

/** 403 FORBIDDEN_HOST unless Host (and Origin, when present) are this node's own. */
export function hostGuard(policy: HostPolicy): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('Origin')
    if (!isOwnHost(c.req.header('Host'), policy) || (origin !== undefined && origin !== 'null' && !isOwnOrigin(origin, policy))) {
      return sendError(c, 403, 'FORBIDDEN_HOST', 'This node answers only requests addressed to itself.')
    }
    if (origin === 'null') {
      return sendError(c, 403, 'FORBIDDEN_HOST', 'Requests from opaque origins are refused.')
    }
    return next()
  }
}

/**
 * Bearer auth with a constant-time comparison (the stock bearerAuth hashes both tokens per
 * request, which measured at ~40 % of Hono's throughput here). `accepts` decides validity
 * so sessions made from a one-time sign-in code work too.
 */
export function bearerGuard(accepts: (token: string) => boolean): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header('Authorization') ?? ''
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header)
    if (!match || !accepts(match[1])) {
      c.header('WWW-Authenticate', 'Bearer realm="envelope"')
      return sendError(c, 401, 'UNAUTHENTICATED', 'A valid bearer token is required.')
    }
    return next()
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Mutating requests must carry JSON (a form post from another site cannot), and JSON is
 * UTF-8: bytes that are not would otherwise be stored silently as U+FFFD (R14 keeps text
 * exactly as sent, so it is refused instead).
 */
export const jsonOnly: MiddlewareHandler = async (c, next) => {
  const method = c.req.method
  if (method === 'POST' || method === 'PATCH' || method === 'PUT') {
    const type = (c.req.header('Content-Type') ?? '').split(';')[0].trim().toLowerCase()
    const length = c.req.header('Content-Length')
    const hasBody = (length !== undefined && length !== '0') || c.req.header('Transfer-Encoding') !== undefined
    if (hasBody && type !== 'application/json') {
      return sendError(c, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json.')
    }
    if (hasBody) {
      const bytes = await c.req.arrayBuffer()
      try {
        // Cached as text: the JSON validator reads text, and would otherwise turn the cached
        // bytes back into text through a whole fetch Response per request (measured hot).
        // (Hono keeps promises there, whatever its type says.)
        ;(c.req.bodyCache as Record<string, unknown>).text = Promise.resolve(strictUtf8.decode(bytes))
      } catch {
        return sendError(c, 400, 'INVALID_INPUT', 'The request body is not valid UTF-8 text.')
      }
    }
  }
  return next()
}
