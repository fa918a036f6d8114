// A tray icon with Show and Quit, so the app is reachable when its window is hidden.
import { Menu, Tray, nativeImage } from 'electron'

export interface TrayActions {
  show(): void
  quit(): void
}

export function createTray(iconPath: string, actions: TrayActions): Tray {
  // Tray icons are drawn small; a 512px image is scaled down once here.
  const size = process.platform === 'linux' ? 22 : 16
  const tray = new Tray(nativeImage.createFromPath(iconPath).resize({ width: size, height: size }))
  tray.setToolTip('Envelope')
  tray.setContextMenu(
    Menu.buildFromTemplate([{ label: 'Show Envelope', click: () => actions.show() }, { type: 'separator' }, { label: 'Quit', click: () => actions.quit() }]),
  )
  // Windows and Linux: a left click on the icon is the usual way back to the window.
  tray.on('click', () => actions.show())
  return tray
}

export function trayTooltip(unread: number): string {
  return unread > 0 ? `Envelope (${unread} unread)` : 'Envelope'
}
