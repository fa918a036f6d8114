// URL policy for the window: where it may navigate, what may leave for the system
// browser, and the response headers that carry the app's CSP (shared/app-origin.ts).
// Pure (no runtime 'electron' import) so every rule is unit-tested under plain Node.
import { CONTENT_SECURITY_POLICY } from '@shared/app-origin'

/** Schemes whose URLs have a real (host-based) origin we can compare. */
const ORIGIN_SCHEMES = new Set(['http:', 'https:', 'app:'])
/** The only schemes handed to the operating system (Element's safeOpenURL). */
const EXTERNAL_SCHEMES = new Set(['http:', 'https:', 'mailto:'])
/** Longer URLs are refused: no real link needs more, and some OS handlers choke on them. */
const MAX_EXTERNAL_URL_LENGTH = 4096

function parse(raw: unknown): URL | null {
  if (typeof raw !== 'string') {
    return null
  }
  try {
    return new URL(raw)
  } catch {
    return null
  }
}

/**
 * `scheme://host[:port]` of a URL, or null when it has no comparable origin.
 * Computed by hand because Node's URL reports the origin of non-special schemes such
 * as our registered `app://` as the opaque "null", while Chromium treats it as a real
 * origin (the scheme is registered as standard).
 */
export function originOf(raw: unknown): string | null {
  const url = parse(raw)
  if (url == null || !ORIGIN_SCHEMES.has(url.protocol)) {
    return null
  }
  if (url.hostname === '' || url.username !== '' || url.password !== '') {
    return null
  }
  return `${url.protocol}//${url.host.toLowerCase()}`
}

/** True when both URLs have the same comparable origin (never for opaque origins). */
export function isSameOrigin(a: unknown, b: unknown): boolean {
  const left = originOf(a)
  return left != null && left === originOf(b)
}

/** The window may only ever show the app's own pages. */
export function isAllowedNavigation(url: string, appOrigin: string): boolean {
  return isSameOrigin(url, appOrigin)
}

/**
 * The URL to hand to `shell.openExternal`, or null when it must not leave the app.
 * Returns the re-serialised parsed URL so what the OS receives is exactly what we checked.
 */
export function safeExternalUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > MAX_EXTERNAL_URL_LENGTH) {
    return null
  }
  const url = parse(raw)
  if (url == null || !EXTERNAL_SCHEMES.has(url.protocol)) {
    return null
  }
  // user:pass@ is how phishing links disguise their real host.
  if (url.username !== '' || url.password !== '') {
    return null
  }
  if (url.protocol !== 'mailto:' && url.hostname === '') {
    return null
  }
  if (url.protocol === 'mailto:' && url.pathname === '') {
    return null
  }
  return url.href
}

/**
 * Response headers with our CSP replacing any the response carried (header names are
 * case-insensitive, so a lower-case duplicate must not survive beside ours).
 */
export function headersWithCsp(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') {
      out[name] = value
    }
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY]
  return out
}
