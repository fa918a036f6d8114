// harden.ts against a stand-in 'electron' and fake webContents / session objects.
import { EventEmitter } from 'node:events'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Session, WebContents } from 'electron'
import { APP_ORIGIN } from '@shared/app-origin'
import { CONTENT_SECURITY_POLICY } from '@shared/app-origin'

const openExternal = vi.fn(async (_url: string) => undefined)
vi.mock('electron', () => ({ shell: { openExternal } }))

const { hardenSession, hardenWebContents } = await import('../../main/electron/harden')
const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() }

class FakeContents extends EventEmitter {
  openHandler?: (details: { url: string }) => { action: string }
  setWindowOpenHandler(fn: (details: { url: string }) => { action: string }): void {
    this.openHandler = fn
  }
}

function navEvent(url: string): { url: string; preventDefault: ReturnType<typeof vi.fn> } {
  return { url, preventDefault: vi.fn() }
}

describe('hardenWebContents', () => {
  let contents: FakeContents
  beforeEach(() => {
    openExternal.mockClear()
    contents = new FakeContents()
    hardenWebContents(contents as unknown as WebContents, APP_ORIGIN, log)
  })

  it('lets the app navigate within its origin', () => {
    const event = navEvent('app://envelope/index.html#/inbox')
    contents.emit('will-navigate', event)
    expect(event.preventDefault).not.toHaveBeenCalled()
    expect(openExternal).not.toHaveBeenCalled()
  })

  it('keeps the window on the app and opens safe links in the browser', () => {
    const event = navEvent('https://example.com/page')
    contents.emit('will-navigate', event)
    expect(event.preventDefault).toHaveBeenCalled()
    expect(openExternal).toHaveBeenCalledWith('https://example.com/page')
  })

  it('blocks unsafe navigation without opening anything', () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'https://u:p@example.com/']) {
      const event = navEvent(url)
      contents.emit('will-navigate', event)
      expect(event.preventDefault).toHaveBeenCalled()
    }
    expect(openExternal).not.toHaveBeenCalled()
  })

  it('blocks redirects away from the app', () => {
    const event = navEvent('https://example.com/')
    contents.emit('will-redirect', event)
    expect(event.preventDefault).toHaveBeenCalled()
  })

  it('denies every new window, handing only safe URLs to the browser', () => {
    expect(contents.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' })
    expect(contents.openHandler!({ url: 'mailto:a@example.com' })).toEqual({ action: 'deny' })
    expect(contents.openHandler!({ url: 'app://envelope/index.html' })).toEqual({ action: 'deny' })
    expect(contents.openHandler!({ url: 'smb://host/share' })).toEqual({ action: 'deny' })
    expect(openExternal.mock.calls.map(([url]) => url)).toEqual(['https://example.com/', 'mailto:a@example.com'])
  })

  it('refuses to attach webviews', () => {
    const event = { preventDefault: vi.fn() }
    contents.emit('will-attach-webview', event, {}, {})
    expect(event.preventDefault).toHaveBeenCalled()
  })
})

describe('hardenSession', () => {
  it('denies permissions by default, adds the CSP to app responses', () => {
    let request: ((wc: unknown, permission: string, cb: (ok: boolean) => void, details: { requestingUrl: string }) => void) | undefined
    let check: ((wc: unknown, permission: string, origin: string) => boolean) | undefined
    let headers: { filter: { urls: string[] }; fn: (details: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void } | undefined
    const ses = {
      setPermissionRequestHandler: (fn: typeof request) => (request = fn),
      setPermissionCheckHandler: (fn: typeof check) => (check = fn),
      webRequest: { onHeadersReceived: (filter: { urls: string[] }, fn: NonNullable<typeof headers>['fn']) => (headers = { filter, fn }) },
    }
    hardenSession(ses as unknown as Session, APP_ORIGIN)

    const answers: boolean[] = []
    request!(null, 'media', (ok) => answers.push(ok), { requestingUrl: 'app://envelope/index.html' })
    request!(null, 'notifications', (ok) => answers.push(ok), { requestingUrl: 'app://envelope/index.html' })
    request!(null, 'notifications', (ok) => answers.push(ok), { requestingUrl: 'https://example.com/' })
    expect(answers).toEqual([false, true, false])
    expect(check!(null, 'geolocation', 'app://envelope')).toBe(false)
    expect(check!(null, 'notifications', 'app://envelope')).toBe(true)

    expect(headers!.filter.urls).toEqual(['app://envelope/*'])
    const results: unknown[] = []
    headers!.fn({ responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => results.push(r))
    expect(results).toEqual([{ responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } }])
  })
})
