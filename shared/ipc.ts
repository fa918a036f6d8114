// The IPC contract between the preload and the Electron main process. Both sides
// import these names, so a channel renamed on one side cannot silently break the other.
// Pure TypeScript: no imports (shared/ runs anywhere).

export const IPC_CHANNELS = {
  /** invoke → EnvelopeConfig */
  getConfig: 'envelope:get-config',
  /** send(EnvelopeNotification) */
  notify: 'envelope:notify',
  /** send(count: number) */
  setBadge: 'envelope:set-badge',
  /** invoke(LanRequest) → LanResult: restart the in-app node on the LAN or loopback only */
  setLan: 'envelope:set-lan',
} as const

/** Caps enforced by the main process; the renderer may truncate earlier to match. */
export const IPC_LIMITS = {
  notificationTitle: 120,
  notificationBody: 400,
  badgeCount: 99_999,
} as const

/** What the renderer needs to reach its own node over HTTP + SSE. */
export interface EnvelopeConfig {
  /** Loopback base URL of the in-process node, e.g. http://127.0.0.1:49152 */
  serverUrl: string
  /** Per-launch random bearer token for every request to serverUrl. */
  token: string
  appVersion: string
}

export interface EnvelopeNotification {
  title: string
  body: string
  silent?: boolean
}

/** Asks the desktop shell to bind its node to the LAN (true) or to this computer only (false). */
export interface LanRequest {
  enabled: boolean
}

/** How a LAN change went: the node now binds `lan`, or the sentence saying why it could not. */
export type LanResult = { ok: true; lan: boolean } | { ok: false; lan: boolean; message: string }

/** The whole of `window.envelope`: the renderer's only door to native things. */
export interface EnvelopeBridge {
  getConfig(): Promise<EnvelopeConfig>
  notify(notification: EnvelopeNotification): void
  setBadge(count: number): void
  /** Persists the LAN setting and restarts the node on the new address. */
  setLan(enabled: boolean): Promise<LanResult>
}
