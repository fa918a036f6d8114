// The local server is an attack surface (docs/ARCHITECTURE.md "Security"): Host/Origin checks against DNS
// rebinding, CORS only for our own origins, and a constant-time bearer check.
import { APP_ORIGIN } from '@shared/app-origin'
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

/** The last Host header found to name loopback: every request of a client repeats it. */
let lastLoopbackHost: string | undefined

export function isOwnHost(hostHeader: string | undefined, policy: HostPolicy): boolean {
  if (!hostHeader) {
    return false
  }
  if (hostHeader === lastLoopbackHost) {
    return true
  }
  const name = hostnameOf(hostHeader)
  if (LOOPBACK_HOSTS.has(name)) {
    lastLoopbackHost = hostHeader
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

/**
 * Why a request is refused as not addressed to this node (403 FORBIDDEN_HOST), or undefined:
 * Host (and Origin, when present) must be this node's own.
 */
export function hostRefusal(host: string | undefined, origin: string | undefined, policy: HostPolicy): string | undefined {
  if (!isOwnHost(host, policy) || (origin !== undefined && origin !== 'null' && !isOwnOrigin(origin, policy))) {
    return 'This node answers only requests addressed to itself.'
  }
  return origin === 'null' ? 'Requests from opaque origins are refused.' : undefined
}

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/

/**
 * Whether the Authorization header carries a token `accepts` takes. `accepts` compares in
 * constant time (the stock bearerAuth hashes both tokens per request, which measured at ~40 %
 * of Hono's throughput here), and knows sessions made from a one-time sign-in code too.
 */
export function bearerAccepted(header: string | undefined, accepts: (token: string) => boolean): boolean {
  const match = header === undefined ? null : BEARER.exec(header)
  return match !== null && accepts(match[1])
}
