// The application menu: standard roles only (they bring the platform's shortcuts,
// copy/paste and window handling for free). Type-only import: tested without Electron.
import type { MenuItemConstructorOptions } from 'electron'

export function appMenuTemplate(platform: string): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [{ role: 'fileMenu' }, { role: 'editMenu' }, { role: 'viewMenu' }, { role: 'windowMenu' }]
  // macOS expects the first menu to be the app's own (About, Hide, Quit).
  return platform === 'darwin' ? [{ role: 'appMenu' }, ...template] : template
}
