// The main-process end of the preload's channels. Every message is checked for
// its sender (the app's own top-level page) and its payload before anything happens.
import { app, ipcMain, Notification } from 'electron'
import { IPC_CHANNELS, type EnvelopeConfig, type LanResult } from '@shared/ipc'
import { isTrustedSender, parseBadgeCount, parseLanRequest, parseNotification } from './ipc-validate'
import type { Logger } from '../lib/logger'

export interface IpcDeps {
  appOrigin: string
  /** Resolves once the node is listening. */
  config(): Promise<EnvelopeConfig>
  /** A notification was clicked: bring the window forward. */
  onNotificationClick(): void
  /** The badge count changed (also shown in the tray, where the OS has no badge). */
  onBadge(count: number): void
  /** Persist the LAN setting and restart the node on the new address. */
  setLan(enabled: boolean): Promise<LanResult>
  log: Logger
}

// Notifications are kept referenced until closed: on some platforms a collected
// Notification loses its click handler.
const shown = new Set<Notification>()

export function registerIpc(deps: IpcDeps): void {
  const { appOrigin, log } = deps

  ipcMain.handle(IPC_CHANNELS.getConfig, async (event) => {
    if (!isTrustedSender(event.senderFrame, appOrigin)) {
      log.info(`refused ${IPC_CHANNELS.getConfig} from an untrusted sender`)
      throw new Error('forbidden')
    }
    return deps.config()
  })

  ipcMain.handle(IPC_CHANNELS.setLan, async (event, raw: unknown) => {
    if (!isTrustedSender(event.senderFrame, appOrigin)) {
      log.info(`refused ${IPC_CHANNELS.setLan} from an untrusted sender`)
      throw new Error('forbidden')
    }
    const request = parseLanRequest(raw)
    if (request == null) {
      throw new Error('invalid request')
    }
    return deps.setLan(request.enabled)
  })

  ipcMain.on(IPC_CHANNELS.notify, (event, raw: unknown) => {
    if (!isTrustedSender(event.senderFrame, appOrigin)) {
      return
    }
    const n = parseNotification(raw)
    if (n == null || !Notification.isSupported()) {
      return
    }
    const notification = new Notification({ title: n.title, body: n.body, silent: n.silent })
    shown.add(notification)
    notification.on('click', () => deps.onNotificationClick())
    notification.on('close', () => shown.delete(notification))
    notification.show()
  })

  ipcMain.on(IPC_CHANNELS.setBadge, (event, raw: unknown) => {
    if (!isTrustedSender(event.senderFrame, appOrigin)) {
      return
    }
    const count = parseBadgeCount(raw)
    if (count == null) {
      return
    }
    // Returns false where the platform has no badge (Windows, most Linux desktops).
    app.setBadgeCount(count)
    deps.onBadge(count)
  })
}
