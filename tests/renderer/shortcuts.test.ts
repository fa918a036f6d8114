// `?` opens the shortcuts list only where it is not text being typed (issue 16), every shortcut
// listed says what it does, and a modal dialog keeps Tab inside itself.
import { afterEach, describe, expect, it } from 'vitest'
import { trapTab } from '../../renderer/src/composables/useDialogFocus'
import { wantsShortcutHelp } from '../../renderer/src/composables/useShortcuts'
import { SHORTCUT_GROUPS } from '../../renderer/src/shortcuts'

const key = (k: string, target: EventTarget | null, mods: Partial<Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'altKey'>> = {}) => ({
  key: k,
  target,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
})

afterEach(() => {
  document.body.innerHTML = ''
})

describe('the ? shortcut', () => {
  it.each([
    ['a button', () => document.createElement('button'), true],
    ['the page itself', () => document.body, true],
    ['a text field', () => document.createElement('input'), false],
    ['the compose box', () => document.createElement('textarea'), false],
    ['a select', () => document.createElement('select'), false],
  ])('typed on %s: opens the list = %s', (_, make, opens) => {
    const el = make()
    if (el !== document.body) {
      document.body.append(el)
    }
    expect(wantsShortcutHelp(key('?', el))).toBe(opens)
  })

  it('not with a modifier, and not over an open dialog or menu', () => {
    expect(wantsShortcutHelp(key('?', document.body, { ctrlKey: true }))).toBe(false)
    expect(wantsShortcutHelp(key('/', document.body))).toBe(false)
    document.body.innerHTML = '<div role="dialog" aria-modal="true"></div>'
    expect(wantsShortcutHelp(key('?', document.body))).toBe(false)
  })

  it('every listed shortcut has keys and says what it does', () => {
    const all = SHORTCUT_GROUPS.flatMap((g) => g.shortcuts)
    expect(all.length).toBeGreaterThan(8)
    for (const s of all) {
      expect(s.keys.length).toBeGreaterThan(0)
      expect(s.does).toMatch(/^[A-Z].{8,}/)
    }
  })
})

describe('focus trap', () => {
  it('Tab from the last control goes to the first, Shift+Tab from the first to the last', () => {
    document.body.innerHTML = '<div id="d"><button id="a">A</button><input id="b"><button id="c" disabled>C</button><button id="e">E</button></div>'
    const box = document.getElementById('d')
    const press = (shiftKey: boolean) => {
      const e = new KeyboardEvent('keydown', { key: 'Tab', shiftKey, cancelable: true })
      trapTab(e, box)
      return e.defaultPrevented
    }
    document.getElementById('e')!.focus()
    expect(press(false)).toBe(true)
    expect(document.activeElement?.id).toBe('a')
    expect(press(true)).toBe(true)
    expect(document.activeElement?.id).toBe('e')
    // In the middle, Tab is left to the browser.
    document.getElementById('b')!.focus()
    expect(press(false)).toBe(false)
  })
})
