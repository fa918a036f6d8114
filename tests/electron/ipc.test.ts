// ipc.ts against a stand-in 'electron': checks the wiring (sender check, validation,
// side effects) that the pure validators alone cannot show.
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { IPC_CHANNELS, type EnvelopeConfig } from '@shared/ipc'
import { APP_ORIGIN } from '@shared/app-origin'
import { silentLogger } from '../../main/lib/logger'

type Handler = (event: unknown, ...args: unknown[]) => unknown
const handlers = new Map<string, Handler>()
const listeners = new Map<string, Handler>()
const shownNotifications: Array<{ title: string; body: string; silent: boolean }> = []
const setBadgeCount = vi.fn()

vi.mock('electron', () => {
  class Notification {
    static isSupported = (): boolean => true
    constructor(private readonly opts: { title: string; body: string; silent: boolean }) {}
    on(): this {
      return this
    }
    show(): void {
      shownNotifications.push(this.opts)
    }
  }
  return {
    app: { setBadgeCount },
    ipcMain: {
      handle: (channel: string, fn: Handler) => handlers.set(channel, fn),
      on: (channel: string, fn: Handler) => listeners.set(channel, fn),
    },
    Notification,
  }
})

const config: EnvelopeConfig = { serverUrl: 'http://127.0.0.1:4567', token: 'secret', appVersion: '0.1.0' }
const onBadge = vi.fn()
const setLan = vi.fn(async (enabled: boolean) => ({ ok: true as const, lan: enabled }))
const app = { senderFrame: { url: 'app://envelope/index.html', parent: null } }
const evil = { senderFrame: { url: 'https://evil.example/', parent: null } }
const iframe = { senderFrame: { url: 'app://envelope/index.html', parent: {} } }

beforeAll(async () => {
  const { registerIpc } = await import('../../main/electron/ipc')
  registerIpc({
    appOrigin: APP_ORIGIN,
    config: async () => config,
    onNotificationClick: () => undefined,
    onBadge,
    setLan,
    log: silentLogger,
  })
})

beforeEach(() => {
  shownNotifications.length = 0
  setBadgeCount.mockClear()
  onBadge.mockClear()
  setLan.mockClear()
})

describe('registerIpc', () => {
  it('registers exactly the shared channels', () => {
    expect([...handlers.keys()].sort()).toEqual([IPC_CHANNELS.getConfig, IPC_CHANNELS.setLan].sort())
    expect([...listeners.keys()].sort()).toEqual([IPC_CHANNELS.notify, IPC_CHANNELS.setBadge].sort())
  })

  it('gives the config only to the app page', async () => {
    const handler = handlers.get(IPC_CHANNELS.getConfig)!
    await expect(handler(app)).resolves.toEqual(config)
    await expect(handler(evil)).rejects.toThrow('forbidden')
    await expect(handler(iframe)).rejects.toThrow('forbidden')
    await expect(handler({ senderFrame: null })).rejects.toThrow('forbidden')
  })

  it('shows a validated notification from the app page only', () => {
    const notify = listeners.get(IPC_CHANNELS.notify)!
    notify(evil, { title: 'x', body: 'y' })
    notify(app, { title: 42, body: 'y' })
    expect(shownNotifications).toEqual([])
    notify(app, { title: 'Ada', body: 'Hello' })
    expect(shownNotifications).toEqual([{ title: 'Ada', body: 'Hello', silent: false }])
  })

  it('sets the badge from the app page only, with a valid count', () => {
    const setBadge = listeners.get(IPC_CHANNELS.setBadge)!
    setBadge(evil, 5)
    setBadge(app, -1)
    setBadge(app, '5')
    expect(setBadgeCount).not.toHaveBeenCalled()
    setBadge(app, 5)
    expect(setBadgeCount).toHaveBeenCalledWith(5)
    expect(onBadge).toHaveBeenCalledWith(5)
  })

  it('moves the node on or off the LAN for the app page only, with a valid request', async () => {
    const handler = handlers.get(IPC_CHANNELS.setLan)!
    await expect(handler(evil, { enabled: true })).rejects.toThrow('forbidden')
    await expect(handler(iframe, { enabled: true })).rejects.toThrow('forbidden')
    for (const bad of [true, 'true', { enabled: 'yes' }, { enabled: true, host: '0.0.0.0' }, null, []]) {
      await expect(handler(app, bad)).rejects.toThrow('invalid request')
    }
    expect(setLan).not.toHaveBeenCalled()
    await expect(handler(app, { enabled: true })).resolves.toEqual({ ok: true, lan: true })
    expect(setLan).toHaveBeenCalledWith(true)
  })
})
