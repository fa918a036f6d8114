// Locks down every webContents and the session they share (Electron's security
// checklist): the window shows only the app's own origin, new windows never open,
// safe links go to the system browser, permissions are denied by default.
import { shell } from 'electron'
import type { Session, WebContents } from 'electron'
import { APP_ORIGIN } from '@shared/app-origin'
import type { Logger } from '../lib/logger'
import { headersWithCsp, isAllowedNavigation, safeExternalUrl } from './navigation'
import { isPermissionAllowed } from './permissions'

function openExternally(raw: string, log: Logger): void {
  const url = safeExternalUrl(raw)
  if (url == null) {
    log.info('refused to open a link that is not http(s) or mailto')
    return
  }
  shell.openExternal(url).catch((err: unknown) => log.error('could not open link in the system browser', { error: err }))
}

export function hardenWebContents(contents: WebContents, appOrigin: string, log: Logger): void {
  // A link clicked in the page (no target=_blank) arrives here: keep the window on the
  // app and give the link to the system browser instead.
  contents.on('will-navigate', (event) => {
    if (isAllowedNavigation(event.url, appOrigin)) {
      return
    }
    event.preventDefault()
    openExternally(event.url, log)
  })
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url, appOrigin)) {
      event.preventDefault()
    }
  })
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url, log)
    return { action: 'deny' }
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

export function hardenSession(ses: Session, appOrigin: string): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, appOrigin))
  })
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, appOrigin),
  )
  // Belt and braces: the app:// handler already sends the CSP itself, because Chromium
  // skips header hooks for custom protocols; this covers any build where it does not.
  ses.webRequest.onHeadersReceived({ urls: [`${APP_ORIGIN}/*`] }, (details, callback) => {
    callback({ responseHeaders: headersWithCsp(details.responseHeaders) })
  })
}
