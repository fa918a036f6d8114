// createMainWindow is the one door every window goes through (Signal's pattern), so
// no window can skip the web preferences, the hidden-until-ready start or the saved bounds.
// Navigation and new-window policy is attached to every webContents in index.ts.
import { BrowserWindow, nativeTheme, screen } from 'electron'
import type { Logger } from '../lib/logger'
import { webPreferencesFor } from './web-preferences'
import { WINDOW_LIMITS, readWindowState, writeWindowState } from './window-state'

export interface MainWindowOptions {
  dataDir: string
  preloadPath: string
  iconPath: string
  /** The renderer: the dev server URL, or app://envelope/index.html. */
  url: string
  log: Logger
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((display) => display.workArea)
  const state = readWindowState(opts.dataDir, workAreas)
  const win = new BrowserWindow({
    width: state.width,
    height: state.height,
    // No position at all (not undefined values) lets the OS centre the window.
    ...(state.x != null && state.y != null ? { x: state.x, y: state.y } : {}),
    minWidth: WINDOW_LIMITS.minWidth,
    minHeight: WINDOW_LIMITS.minHeight,
    title: 'Envelope',
    icon: opts.iconPath,
    // Hidden until the first paint, so the user never sees a blank white frame.
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1b1d22' : '#ffffff',
    webPreferences: webPreferencesFor(opts.preloadPath),
  })

  win.once('ready-to-show', () => {
    if (state.maximized) {
      win.maximize()
    }
    win.show()
  })

  win.on('close', () => {
    try {
      // Normal bounds: a maximised window must come back to its restored size.
      writeWindowState(opts.dataDir, { ...win.getNormalBounds(), maximized: win.isMaximized() })
    } catch (err) {
      opts.log.error('could not save the window state', { error: err })
    }
  })

  win.loadURL(opts.url).catch((err: unknown) => opts.log.error(`could not load ${opts.url}`, { error: err }))
  return win
}

/** Brings an existing window to the front (second instance, tray, notification click). */
export function revealWindow(win: BrowserWindow): void {
  if (win.isMinimized()) {
    win.restore()
  }
  if (!win.isVisible()) {
    win.show()
  }
  win.focus()
}
