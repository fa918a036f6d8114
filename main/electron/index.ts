// The Electron entry: one instance per data folder, the node started in-process on a
// random loopback port, one hardened window, a tray, and a clean stop on quit.
import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { BrowserWindow, Menu, app, dialog, nativeTheme, session } from 'electron'
import type { Tray } from 'electron'
import iconPath from '../../resources/icon.png?asset'
import { startNode } from '../node/start'
import type { RunningNode } from '../node/start'
import { APP_ENTRY_URL, APP_ORIGIN } from '@shared/app-origin'
import { parseLaunchArgs } from './args'
import { hardenSession, hardenWebContents } from './harden'
import { registerIpc } from './ipc'
import { createLogger } from '../lib/logger'
import { appMenuTemplate } from './menu'
import { originOf } from './navigation'
import { handleAppProtocol, registerAppScheme } from './protocol'
import { createTray, trayTooltip } from './tray'
import { createMainWindow, revealWindow } from './window'

/** Upper bound on a clean shutdown, so a stuck node never keeps a zombie app alive. */
const STOP_TIMEOUT_MS = 5_000

const log = createLogger('electron')
const args = parseLaunchArgs(process.argv)

// Electron's single-instance lock lives in userData, so pointing userData at the data
// folder makes the lock per folder: two folders may run side by side, one folder never twice.
const dataDir = args.dataDir != null ? resolve(args.dataDir) : app.getPath('userData')
mkdirSync(dataDir, { recursive: true })
app.setPath('userData', dataDir)
// Keep Chromium's caches and storage in a subfolder, away from the node's own files.
app.setPath('sessionData', join(dataDir, 'chromium'))

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
  // Set once the session is hardened and the protocol and IPC are in place: no window before.
  let started = false

  // Started before `ready`: the node is plain Node and needs no window.
  const node: Promise<RunningNode> = startNode({
    dataDir,
    host: '127.0.0.1',
    port: 0,
    token: randomBytes(32).toString('base64url'),
    name: args.name,
    demo: args.demo,
    version: app.getVersion(),
  })
  // Observed here so a failure is never an unhandled rejection; reported once ready.
  node.catch(() => undefined)

  const openWindow = (): BrowserWindow =>
    createMainWindow({
      dataDir,
      preloadPath: join(__dirname, '../preload/index.cjs'),
      iconPath,
      url: rendererUrl,
      log,
    })

  const show = (): void => {
    if (!started) {
      return
    }
    if (mainWindow == null || mainWindow.isDestroyed()) {
      mainWindow = openWindow()
    } else {
      revealWindow(mainWindow)
    }
  }

  app.on('second-instance', () => show())

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appOrigin, log))

  app.on('window-all-closed', () => {
    // macOS apps stay in the dock with no window; elsewhere closing the window quits.
    if (process.platform !== 'darwin') {
      app.quit()
    }
  })

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) {
      show()
    }
  })

  let stopped = false
  app.on('will-quit', (event) => {
    if (stopped) {
      return
    }
    event.preventDefault()
    stopped = true
    const timeout = new Promise<void>((done) => setTimeout(done, STOP_TIMEOUT_MS).unref())
    const stop = node.then((n) => n.stop()).catch((err: unknown) => log.error('node did not stop cleanly', { error: err }))
    void Promise.race([stop, timeout]).finally(() => app.quit())
  })

  app
    .whenReady()
    .then(async () => {
      try {
        await node
      } catch (err) {
        log.error('could not start the node', { error: err })
        dialog.showErrorBox('Envelope could not start', err instanceof Error ? err.message : String(err))
        app.exit(1)
        return
      }
      nativeTheme.themeSource = 'system'
      hardenSession(session.defaultSession, appOrigin)
      if (devUrl == null) {
        handleAppProtocol(join(__dirname, '../renderer'))
      }
      registerIpc({
        appOrigin,
        config: async () => {
          const n = await node
          return { serverUrl: n.url, token: n.token, appVersion: app.getVersion() }
        },
        onNotificationClick: show,
        onBadge: (count) => tray?.setToolTip(trayTooltip(count)),
        log,
      })
      Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(process.platform)))
      tray = createTray(iconPath, { show, quit: () => app.quit() })
      started = true
      show()
    })
    .catch((err: unknown) => {
      log.error('startup failed', { error: err })
      app.exit(1)
    })
}
