// Which addresses this node answers to and advertises. Bound to a wildcard (--host 0.0.0.0,
// for LAN use), it is reached through the machine's LAN addresses, which DHCP may change
// while it runs: they are read again every few seconds.
import { hostname, networkInterfaces } from 'node:os'

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]'])
const CACHE_MS = 5_000

export function isWildcard(host: string): boolean {
  return WILDCARDS.has(host)
}

/** Non-loopback addresses of this machine, IPv4 first (what people type and most LANs use). */
export function lanAddresses(): string[] {
  const v4: string[] = []
  const v6: string[] = []
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.internal) {
        continue
      }
      if (a.family === 'IPv4') {
        v4.push(a.address)
      }
      // Link-local IPv6 needs a zone id that URLs and Host headers cannot carry.
      else if (!a.address.toLowerCase().startsWith('fe80:')) {
        v6.push(a.address)
      }
    }
  }
  return [...v4, ...v6]
}

/** The host to print and give to peers: the bind address, or for a wildcard the first LAN address. */
export function advertisedHost(bindHost: string): string {
  const host = isWildcard(bindHost) ? (lanAddresses()[0] ?? '127.0.0.1') : bindHost
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
}

/**
 * Host names, besides loopback, that requests may be addressed to (main/server/security.ts
 * checks Host and Origin against them to stop DNS rebinding). IPv6 ones in brackets, as
 * they appear in a Host header.
 */
export function ownHostNames(bindHost: string): () => string[] {
  if (!isWildcard(bindHost)) {
    return () => [bindHost.replace(/^\[(.*)\]$/, '[$1]')]
  }
  let cached: string[] = []
  let at = -Infinity
  return () => {
    if (Date.now() - at > CACHE_MS) {
      const name = hostname().toLowerCase()
      cached = [...lanAddresses().map((a) => (a.includes(':') ? `[${a}]` : a)), name, `${name}.local`]
      at = Date.now()
    }
    return cached
  }
}
