// Display helpers for the Network pane (docs/PRODUCT.md 8): addresses, fingerprints, ages, countdowns.

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
/** A pairing code is valid 10 minutes (docs/SYNC.md "Pairing"). */
export const CODE_LIFETIME_MS = 10 * MINUTE

/**
 * What people paste as "the other node's address", reduced to the origin the node expects
 * (`http://HOST:PORT`, as its `listening on` line prints it). A pasted sign-in link loses its
 * path and `#code=` fragment, so a sign-in code is never sent to another node.
 */
export function normalizeNodeAddress(input: string): string {
  const raw = input.trim()
  if (!raw) {
    return ''
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`
  try {
    const url = new URL(withScheme)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return raw
    }
    return url.origin
  } catch {
    return raw
  }
}

/** Whether an advertised address only reaches this computer (the node binds loopback). */
export function isLoopbackAddress(url: string): boolean {
  let host: string
  try {
    host = new URL(url).hostname.toLowerCase()
  } catch {
    return false
  }
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

/**
 * Whether this node binds the LAN. The node says so (peer-info `lan`); an older node that does
 * not is judged by its advertised address (a LAN bind advertises a LAN address).
 */
export function isOnLan(self: { url: string; lan?: boolean }): boolean {
  return self.lan ?? !isLoopbackAddress(self.url)
}

/** "AB:CD:EF:01…89:AB" — enough to compare by eye; the full one goes in a tooltip. */
export function shortFingerprint(fp: string): string {
  const parts = fp.split(':')
  if (parts.length <= 8) {
    return fp
  }
  return `${parts.slice(0, 4).join(':')}…${parts.slice(-2).join(':')}`
}

/** "just now", "42 s ago", "3 min ago", "2 h ago", "5 days ago"; "never" for null. */
export function relativeAge(iso: string | null, now: number): string {
  if (!iso) {
    return 'never'
  }
  const at = new Date(iso).getTime()
  if (Number.isNaN(at)) {
    return 'never'
  }
  const age = Math.max(0, now - at)
  if (age < 5 * SECOND) {
    return 'just now'
  }
  if (age < MINUTE) {
    return `${Math.floor(age / SECOND)} s ago`
  }
  if (age < HOUR) {
    return `${Math.floor(age / MINUTE)} min ago`
  }
  if (age < DAY) {
    return `${Math.floor(age / HOUR)} h ago`
  }
  const days = Math.floor(age / DAY)
  return days === 1 ? '1 day ago' : `${days} days ago`
}

/** "9:05" for the time left, never negative. */
export function countdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / SECOND))
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`
}

/** "In sync", "1 event behind", "12 events behind". */
export function behindLabel(events: number): string {
  if (events <= 0) {
    return 'In sync'
  }
  return events === 1 ? '1 event behind' : `${events.toLocaleString('en')} events behind`
}
