// Which browser permissions the app's pages get: none, except the few below and only
// for our own origin. Pure so the table is tested without Electron.
import { isSameOrigin } from './navigation'

const ALLOWED_PERMISSIONS = new Set([
  'notifications',
  // Chromium's Local Network Access gates requests from a non-loopback page (app://)
  // to 127.0.0.1 behind these permissions; the renderer must reach its own node there.
  // Safe to grant: the CSP's connect-src already limits the page to 'self' and loopback.
  'loopback-network',
  'local-network-access',
  // Copy buttons (pairing code, addresses) write plain text; reading the clipboard stays denied.
  'clipboard-sanitized-write',
])

export function isPermissionAllowed(permission: string, requestingUrl: string, appOrigin: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isSameOrigin(requestingUrl, appOrigin)
}
