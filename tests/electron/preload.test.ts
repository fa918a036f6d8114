// The preload runs against a stand-in 'electron' module: the real one needs its binary.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { IPC_CHANNELS } from '@shared/ipc'
import type { EnvelopeBridge } from '@shared/ipc'

const exposed = new Map<string, unknown>()
const invoke = vi.fn(async (..._args: unknown[]) => ({ serverUrl: 'http://127.0.0.1:1', token: 't', appVersion: '0.1.0' }))
const send = vi.fn()

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: { invoke, send, on: vi.fn() },
}))

async function bridge(): Promise<EnvelopeBridge> {
  await import('../../preload/index')
  return exposed.get('envelope') as EnvelopeBridge
}

describe('preload bridge', () => {
  beforeEach(() => {
    invoke.mockClear()
    send.mockClear()
  })

  it('exposes exactly getConfig, notify, setBadge and setLan under window.envelope', async () => {
    const api = await bridge()
    expect([...exposed.keys()]).toEqual(['envelope'])
    expect(Object.keys(api).sort()).toEqual(['getConfig', 'notify', 'setBadge', 'setLan'])
    for (const value of Object.values(api)) {
      expect(typeof value).toBe('function')
    }
  })

  it('getConfig invokes the config channel with no arguments', async () => {
    const api = await bridge()
    await expect(api.getConfig()).resolves.toEqual({ serverUrl: 'http://127.0.0.1:1', token: 't', appVersion: '0.1.0' })
    expect(invoke).toHaveBeenCalledWith(IPC_CHANNELS.getConfig)
  })

  it('notify sends only the known fields', async () => {
    const api = await bridge()
    const n = { title: 'Ada', body: 'Hi', silent: true, extra: 'x' }
    api.notify(n)
    expect(send).toHaveBeenCalledWith(IPC_CHANNELS.notify, { title: 'Ada', body: 'Hi', silent: true })
  })

  it('setBadge sends the count and returns nothing', async () => {
    const api = await bridge()
    expect(api.setBadge(3)).toBeUndefined()
    expect(send).toHaveBeenCalledWith(IPC_CHANNELS.setBadge, 3)
  })

  it('setLan invokes the LAN channel with a fresh { enabled } only', async () => {
    const api = await bridge()
    await api.setLan(true)
    expect(invoke).toHaveBeenLastCalledWith(IPC_CHANNELS.setLan, { enabled: true })
    await api.setLan('yes' as unknown as boolean)
    expect(invoke).toHaveBeenLastCalledWith(IPC_CHANNELS.setLan, { enabled: false })
  })
})
