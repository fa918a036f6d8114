// Settings of the desktop shell itself (not of any account), kept in a small JSON file in
// the data folder: today only whether the in-app node binds the LAN. Off unless the person
// turned it on; whatever is read back is untrusted, and anything odd means the default.
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const DESKTOP_SETTINGS_FILE = 'desktop-settings.json'

export interface DesktopSettings {
  /** The node listens on every interface (other machines can reach and pair with it). */
  lan: boolean
}

export const DEFAULT_DESKTOP_SETTINGS: Readonly<DesktopSettings> = Object.freeze({ lan: false })

export function parseDesktopSettings(raw: unknown): DesktopSettings {
  if (raw == null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ...DEFAULT_DESKTOP_SETTINGS }
  }
  // Only a literal true turns the LAN on: a hand edit like "yes" keeps the safe default.
  return { lan: (raw as Record<string, unknown>).lan === true }
}

export function readDesktopSettings(dataDir: string): DesktopSettings {
  try {
    return parseDesktopSettings(JSON.parse(readFileSync(join(dataDir, DESKTOP_SETTINGS_FILE), 'utf8')))
  } catch {
    return { ...DEFAULT_DESKTOP_SETTINGS }
  }
}

/** Temp file + rename: a crash never leaves half a file (which would read back as the default). */
export function writeDesktopSettings(dataDir: string, settings: DesktopSettings): void {
  const file = join(dataDir, DESKTOP_SETTINGS_FILE)
  const tmp = `${file}.tmp`
  writeFileSync(tmp, `${JSON.stringify({ lan: settings.lan })}\n`, 'utf8')
  renameSync(tmp, file)
}
