// The renderer's only door to native things: typed wrappers on allowlisted
// channels. Neither ipcRenderer nor any event object is exposed (a page holding either
// could reach every channel). Sandboxed, so bundled to CommonJS with shared/ inlined.
import { contextBridge, ipcRenderer } from 'electron'
import { IPC_CHANNELS, type EnvelopeBridge, type EnvelopeConfig, type EnvelopeNotification, type LanResult } from '@shared/ipc'

const api: EnvelopeBridge = {
  getConfig: () => ipcRenderer.invoke(IPC_CHANNELS.getConfig) as Promise<EnvelopeConfig>,
  // Only the known fields cross; the main process validates them again.
  notify: (n: EnvelopeNotification) => {
    ipcRenderer.send(IPC_CHANNELS.notify, { title: n?.title, body: n?.body, silent: n?.silent })
  },
  setBadge: (count: number) => {
    ipcRenderer.send(IPC_CHANNELS.setBadge, count)
  },
  // A fresh object with the one known field; the main process validates it again.
  setLan: (enabled: boolean) => ipcRenderer.invoke(IPC_CHANNELS.setLan, { enabled: enabled === true }) as Promise<LanResult>,
}

contextBridge.exposeInMainWorld('envelope', api)
