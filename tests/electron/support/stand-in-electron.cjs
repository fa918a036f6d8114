// A stand-in for the 'electron' module, for running the BUILT main bundle (out/main/index.js)
// under plain Node. It records every call the app makes, fires the app's events when the test
// asks (over the child-process channel), and keeps Electron's rules that matter at first
// launch: setPath refuses a missing folder, schemes are registered before `ready`, protocol
// handlers and powerMonitor are used only after it, quitting waits for `will-quit` handlers.
const { EventEmitter } = require('node:events')
const { existsSync, statSync } = require('node:fs')
const { join } = require('node:path')
const { tmpdir } = require('node:os')

const calls = []
function plain(value, depth = 0) {
  if (typeof value === 'function') {
    return '[function]'
  }
  if (value == null || typeof value !== 'object') {
    return value
  }
  if (depth > 4) {
    return '[deep]'
  }
  if (Array.isArray(value)) {
    return value.map((v) => plain(v, depth + 1))
  }
  if (value instanceof EventEmitter) {
    return `[${value.constructor.name}]`
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v, depth + 1)]))
}
function record(name, ...args) {
  calls.push({ name, args: plain(args) })
}
function event() {
  const e = { defaultPrevented: false, preventDefault: () => (e.defaultPrevented = true) }
  return e
}

let ready = false
let resolveReady
const readyPromise = new Promise((done) => (resolveReady = done))
function mustBeReady(what) {
  if (!ready) {
    throw new Error(`${what} cannot be used before the app is ready`)
  }
}

// ---- app ---------------------------------------------------------------------------------
const paths = new Map([['userData', join(tmpdir(), 'stand-in-electron-user-data')]])
const app = new EventEmitter()
Object.assign(app, {
  isPackaged: false,
  commandLine: { appendSwitch: (...a) => record('app.commandLine.appendSwitch', ...a) },
  getVersion: () => '0.1.0',
  getName: () => 'Envelope',
  getPath(name) {
    record('app.getPath', name)
    return paths.get(name) ?? join(tmpdir(), `stand-in-${name}`)
  },
  setPath(name, path) {
    record('app.setPath', name, path)
    // Electron: "If the path specifies a directory that does not exist, an Error is thrown."
    if (!existsSync(path) || !statSync(path).isDirectory()) {
      throw new Error(`Failed to set path: ${path} does not exist`)
    }
    paths.set(name, path)
  },
  requestSingleInstanceLock: (data) => (record('app.requestSingleInstanceLock', data), true),
  enableSandbox: () => record('app.enableSandbox'),
  setAppUserModelId: (id) => record('app.setAppUserModelId', id),
  setBadgeCount: (n) => (record('app.setBadgeCount', n), true),
  focus: () => record('app.focus'),
  isReady: () => ready,
  whenReady: () => readyPromise,
  quit() {
    record('app.quit')
    // Like Electron: asynchronous; `will-quit` handlers may prevent it.
    setImmediate(() => {
      app.emit('before-quit', event())
      const willQuit = event()
      app.emit('will-quit', willQuit)
      if (willQuit.defaultPrevented) {
        return record('will-quit prevented')
      }
      record('quit')
      app.emit('quit', event(), 0)
      report({ type: 'quit' })
    })
  },
  exit(code) {
    record('app.exit', code)
    process.exit(code)
  },
})

// ---- windows -----------------------------------------------------------------------------
const session = {
  defaultSession: {
    setPermissionRequestHandler: () => record('session.setPermissionRequestHandler'),
    setPermissionCheckHandler: () => record('session.setPermissionCheckHandler'),
    webRequest: { onHeadersReceived: (filter) => record('session.webRequest.onHeadersReceived', filter) },
    addWordToSpellCheckerDictionary: (word) => (record('session.addWordToSpellCheckerDictionary', word), true),
  },
}

class WebContents extends EventEmitter {
  session = session.defaultSession
  setWindowOpenHandler = () => record('webContents.setWindowOpenHandler')
  reload = () => record('webContents.reload')
  replaceMisspelling = (word) => record('webContents.replaceMisspelling', word)
}

const windows = []
class BrowserWindow extends EventEmitter {
  static getAllWindows = () => windows.filter((w) => !w.destroyed)
  constructor(options) {
    super()
    record('BrowserWindow.new', options)
    this.options = options
    this.destroyed = false
    this.visible = false
    this.webContents = new WebContents()
    windows.push(this)
    app.emit('web-contents-created', event(), this.webContents)
  }
  loadURL(url) {
    record('window.loadURL', url)
    // The first paint: Electron then emits ready-to-show.
    setImmediate(() => this.emit('ready-to-show'))
    return Promise.resolve()
  }
  show() {
    record('window.show')
    this.visible = true
  }
  focus = () => record('window.focus')
  restore = () => record('window.restore')
  maximize = () => record('window.maximize')
  isMinimized = () => false
  isMaximized = () => false
  isVisible = () => this.visible
  isDestroyed = () => this.destroyed
  getNormalBounds = () => ({ x: 10, y: 10, width: 1100, height: 720 })
  destroy() {
    record('window.destroy')
    this.emit('close', event())
    this.destroyed = true
    this.emit('closed')
  }
}

