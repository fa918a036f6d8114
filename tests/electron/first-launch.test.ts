// The desktop app's first launch, as far as it can run here: the BUILT main bundle under plain
// Node with a stand-in 'electron' (support/stand-in-electron.cjs) that records what the app
// does and fires what Electron would. The node starts, app:// serves the renderer with its CSP,
// the preload and the icons exist, a second launch during start-up is honoured once ready, and
// every way out stops the node with its store closed (the process then ends by itself).
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from '@shared/api'
import { APP_ENTRY_URL, APP_ORIGIN, CONTENT_SECURITY_POLICY } from '@shared/app-origin'
import { IPC_CHANNELS } from '@shared/ipc'
import type { EnvelopeConfig } from '@shared/ipc'
import { Store } from '../../main/store'
import { assertMainBuilt, ShellProcess } from './support/shell-process'
import type { Call } from './support/shell-process'

const ADULT = '1990-05-17'
/** Electron passes the second instance's working directory; any folder will do here. */
const ROOTLESS = '/'
const shells: ShellProcess[] = []
const dirs: string[] = []

function dataFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'envelope-shell-'))
  dirs.push(dir)
  return join(dir, 'data')
}

async function launch(dataDir: string): Promise<ShellProcess> {
  const shell = await ShellProcess.launch(dataDir)
  shells.push(shell)
  return shell
}

const count = (calls: Call[], name: string) => calls.filter((c) => c.name === name).length

/** Fires `ready` and waits for the window to be shown (start-up done). */
async function startUp(shell: ShellProcess): Promise<Call[]> {
  await shell.ask('ready')
  return shell.waitFor('the window to show', (calls) => count(calls, 'window.show') > 0)
}

async function config(shell: ShellProcess): Promise<EnvelopeConfig> {
  return (await shell.ask('invoke', { channel: IPC_CHANNELS.getConfig, url: APP_ENTRY_URL })).result as EnvelopeConfig
}

/** Creates an account through the node's API, so the store has something to keep. */
async function createAccount(shell: ShellProcess, handle: string): Promise<void> {
  const { serverUrl, token } = await config(shell)
  const api = createClient({ baseUrl: serverUrl, token })
  await api.createAccount({ handle, displayName: handle, birthDate: ADULT, phone: '+14155550123', region: 'US', kind: 'personal' })
}

/** After the process ended: nothing listens on the node's port, and the store reopens with the account. */
async function expectStoppedAndKept(serverUrl: string, dataDir: string, handle: string): Promise<void> {
  await expect(fetch(`${serverUrl}/api/v1/health`)).rejects.toThrow()
  const store = await Store.open({ dataDir })
  try {
    const created = store.eventsAfter(0).filter((e) => e.type === 'account.created')
    expect(JSON.stringify(created)).toContain(handle)
  } finally {
    await store.close()
  }
}

beforeAll(() => assertMainBuilt())

afterEach(() => {
  for (const shell of shells.splice(0)) {
    shell.kill()
  }
  for (const dir of dirs.splice(0)) {
    rmSync(dir, { recursive: true, force: true })
  }
})

