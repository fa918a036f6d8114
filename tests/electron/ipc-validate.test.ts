// The IPC validators: trusted senders only, notification and badge payloads checked.
import { describe, expect, it } from 'vitest'
import { IPC_LIMITS } from '@shared/ipc'
import { isTrustedSender, parseBadgeCount, parseNotification } from '../../main/electron/ipc-validate'
import { APP_ORIGIN } from '@shared/app-origin'

describe('isTrustedSender', () => {
  it('trusts the app’s own top-level page', () => {
    expect(isTrustedSender({ url: 'app://envelope/index.html', parent: null }, APP_ORIGIN)).toBe(true)
    expect(isTrustedSender({ url: 'http://localhost:5173/', parent: null }, 'http://localhost:5173')).toBe(true)
  })

  it.each([
    ['no frame', null],
    ['a destroyed frame', undefined],
    ['another origin', { url: 'https://example.com/', parent: null }],
    ['another app host', { url: 'app://other/index.html', parent: null }],
    ['a file page', { url: 'file:///index.html', parent: null }],
    ['about:blank', { url: 'about:blank', parent: null }],
    ['an empty url', { url: '', parent: null }],
    ['a subframe of the app', { url: 'app://envelope/index.html', parent: {} }],
  ])('refuses %s', (_label, frame) => {
    expect(isTrustedSender(frame, APP_ORIGIN)).toBe(false)
  })
})

describe('parseNotification', () => {
  it('accepts a plain notification', () => {
    expect(parseNotification({ title: 'Ada', body: 'Hello', silent: true })).toEqual({ title: 'Ada', body: 'Hello', silent: true })
    expect(parseNotification({ title: 'Ada', body: '' })).toEqual({ title: 'Ada', body: '', silent: false })
  })

  it.each([
    ['null', null],
    ['a string', 'hi'],
    ['an array', ['t', 'b']],
    ['a missing title', { body: 'b' }],
    ['a missing body', { title: 't' }],
    ['a numeric title', { title: 1, body: 'b' }],
    ['an object body', { title: 't', body: { toString: (): string => 'x' } }],
    ['a string silent', { title: 't', body: 'b', silent: 'true' }],
    ['a blank title', { title: '  \u0000 ', body: 'b' }],
    ['an enormous title', { title: 'x'.repeat(100_000), body: 'b' }],
    ['an enormous body', { title: 't', body: 'x'.repeat(1_000_000) }],
  ])('refuses %s', (_label, raw) => {
    expect(parseNotification(raw)).toBeNull()
  })

  it('caps long text with an ellipsis', () => {
    const n = parseNotification({ title: 't'.repeat(500), body: 'b'.repeat(2000) })
    expect(Array.from(n!.title)).toHaveLength(IPC_LIMITS.notificationTitle)
    expect(Array.from(n!.body)).toHaveLength(IPC_LIMITS.notificationBody)
    expect(n!.body.endsWith('…')).toBe(true)
  })

  it('never cuts a surrogate pair in half', () => {
    const n = parseNotification({ title: 'x', body: '😀'.repeat(1000) })
    expect(n!.body).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/)
  })

  it('strips control characters, keeps body newlines, flattens title newlines', () => {
    expect(parseNotification({ title: 'a\nb\u0007', body: 'line1\nline2\u001b[31m' })).toEqual({
      title: 'a b',
      body: 'line1\nline2[31m',
      silent: false,
    })
  })

  it('drops unknown fields', () => {
    expect(parseNotification({ title: 't', body: 'b', icon: '/etc/passwd', actions: [] })).toEqual({ title: 't', body: 'b', silent: false })
  })
})

describe('parseBadgeCount', () => {
  it.each([
    [0, 0],
    [1, 1],
    [42, 42],
    [10_000_000, IPC_LIMITS.badgeCount],
  ])('accepts %s as %s', (raw, expected) => {
    expect(parseBadgeCount(raw)).toBe(expected)
  })

  it.each([-1, 1.5, NaN, Infinity, -Infinity, 2 ** 60, '3', null, undefined, {}, true])('refuses %s', (raw) => {
    expect(parseBadgeCount(raw)).toBeNull()
  })
})
