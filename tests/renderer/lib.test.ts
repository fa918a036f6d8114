// Small rules of the renderer: quiet hours, when to notify (R16), the badge, shortcuts.
import { describe, expect, it } from 'vitest'
import { accountForKey } from '../../renderer/src/composables/useShortcuts'
import { badgeCount, notificationText, shouldNotify } from '../../renderer/src/lib/notify'
import { inQuietHours } from '../../renderer/src/lib/quietHours'
import { initials } from '../../renderer/src/lib/format'
import { conversation, settings } from './support/fakeNode'

const at = (h: number, m = 0) => new Date(2025, 5, 1, h, m)

describe('quiet hours', () => {
  it('covers a window inside one day', () => {
    const q = { from: '09:00', to: '17:30' }
    expect(inQuietHours(q, at(9))).toBe(true)
    expect(inQuietHours(q, at(17, 29))).toBe(true)
    expect(inQuietHours(q, at(17, 30))).toBe(false)
    expect(inQuietHours(q, at(8, 59))).toBe(false)
  })
  it('wraps past midnight', () => {
    const q = { from: '22:00', to: '07:00' }
    expect(inQuietHours(q, at(23))).toBe(true)
    expect(inQuietHours(q, at(3))).toBe(true)
    expect(inQuietHours(q, at(7))).toBe(false)
    expect(inQuietHours(null, at(3))).toBe(false)
  })
})

describe('shouldNotify', () => {
  const now = at(12)
  const c = conversation('c', 'x', 'ava')
  it('notifies by default', () => {
    expect(shouldNotify({ summary: c, settings: settings(), now, viewing: false })).toBe(true)
  })
  it('R16: never for a muted conversation, until the mute ends', () => {
    expect(shouldNotify({ summary: { ...c, muted: true, mutedUntil: null }, settings: settings(), now, viewing: false })).toBe(false)
    const ended = new Date(now.getTime() - 1000).toISOString()
    expect(shouldNotify({ summary: { ...c, muted: true, mutedUntil: ended }, settings: settings(), now, viewing: false })).toBe(true)
  })
  it('respects notifications off, quiet hours, and a conversation being read', () => {
    const off = settings({ notifications: { enabled: false, showPreview: true, countInBadge: true, quietHours: null } })
    const quiet = settings({ notifications: { enabled: true, showPreview: true, countInBadge: true, quietHours: { from: '11:00', to: '13:00' } } })
    expect(shouldNotify({ summary: c, settings: off, now, viewing: false })).toBe(false)
    expect(shouldNotify({ summary: c, settings: quiet, now, viewing: false })).toBe(false)
    expect(shouldNotify({ summary: c, settings: settings(), now, viewing: true })).toBe(false)
  })
  it('hides sender and text when previews are off', () => {
    expect(notificationText({ text: 'secret' }, c, { handle: 'me' }, false, true)).toEqual({ title: 'Envelope · @me', body: 'You have a new message.' })
    expect(notificationText({ text: 'hello' }, c, { handle: 'me' }, true, false)).toEqual({ title: 'Ava', body: 'hello' })
  })
})

describe('badge and shortcuts', () => {
  it('sums unread only for accounts that count in the badge', () => {
    const unread: Record<string, number> = { a: 2, b: 5 }
    const s = { a: settings(), b: settings({ notifications: { enabled: true, showPreview: true, countInBadge: false, quietHours: null } }) }
    expect(badgeCount(['a', 'b'], (id) => unread[id], s)).toBe(2)
  })
  it('Ctrl/Cmd+1..9 picks the n-th account, Ctrl/Cmd+0 all accounts', () => {
    const ids = ['x', 'y']
    const key = (k: string, mods: Partial<KeyboardEvent> = { ctrlKey: true }) =>
      accountForKey({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods }, ids)
    expect(key('2')).toBe('y')
    expect(key('1', { metaKey: true })).toBe('x')
    expect(key('0')).toBe('all')
    expect(key('3')).toBeNull()
    expect(key('1', {})).toBeNull()
  })
  it('makes initials from names and handles', () => {
    expect(initials('Northwind Studio')).toBe('NS')
    expect(initials('kai.sk8')).toBe('KS')
    expect(initials('Lena')).toBe('LE')
  })
})
