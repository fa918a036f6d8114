// How the renderer finds its node. In Electron the preload hands over URL and token. In a
// browser the page served by `npm run serve` trades the one-time `#code=` of the printed
// link for a session token, keeps it in sessionStorage and removes the fragment from the
// address bar and history. The token is never shown or logged.
import { createClient } from '@shared/api/client'
import type { EnvelopeBridge } from '@shared/ipc'
import { errorText } from '../lib/errors'

export const SESSION_KEY = 'envelope.session'

export type Connection =
  | { kind: 'connected'; baseUrl: string; token: string; appVersion?: string; browser: boolean }
  | { kind: 'signed-out'; problem?: string }

export interface ConnectionEnv {
  bridge?: EnvelopeBridge
  location: { hash: string; origin: string; pathname: string; search: string }
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>
  replaceUrl: (url: string) => void
  fetch?: typeof fetch
}

export function browserEnv(): ConnectionEnv {
  return {
    bridge: window.envelope,
    location: window.location,
    storage: window.sessionStorage,
    replaceUrl: (url) => window.history.replaceState(window.history.state, '', url),
  }
}

export async function resolveConnection(env: ConnectionEnv): Promise<Connection> {
  if (env.bridge) {
    const config = await env.bridge.getConfig()
    return { kind: 'connected', baseUrl: config.serverUrl, token: config.token, appVersion: config.appVersion, browser: false }
  }
  const baseUrl = env.location.origin
  const code = new URLSearchParams(env.location.hash.replace(/^#/, '')).get('code')
  if (code) {
    // The code is single use: take it out of the address bar and history whatever happens next.
    env.replaceUrl(`${env.location.pathname}${env.location.search}`)
    try {
      const { token } = await createClient({ baseUrl, fetch: env.fetch }).exchangeSession(code)
      env.storage.setItem(SESSION_KEY, token)
      return { kind: 'connected', baseUrl, token, browser: true }
    } catch (error) {
      const stored = env.storage.getItem(SESSION_KEY)
      if (stored) {
        return { kind: 'connected', baseUrl, token: stored, browser: true }
      }
      return { kind: 'signed-out', problem: errorText(error) }
    }
  }
  const stored = env.storage.getItem(SESSION_KEY)
  if (stored) {
    return { kind: 'connected', baseUrl, token: stored, browser: true }
  }
  return { kind: 'signed-out' }
}

export function forgetSession(env: Pick<ConnectionEnv, 'storage'>): void {
  env.storage.removeItem(SESSION_KEY)
}
