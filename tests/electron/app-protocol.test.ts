// The app:// protocol handler: path resolution inside the renderer folder, MIME types, responses.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mimeTypeFor, resolveAppPath, serveAppRequest } from '../../main/electron/app-protocol'
import { APP_ENTRY_URL, CONTENT_SECURITY_POLICY } from '@shared/app-origin'

const root = '/srv/renderer'

describe('resolveAppPath', () => {
  it.each([
    ['app://envelope/', '/srv/renderer/index.html'],
    ['app://envelope/index.html', '/srv/renderer/index.html'],
    ['app://envelope/assets/index-abc.js?v=1#x', '/srv/renderer/assets/index-abc.js'],
    ['app://envelope/assets/', '/srv/renderer/assets/index.html'],
    ['app://envelope/a%20b.png', '/srv/renderer/a b.png'],
    // The URL parser folds dot segments before we see them: still inside the root.
    ['app://envelope/assets/../index.html', '/srv/renderer/index.html'],
    // ...and clamps them at the root, so these can only name files inside it.
    ['app://envelope/../../etc/passwd', '/srv/renderer/etc/passwd'],
    ['app://envelope/%2e%2e/%2e%2e/etc/passwd', '/srv/renderer/etc/passwd'],
  ])('maps %s to %s', (url, file) => {
    expect(resolveAppPath(url, root)).toBe(file)
  })

  it.each([
    'app://envelope/assets/%2E%2E%2F%2E%2E%2F..%2Fetc%2Fpasswd',
    'app://envelope/..%2f..%2fetc%2fpasswd',
    'app://envelope/..%5c..%5cwindows%5cwin.ini',
    'app://envelope/%2fetc%2fpasswd',
    'app://envelope//etc/passwd',
    'app://envelope/C:%5cWindows%5cwin.ini',
    'app://envelope/index.html%00.png',
    'app://envelope/%E0%A4%A',
    'app://other/index.html',
    'https://envelope/index.html',
    'file:///srv/renderer/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(url, root)).toBeNull()
  })
})

describe('mimeTypeFor', () => {
  it('knows the renderer’s file types', () => {
    expect(mimeTypeFor('a/index.html')).toMatch(/^text\/html/)
    expect(mimeTypeFor('a/x.JS')).toMatch(/^text\/javascript/)
    expect(mimeTypeFor('a/x.css')).toMatch(/^text\/css/)
    expect(mimeTypeFor('favicon.png')).toBe('image/png')
    expect(mimeTypeFor('x.unknown')).toBe('application/octet-stream')
  })
})

describe('serveAppRequest', () => {
  let dir: string
  let renderer: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'envelope-protocol-'))
    renderer = join(dir, 'renderer')
    mkdirSync(join(renderer, 'assets'), { recursive: true })
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Envelope</title>')
    writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)')
    writeFileSync(join(dir, 'secret.txt'), 'do not serve')
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const get = (url: string, method = 'GET'): Promise<Response> => serveAppRequest(new Request(url, { method }), renderer)

  it('serves the entry page with the CSP and nosniff', async () => {
    const res = await get(APP_ENTRY_URL)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await res.text()).toContain('<title>Envelope</title>')
  })

  it('serves assets with their type', async () => {
    const res = await get('app://envelope/assets/app.js')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/)
  })

  it('falls back to index.html for router paths, not for missing files', async () => {
    expect(await (await get('app://envelope/inbox/42')).text()).toContain('Envelope')
    expect((await get('app://envelope/assets/missing.js')).status).toBe(404)
  })

  it('refuses to leave the renderer folder', async () => {
    const res = await get('app://envelope/..%2fsecret.txt')
    expect(res.status).toBe(404)
    expect(await res.text()).not.toContain('do not serve')
  })

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get(APP_ENTRY_URL, 'HEAD')
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
    expect((await get(APP_ENTRY_URL, 'POST')).status).toBe(405)
  })
})