// ---- the rest of the API the app uses ------------------------------------------------------
let schemesRegistered = false
const protocolHandlers = new Map()
const protocol = {
  registerSchemesAsPrivileged(schemes) {
    record('protocol.registerSchemesAsPrivileged', schemes)
    if (ready) {
      throw new Error('registerSchemesAsPrivileged must be called before the app is ready')
    }
    schemesRegistered = true
  },
  handle(scheme, handler) {
    record('protocol.handle', scheme)
    mustBeReady('protocol.handle')
    if (!schemesRegistered) {
      throw new Error(`scheme ${scheme} was not registered as privileged`)
    }
    protocolHandlers.set(scheme, handler)
  },
}

const ipcHandlers = new Map()
const ipcMain = {
  handle: (channel, fn) => (record('ipcMain.handle', channel), ipcHandlers.set(channel, fn)),
  on: (channel) => record('ipcMain.on', channel),
}

class PowerMonitor extends EventEmitter {
  on(name, listener) {
    record('powerMonitor.on', name)
    mustBeReady('powerMonitor')
    return super.on(name, listener)
  }
}
const powerMonitor = new PowerMonitor()

class Tray extends EventEmitter {
  constructor(image) {
    super()
    record('Tray.new', image.path)
  }
  setToolTip = (text) => record('tray.setToolTip', text)
  setContextMenu = () => record('tray.setContextMenu')
}

class Notification extends EventEmitter {
  static isSupported = () => true
  show = () => record('notification.show')
}

module.exports = {
  app,
  BrowserWindow,
  Menu: {
    buildFromTemplate: (template) => ({ template, popup: () => record('menu.popup', template) }),
    setApplicationMenu: () => record('Menu.setApplicationMenu'),
  },
  Notification,
  Tray,
  dialog: { showErrorBox: (title, text) => record('dialog.showErrorBox', title, text) },
  ipcMain,
  nativeImage: { createFromPath: (path) => (record('nativeImage.createFromPath', path), { path, resize: () => ({ path }) }) },
  nativeTheme: { themeSource: 'system', shouldUseDarkColors: false },
  powerMonitor,
  protocol,
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  session,
  shell: { openExternal: async (url) => record('shell.openExternal', url) },
}

// ---- the test's remote control -------------------------------------------------------------
function report(message) {
  if (process.connected) {
    process.send(message)
  }
}

async function answer(message) {
  switch (message.op) {
    case 'calls':
      return { calls }
    case 'ready':
      ready = true
      app.emit('ready', event(), {})
      resolveReady()
      return {}
    case 'app': {
      const e = event()
      app.emit(message.event, e, ...(message.args ?? []))
      return { prevented: e.defaultPrevented }
    }
    case 'window': {
      const win = BrowserWindow.getAllWindows()[0]
      if (win == null) {
        throw new Error('there is no window')
      }
      const e = event()
      win.emit(message.event, e)
      return { prevented: e.defaultPrevented }
    }
    case 'destroy-windows':
      for (const win of BrowserWindow.getAllWindows()) {
        win.destroy()
      }
      return {}
    case 'power': {
      const e = event()
      powerMonitor.emit(message.event, e)
      return { prevented: e.defaultPrevented }
    }
    case 'invoke': {
      const handler = ipcHandlers.get(message.channel)
      if (handler == null) {
        throw new Error(`nothing handles ${message.channel}`)
      }
      return { result: await handler({ senderFrame: { url: message.url, parent: null } }, ...(message.args ?? [])) }
    }
    case 'app-request': {
      const handler = protocolHandlers.get(new URL(message.url).protocol.replace(/:$/, ''))
      if (handler == null) {
        throw new Error(`nothing handles ${message.url}`)
      }
      const res = await handler(new Request(message.url))
      return { status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() }
    }
    default:
      throw new Error(`unknown op ${message.op}`)
  }
}

process.on('message', (message) => {
  answer(message).then(
    (result) => report({ id: message.id, ...result }),
    (error) => report({ id: message.id, error: String(error && error.message) }),
  )
})
// The channel alone must not keep the process alive: once the app quit, it ends by itself
// only if the node closed everything it opened.
process.channel?.unref()
report({ type: 'loaded' })
