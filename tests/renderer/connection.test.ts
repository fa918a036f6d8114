// Sign-in (issue 3): Electron hands URL and token over the preload; a browser trades the
// one-time #code for a session kept in sessionStorage, and the code leaves the address bar.
import { describe, expect, it, vi } from 'vitest'
import { SESSION_KEY, resolveConnection } from '../../renderer/src/services/connection'
import type { ConnectionEnv } from '../../renderer/src/services/connection'
import { FakeNode, refusal } from './support/fakeNode'

function env(hash: string, node = new FakeNode(), stored: string | null = null) {
  const storage = new Map<string, string>(stored ? [[SESSION_KEY, stored]] : [])
  const replaced: string[] = []
  const e: ConnectionEnv = {
    location: { hash, origin: 'http://127.0.0.1:4000', pathname: '/', search: '' },
    storage: {
      getItem: (k) => storage.get(k) ?? null,
      setItem: (k, v) => void storage.set(k, v),
      removeItem: (k) => void storage.delete(k),
    },
    replaceUrl: (u) => void replaced.push(u),
    fetch: node.fetch,
  }
  return { e, storage, replaced, node }
}

describe('resolveConnection', () => {
  it('trades the #code for a session, stores it and removes the fragment', async () => {
    const node = new FakeNode().on('POST', '/session', { token: 'session-123' })
    const { e, storage, replaced } = env('#code=abc', node)
    const c = await resolveConnection(e)
    expect(c).toEqual({ kind: 'connected', baseUrl: 'http://127.0.0.1:4000', token: 'session-123', browser: true })
    expect(node.callsTo('POST', '/session')[0].body).toEqual({ code: 'abc' })
    expect(storage.get(SESSION_KEY)).toBe('session-123')
    expect(replaced).toEqual(['/'])
    expect(replaced.join()).not.toContain('session-123')
  })

  it('shows the node sentence for a used or expired code, and still removes it', async () => {
    const node = new FakeNode().on('POST', '/session', refusal(400, 'INVALID_CODE', 'This sign-in link has expired or was already used. Ask the node for a new one.'))
    const { e, replaced } = env('#code=old', node)
    expect(await resolveConnection(e)).toEqual({ kind: 'signed-out', problem: 'This sign-in link has expired or was already used. Ask the node for a new one.' })
    expect(replaced).toEqual(['/'])
  })

  it('keeps an existing session after a reload', async () => {
    const { e } = env('', new FakeNode(), 'kept')
    expect(await resolveConnection(e)).toMatchObject({ kind: 'connected', token: 'kept' })
  })

  it('without a code or session, asks for the printed link', async () => {
    const { e } = env('')
    expect(await resolveConnection(e)).toEqual({ kind: 'signed-out' })
  })

  it('in Electron, takes URL and token from the preload', async () => {
    const getConfig = vi.fn(async () => ({ serverUrl: 'http://127.0.0.1:5555', token: 'launch', appVersion: '1.2.3' }))
    const { e } = env('#code=ignored')
    e.bridge = { getConfig, notify: vi.fn(), setBadge: vi.fn(), setLan: vi.fn() }
    expect(await resolveConnection(e)).toEqual({ kind: 'connected', baseUrl: 'http://127.0.0.1:5555', token: 'launch', appVersion: '1.2.3', browser: false })
  })
})