describe('first launch of the built main bundle', () => {
  it('starts the node, serves app:// with its CSP, and shows one window for a second launch made during start-up', async () => {
    const dataDir = dataFolder()
    const shell = await launch(dataDir)

    // Before `ready`: a second launch and a dock click arrive; no window may open yet.
    await shell.ask('app', { event: 'second-instance', args: [['envelope'], ROOTLESS] })
    await shell.ask('app', { event: 'activate' })
    expect(await shell.named('BrowserWindow.new')).toEqual([])

    const calls = await startUp(shell)
    expect(count(calls, 'BrowserWindow.new')).toBe(1)
    expect(count(calls, 'window.show')).toBe(1)
    expect(shell.stderr).toContain('second launch, dock click made during start-up')

    // The session folder existed when it was handed to Electron (the stand-in refuses otherwise).
    const sessionData = calls.find((c) => c.name === 'app.setPath' && c.args[0] === 'sessionData')!
    expect(sessionData.args[1]).toBe(join(dataDir, 'chromium'))
    expect(statSync(join(dataDir, 'chromium')).isDirectory()).toBe(true)

    // The window: hardened preferences, a preload that exists, the app:// entry, an icon on disk.
    const options = calls.find((c) => c.name === 'BrowserWindow.new')!.args[0] as { webPreferences: Record<string, unknown>; icon: string }
    expect(options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, spellcheck: true })
    expect(existsSync(options.webPreferences.preload as string)).toBe(true)
    expect(existsSync(options.icon)).toBe(true)
    expect(calls.find((c) => c.name === 'window.loadURL')!.args[0]).toBe(APP_ENTRY_URL)
    const trayIcon = calls.find((c) => c.name === 'nativeImage.createFromPath')!.args[0] as string
    expect(existsSync(trayIcon)).toBe(true)
    expect(calls.find((c) => c.name === 'powerMonitor.on')!.args[0]).toBe('shutdown')

    // app:// serves the built renderer with the one CSP, and refuses to leave its folder.
    const page = await shell.ask('app-request', { url: APP_ENTRY_URL })
    expect(page.status).toBe(200)
    expect((page.headers as Record<string, string>)['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    expect(page.body as string).toMatch(/<script[^>]+src="[^"]+\.js"/)
    const script = /<script[^>]+src="\.?\/?([^"]+\.js)"/.exec(page.body as string)![1]
    expect((await shell.ask('app-request', { url: `${APP_ORIGIN}/${script}` })).status).toBe(200)
    expect((await shell.ask('app-request', { url: `${APP_ORIGIN}/..%2f..%2fpackage.json` })).status).toBe(404)

    // The node listens on loopback, gives its config only to the app's page, and answers it.
    const { serverUrl, token } = await config(shell)
    expect(serverUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    await expect(shell.ask('invoke', { channel: IPC_CHANNELS.getConfig, url: 'https://evil.example/' })).rejects.toThrow('forbidden')
    const health = await fetch(`${serverUrl}/api/v1/health`, { headers: { Origin: APP_ORIGIN } })
    expect(health.status).toBe(200)
    expect(health.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN)
    expect(token.length).toBeGreaterThan(20)

    // Once ready, a second launch brings the same window forward; a dock click with a window open does nothing.
    await shell.ask('app', { event: 'second-instance', args: [['envelope'], ROOTLESS] })
    await shell.ask('app', { event: 'activate' })
    const later = await shell.waitFor('the window to be focused', (c) => count(c, 'window.focus') > 0)
    expect(count(later, 'BrowserWindow.new')).toBe(1)

    // Every window closed (Linux/Windows): the app quits, and only after the node stopped.
    await createAccount(shell, 'first.launch')
    await shell.ask('app', { event: 'window-all-closed' })
    expect(await shell.waitForExit()).toEqual({ code: 0, signal: null })
    expect(shell.quit).toBe(true)
    expect(shell.stderr).toContain('node stopped, store closed')
    await expectStoppedAndKept(serverUrl, dataDir, 'first.launch')
  })

  it.each([
    ['will-quit', (s: ShellProcess) => s.ask('app', { event: 'will-quit' })],
    ['session-end (Windows: shut down, restart, log off)', (s: ShellProcess) => s.ask('window', { event: 'session-end' })],
    ['query-session-end (Windows asks first)', (s: ShellProcess) => s.ask('window', { event: 'query-session-end' })],
    ['powerMonitor shutdown (Linux, macOS)', (s: ShellProcess) => s.ask('power', { event: 'shutdown' })],
  ])('%s stops the node with its store closed, then quits', async (path, fire) => {
    const dataDir = dataFolder()
    const shell = await launch(dataDir)
    await startUp(shell)
    const { serverUrl } = await config(shell)
    await createAccount(shell, 'quit.path')
    const answer = await fire(shell)
    // will-quit and a system shutdown are held until the node stopped; Windows' session-end cannot be.
    if (path.startsWith('will-quit') || path.startsWith('powerMonitor')) {
      expect(answer.prevented).toBe(true)
    }
    expect(await shell.waitForExit()).toEqual({ code: 0, signal: null })
    expect(shell.quit).toBe(true)
    expect(shell.stderr).toContain('node stopped, store closed')
    await expectStoppedAndKept(serverUrl, dataDir, 'quit.path')
  })
})
