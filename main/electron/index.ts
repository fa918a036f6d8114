// The Electron entry: one instance per data folder, the node started in-process (loopback
// only unless the person turned the LAN on), one hardened window, a tray, and the node
// stopped on every way out (shutdown.ts).
import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { BrowserWindow, Menu, app, dialog, nativeTheme, powerMonitor, session } from 'electron'
import type { Tray } from 'electron'
// `&asarUnpack`: the OS is handed this path (tray, window icon) and cannot read inside
// app.asar, so it points at the copy electron-builder unpacks (electron-builder.yml asarUnpack).
import iconPath from '../../resources/icon.png?asset&asarUnpack'
import { APP_ENTRY_URL, APP_ORIGIN } from '@shared/app-origin'
import type { LanResult } from '@shared/ipc'
import { parseLaunchArgs } from './args'
import { readDesktopSettings, writeDesktopSettings } from './desktop-settings'
import { hardenSession, hardenWebContents } from './harden'
import { registerIpc } from './ipc'
import { createLogger } from '../lib/logger'
import { appMenuTemplate } from './menu'
import { originOf } from './navigation'
import { createNodeHost, rendererUrlOf } from './node-host'
import { handleAppProtocol, registerAppScheme } from './protocol'
import { createShowGate } from './show-gate'
import { createShutdown } from './shutdown'
import { attachContextMenu } from './spellcheck'
import { createTray, trayTooltip } from './tray'
import { createMainWindow, revealWindow } from './window'
import { startFailureMessage } from '../node/start-error'

/** Upper bound on a clean shutdown, so a stuck node never keeps a zombie app alive. */
const STOP_TIMEOUT_MS = 5_000

const log = createLogger('electron')
const args = parseLaunchArgs(process.argv)

// Electron's single-instance lock lives in userData, so pointing userData at the data
// folder makes the lock per folder: two folders may run side by side, one folder never twice.
const dataDir = args.dataDir != null ? resolve(args.dataDir) : app.getPath('userData')
mkdirSync(dataDir, { recursive: true })
app.setPath('userData', dataDir)
// Chromium's caches and storage go to a subfolder, away from the node's own files. setPath
// throws for a folder that does not exist, so it is created first.
const sessionDataDir = join(dataDir, 'chromium')
mkdirSync(sessionDataDir, { recursive: true })
app.setPath('sessionData', sessionDataDir)

// Dev server only in development: a packaged app never loads a URL from the environment.
const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
const appOrigin = devUrl != null ? (originOf(devUrl) ?? APP_ORIGIN) : APP_ORIGIN
const rendererUrl = devUrl ?? APP_ENTRY_URL

if (!app.requestSingleInstanceLock({ dataDir })) {
  app.quit()
} else {
  run()
}

function run(): void {
  app.enableSandbox()
  registerAppScheme()
  if (process.platform === 'win32') {
    app.setAppUserModelId('app.envelope.desktop')
  }

  let mainWindow: BrowserWindow | null = null
  let tray: Tray | null = null

  // Started before `ready`: the node is plain Node and needs no window. Loopback unless the
  // person turned the LAN on in the Network pane (desktop-settings.ts).
  const nodeHost = createNodeHost(
    { dataDir, port: 0, token: randomBytes(32).toString('base64url'), name: args.name, demo: args.demo, version: app.getVersion() },
    readDesktopSettings(dataDir).lan,
  )
  // Observed here so a failure is never an unhandled rejection; reported once ready.
  nodeHost.current().catch(() => undefined)

  const shutdown = createShutdown({ stopNode: () => nodeHost.stop(), quit: () => app.quit(), timeoutMs: STOP_TIMEOUT_MS, log })

  const openWindow = (): BrowserWindow => {
    const win = createMainWindow({
      dataDir,
      preloadPath: join(__dirname, '../preload/index.cjs'),
      iconPath,
      url: rendererUrl,
      log,
    })
    // Windows ends a session (shut down, restart, log off) without `will-quit`: start stopping
    // the node when it asks, and at the latest when it tells.
    win.on('query-session-end', () => void shutdown.run('Windows session ending'))
    win.on('session-end', () => void shutdown.run('Windows session ended'))
    return win
  }

  // Until start-up is done, requests to show wait in the gate (show-gate.ts).
  const gate = createShowGate(() => {
    if (mainWindow == null || mainWindow.isDestroyed()) {
      mainWindow = openWindow()
    } else {
      revealWindow(mainWindow)
    }
  })
  const show = (): void => gate.request('show')

  app.on('second-instance', () => gate.request('second launch'))

  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, appOrigin, log)
    attachContextMenu(contents)
  })

  app.on('window-all-closed', () => {
    // macOS apps stay in the dock with no window; elsewhere closing the window quits.
    if (process.platform !== 'darwin') {
      app.quit()
    }
  })

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) {
      gate.request('dock click')
    }
  })

  app.on('will-quit', (event) => {
    if (shutdown.finished) {
      return
    }
    event.preventDefault()
    void shutdown.run('quit')
  })

  const setLan = async (enabled: boolean): Promise<LanResult> => {
    const before = rendererUrlOf(await nodeHost.current())
    try {
      const node = await nodeHost.setLan(enabled)
      writeDesktopSettings(dataDir, { lan: enabled })
      log.info(enabled ? `the node now binds the LAN, at ${node.url}` : 'the node now binds this computer only')
      // Its port was taken meanwhile: the page reloads and asks for the new address.
      if (rendererUrlOf(node) !== before) {
        mainWindow?.webContents.reload()
      }
      return { ok: true, lan: nodeHost.lan }
    } catch (err) {
      log.error('could not move the node to its new address', { error: err })
      const what = enabled ? 'open this node to the LAN' : 'limit this node to this computer'
      return { ok: false, lan: nodeHost.lan, message: `Envelope could not ${what}: ${err instanceof Error ? err.message : String(err)}` }
    }
  }

  app
    .whenReady()
    .then(async () => {
      try {
        await nodeHost.current()
      } catch (err) {
        log.error('could not start the node', { error: err })
        dialog.showErrorBox('Envelope could not start', startFailureMessage(err))
        app.exit(1)
        return
      }
      // Linux and macOS shutting down: hold the shutdown until the node has stopped (usable
      // only once ready). The typings omit the event the handler receives.
      powerMonitor.on('shutdown', (event?: { preventDefault(): void }) => {
        event?.preventDefault()
        void shutdown.run('system shutdown')
      })
      nativeTheme.themeSource = 'system'
      hardenSession(session.defaultSession, appOrigin)
      if (devUrl == null) {
        handleAppProtocol(join(__dirname, '../renderer'))
      }
      registerIpc({
        appOrigin,
        config: async () => {
          const node = await nodeHost.current()
          return { serverUrl: rendererUrlOf(node), token: node.token, appVersion: app.getVersion() }
        },
        onNotificationClick: show,
        onBadge: (count) => tray?.setToolTip(trayTooltip(count)),
        setLan,
        log,
      })
      Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(process.platform)))
      tray = createTray(iconPath, { show, quit: () => app.quit() })
      if (gate.pending.length > 0) {
        log.info(`showing the window for ${gate.pending.join(', ')} made during start-up`)
      }
      gate.open()
    })
    .catch((err: unknown) => {
      log.error('startup failed', { error: err })
      app.exit(1)
    })
}
