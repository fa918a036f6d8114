// Registers the app:// scheme that serves the production renderer (see app-protocol.ts).
import { protocol } from 'electron'
import { APP_SCHEME } from '@shared/app-origin'
import { serveAppRequest } from './app-protocol'

/**
 * Must run before the app is ready. Standard: real origin and relative URLs; secure:
 * a secure context like https; supportFetchAPI: the page's own assets load via fetch.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }])
}

/** Must run after the app is ready; serves files from rendererDir only. */
export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rendererDir))
}
