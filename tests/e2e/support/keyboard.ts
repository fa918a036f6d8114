// Moving through the app with the keyboard only, as a person who cannot use a mouse would:
// Tab / Shift+Tab to a control, arrows inside menus and lists, reading where focus is.
import type { Page } from 'playwright-core'

/** The data-testid of the focused element, or its tag and text when it has none. */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement
    if (!el) {
      return '(nothing)'
    }
    return el.getAttribute('data-testid') ?? `${el.tagName.toLowerCase()}: ${(el.textContent ?? '').trim().slice(0, 40)}`
  })
}

/** Presses Tab (or Shift+Tab) until the control with `testid` has focus; at most `max` presses. */
export async function tabTo(page: Page, testid: string, options: { back?: boolean; max?: number } = {}): Promise<void> {
  const max = options.max ?? 60
  for (let i = 0; i <= max; i++) {
    if ((await focused(page)) === testid) {
      return
    }
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab')
  }
  throw new Error(`${max} presses of ${options.back ? 'Shift+Tab' : 'Tab'} never reached ${testid}; focus is on ${await focused(page)}`)
}

/** Presses an arrow key in an open menu until `testid` has focus. */
export async function arrowTo(page: Page, testid: string, key: 'ArrowDown' | 'ArrowUp' = 'ArrowDown', max = 12): Promise<void> {
  for (let i = 0; i <= max; i++) {
    if ((await focused(page)) === testid) {
      return
    }
    await page.keyboard.press(key)
  }
  throw new Error(`${key} never reached ${testid}; focus is on ${await focused(page)}`)
}
