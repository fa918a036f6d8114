import { describe, expect, it } from 'vitest'
import {
  headersWithCsp,
  isAllowedNavigation,
  originOf,
  safeExternalUrl,
} from '../../main/electron/navigation'
import { APP_ORIGIN, CONTENT_SECURITY_POLICY } from '@shared/app-origin'

describe('safeExternalUrl', () => {
  it.each([
    ['https://example.com/a?b=c#d', 'https://example.com/a?b=c#d'],
    ['http://example.com', 'http://example.com/'],
    ['HTTPS://EXAMPLE.com/Path', 'https://example.com/Path'],
    ['mailto:someone@example.com', 'mailto:someone@example.com'],
    ['mailto:someone@example.com?subject=hi there', 'mailto:someone@example.com?subject=hi%20there'],
  ])('opens %s as %s', (raw, expected) => {
    expect(safeExternalUrl(raw)).toBe(expected)
  })

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'file:///etc/passwd',
    'file://C:/Windows/System32/calc.exe',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'ms-msdt:/id PCWDiagnostic',
    'smb://host/share',
    'app://envelope/index.html',
    'ftp://example.com/file',
    'https://user:pass@example.com/',
    'https://user@example.com/',
    'http://',
    'not a url',
    '',
    'mailto:',
    `https://example.com/${'a'.repeat(5000)}`,
  ])('refuses %s', (raw) => {
    expect(safeExternalUrl(raw)).toBeNull()
  })

  it('refuses non-strings', () => {
    for (const raw of [undefined, null, 42, {}, ['https://example.com']]) {
      expect(safeExternalUrl(raw)).toBeNull()
    }
  })
})

describe('isAllowedNavigation', () => {
  it.each([
    ['app://envelope/index.html', APP_ORIGIN],
    ['app://envelope/#/inbox', APP_ORIGIN],
    ['app://ENVELOPE/assets/x.js', APP_ORIGIN],
    ['http://localhost:5173/', 'http://localhost:5173'],
    ['http://localhost:5173/inbox?x=1', 'http://localhost:5173/'],
  ])('allows %s on %s', (url, origin) => {
    expect(isAllowedNavigation(url, origin)).toBe(true)
  })

  it.each([
    ['https://example.com/', APP_ORIGIN],
    ['app://evil/index.html', APP_ORIGIN],
    ['file:///index.html', APP_ORIGIN],
    ['javascript:alert(1)', APP_ORIGIN],
    ['data:text/html,hi', APP_ORIGIN],
    ['about:blank', APP_ORIGIN],
    ['http://localhost:5174/', 'http://localhost:5173'],
    ['https://localhost:5173/', 'http://localhost:5173'],
    ['http://127.0.0.1:5173/', 'http://localhost:5173'],
    ['http://user:pw@localhost:5173/', 'http://localhost:5173'],
    ['not a url', APP_ORIGIN],
    // An unusable app origin allows nothing, not everything.
    ['file:///a', 'file:///b'],
    ['about:blank', 'about:blank'],
    ['app://envelope/', 'null'],
  ])('refuses %s on %s', (url, origin) => {
    expect(isAllowedNavigation(url, origin)).toBe(false)
  })

  it('computes a real origin for the app scheme (Node reports it as "null")', () => {
    expect(new URL('app://envelope/x').origin).toBe('null')
    expect(originOf('app://envelope/x')).toBe('app://envelope')
  })
})

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/)
      return [name, values] as const
    }),
  )

  it('runs only the app’s own scripts and never eval', () => {
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval')
    expect(directives.get('default-src')).toEqual(["'self'"])
  })

  it('lets the renderer reach only itself and loopback', () => {
    expect(directives.get('connect-src')).toEqual(["'self'", 'http://127.0.0.1:*'])
  })

  it('closes plugins, base, framing and forms', () => {
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(directives.get('base-uri')).toEqual(["'none'"])
    expect(directives.get('frame-ancestors')).toEqual(["'none'"])
    expect(directives.get('form-action')).toEqual(["'none'"])
    expect(directives.get('img-src')).toEqual(["'self'", 'data:'])
    expect(directives.get('style-src')).toEqual(["'self'", "'unsafe-inline'"])
  })
})

describe('headersWithCsp', () => {
  it('replaces any CSP header whatever its case, and keeps the others', () => {
    const out = headersWithCsp({ 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] })
    expect(out).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] })
  })

  it('adds the CSP when there were no headers', () => {
    expect(headersWithCsp(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] })
  })
})
