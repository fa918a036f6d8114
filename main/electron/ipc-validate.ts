// Checks on everything that arrives over IPC. The renderer is treated as untrusted:
// a compromised page must not be able to spoof notifications of arbitrary size or
// drive the badge with junk. Pure, so the rules are unit-tested without Electron.
import { IPC_LIMITS, type EnvelopeNotification, type LanRequest } from '@shared/ipc'
import { isSameOrigin } from './navigation'

/** The parts of Electron's WebFrameMain the sender check needs. */
export interface SenderFrame {
  url: string
  parent: unknown
}

/** Only the app's own top-level page may talk to the main process. */
export function isTrustedSender(frame: SenderFrame | null | undefined, appOrigin: string): boolean {
  if (frame == null || frame.parent != null) {
    return false
  }
  return isSameOrigin(frame.url, appOrigin)
}

// C0/C1 control characters (newlines handled separately), which some notification
// daemons render as garbage or interpret.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g

function clean(text: string, max: number, keepNewlines: boolean): string {
  let out = text.replace(CONTROL, '')
  if (!keepNewlines) {
    out = out.replace(/\n/g, ' ')
  }
  out = out.trim()
  // Cap by code points so a surrogate pair is never cut in half.
  const chars = Array.from(out)
  return chars.length <= max ? out : `${chars.slice(0, max - 1).join('')}…`
}

/** A clean notification, or null when the payload is not one. Over-long text is cut. */
export function parseNotification(raw: unknown): EnvelopeNotification | null {
  if (raw == null || typeof raw !== 'object' || Array.isArray(raw)) {
    return null
  }
  const { title, body, silent } = raw as Record<string, unknown>
  if (typeof title !== 'string' || typeof body !== 'string') {
    return null
  }
  if (silent !== undefined && typeof silent !== 'boolean') {
    return null
  }
  // Bound the work before cleaning: a huge string is refused, not scanned.
  if (title.length > IPC_LIMITS.notificationTitle * 8 || body.length > IPC_LIMITS.notificationBody * 32) {
    return null
  }
  const cleanTitle = clean(title, IPC_LIMITS.notificationTitle, false)
  if (cleanTitle === '') {
    return null
  }
  return { title: cleanTitle, body: clean(body, IPC_LIMITS.notificationBody, true), silent: silent === true }
}

/** A badge count (non-negative integer, capped), or null when the payload is not one. */
export function parseBadgeCount(raw: unknown): number | null {
  if (typeof raw !== 'number' || !Number.isSafeInteger(raw) || raw < 0) {
    return null
  }
  return Math.min(raw, IPC_LIMITS.badgeCount)
}

/** A LAN request ({ enabled: boolean } and nothing else), or null when the payload is not one. */
export function parseLanRequest(raw: unknown): LanRequest | null {
  if (raw == null || typeof raw !== 'object' || Array.isArray(raw)) {
    return null
  }
  const keys = Object.keys(raw)
  const { enabled } = raw as Record<string, unknown>
  if (keys.length !== 1 || typeof enabled !== 'boolean') {
    return null
  }
  return { enabled }
}
