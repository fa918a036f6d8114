// Every BrowserWindow gets exactly these web preferences (Signal keeps them in one tested
// constant). Type-only import: the constant is checked under plain Node by the tests.
import type { WebPreferences } from 'electron'

export const WEB_PREFERENCES = Object.freeze({
  // The renderer is an ordinary web page: no Node, its own JS world, an OS sandbox.
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  enableBlinkFeatures: '',
  webviewTag: false,
  // Dropping a file on the window must not navigate to file://.
  navigateOnDragDrop: false,
  spellcheck: true,
} as const satisfies WebPreferences)

export function webPreferencesFor(preloadPath: string): WebPreferences {
  return { ...WEB_PREFERENCES, preload: preloadPath }
}
