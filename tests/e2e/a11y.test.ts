// Accessibility (issue 16): axe-core audits every pane of the demo world, light and dark, and
// fails on any serious or critical WCAG 2.1 A/AA violation, with one line per finding (impact,
// rule id, target, summary). Per-view counts of every finding go to
// tests/artifacts/axe-summary.json, and each view's screenshot to tests/artifacts/palette-*.png.
//
// HOW TO ADD A PANE: append one entry to PANE_VIEWS below: a `name` (also the screenshot
// name), an `open(page)` that gets there from wherever the previous view left the page (click
// through the sidebar or rail as a person would, then wait for the pane's content), and, for
// overlays, a `close(page)` that puts the page back. Nothing else is needed: the test runs
// axe on it in light and dark.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect } from 'vitest'
import type { Page } from 'playwright-core'
import { audit, blockingLines } from './support/axe'
import { ARTIFACTS, openAs } from './support/browser'
import { it as base } from './support/fixtures'
import { openConversation, openNetwork, row } from './support/ui'
import { person } from './support/world'

interface PaneView {
  name: string
  open: (page: Page) => Promise<void>
  close?: (page: Page) => Promise<void>
}

const account = async (page: Page, handle: string) => {
  await page.getByTestId(`rail-account-${handle}`).click()
  await page.getByTestId('scope-title').filter({ hasNotText: 'All accounts' }).waitFor()
}

/** The first conversation of the given folder of the current account, opened from the list. */
const firstRow = async (page: Page, folder: 'inbox' | 'requests') => {
  await page.getByTestId(`folder-${folder}`).click()
  await page.getByTestId('conversation-row').first().click()
}

export const PANE_VIEWS: PaneView[] = [
  {
    name: 'home-all-accounts',
    open: async (page) => {
      await page.getByTestId('rail-all').click()
      await page.getByTestId('home-pane').waitFor()
      await page.getByTestId('conversation-row').nth(4).waitFor()
    },
  },
  {
    name: 'conversation',
    open: async (page) => {
      await account(page, 'northwind.studio')
      await firstRow(page, 'inbox')
      await page.getByTestId('message-text').first().waitFor()
    },
  },
  {
    name: 'conversation-menu',
    open: async (page) => {
      await page.getByTestId('conversation-menu-button').click()
      await page.getByTestId('context-menu').waitFor()
    },
    close: async (page) => {
      await page.keyboard.press('Escape')
      await page.getByTestId('context-menu').waitFor({ state: 'detached' })
    },
  },
  {
    name: 'block-confirmation',
    open: async (page) => {
      await page.getByTestId('conversation-menu-button').click()
      await page.getByTestId('menu-block').click()
      await page.getByTestId('confirm-dialog').waitFor()
    },
    close: async (page) => {
      await page.getByTestId('confirm-cancel').click()
      await page.getByTestId('confirm-dialog').waitFor({ state: 'detached' })
    },
  },
  {
    name: 'request',
    open: async (page) => {
      await firstRow(page, 'requests')
      await page.getByTestId('request-profile').getByTestId('profile-summary').waitFor()
      await page.getByTestId('message-text').first().waitFor()
    },
  },
  {
    name: 'compose-new',
    open: async (page) => {
      await page.getByTestId('folder-inbox').click()
      await page.getByTestId('nav-compose').click()
      await page.getByTestId('recipient-search').fill('luna')
      await page.getByTestId('recipient-option').first().waitFor()
    },
  },
  {
    name: 'compose-preview',
    open: async (page) => {
      await page.getByTestId('recipient-option').first().click()
      await page.getByTestId('relation-preview').waitFor()
    },
  },
  {
    name: 'directory',
    open: async (page) => {
      await page.getByTestId('nav-directory').click()
      await page.getByTestId('directory-result').nth(5).waitFor()
    },
  },
  {
    name: 'profile',
    open: async (page) => {
      await page.getByTestId('directory-result').first().locator('.who').click()
      await page.getByTestId('profile-pane').getByTestId('profile-summary').waitFor()
      await page.getByTestId('relation-preview').waitFor()
    },
  },
  {
    name: 'settings',
    open: async (page) => {
      await page.getByTestId('nav-settings').click()
      await page.getByTestId('read-receipts-toggle').waitFor()
    },
  },
  {
    name: 'settings-eu-account',
    open: async (page) => {
      await account(page, 'lena.berlin')
      await page.getByTestId('read-receipts-toggle-reason').waitFor()
    },
  },
  {
    name: 'network',
    open: async (page) => {
      await openNetwork(page)
    },
  },
  {
    name: 'creator-lists',
    open: async (page) => {
      await page.getByTestId('nav-lists').click()
      await page.getByTestId('lists-pane').waitFor()
    },
  },
  {
    name: 'campaigns',
    open: async (page) => {
      await page.getByTestId('nav-campaigns').click()
      await page.getByTestId('campaign-form').waitFor()
      await page.getByTestId('usage-meter').waitFor()
    },
  },
  {
    name: 'creators-pipeline',
    open: async (page) => {
      await page.getByTestId('nav-creators').click()
      await page.getByTestId('stage-to_contact').waitFor()
    },
  },
  {
    name: 'business-tools',
    open: async (page) => {
      await account(page, 'northwind.studio')
      await page.getByTestId('nav-business').click()
      await page.getByTestId('business-form').waitFor()
      await page.getByTestId('business-preview').waitFor()
    },
  },
  {
    name: 'business-tools-eu-account',
    open: async (page) => {
      await account(page, 'lena.berlin')
      await page.getByTestId('business-off-reason').waitFor()
      await page.getByTestId('saved-replies').waitFor()
    },
  },
  {
    name: 'create-account',
    open: async (page) => {
      await page.getByTestId('rail-add').click()
      await page.getByTestId('ca-submit').click()
      await page.getByTestId('ca-error-handle').waitFor()
    },
    close: async (page) => {
      await page.keyboard.press('Escape')
      await page.getByTestId('create-account-dialog').waitFor({ state: 'detached' })
    },
  },
  {
    name: 'keyboard-shortcuts',
    open: async (page) => {
      await page.getByTestId('nav-directory').focus()
      await page.keyboard.press('?')
      await page.getByTestId('shortcuts-dialog').waitFor()
    },
    close: async (page) => {
      await page.keyboard.press('Escape')
      await page.getByTestId('shortcuts-dialog').waitFor({ state: 'detached' })
    },
  },
]

const SCHEMES = ['light', 'dark'] as const
const summary: Record<string, Record<string, number>> = {}

const it = base.extend('page', { scope: 'file' }, async ({ node, browser }, { onCleanup }) => {
  const person = await openAs(browser, node, undefined, 'light', { bypassCSP: true })
  onCleanup(() => person.context.close())
  return person.page
})

/** Audits the page in both colour schemes; returns the blocking lines of both. */
async function auditBothSchemes(page: Page, name: string): Promise<string[]> {
  const lines: string[] = []
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' })
    // The new scheme's styles are in place before axe reads colours: the query matches and
    // two frames have been drawn since.
    await page.waitForFunction((s) => matchMedia(`(prefers-color-scheme: ${s})`).matches, scheme)
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))
    mkdirSync(ARTIFACTS, { recursive: true })
    await page.screenshot({ path: join(ARTIFACTS, `palette-${name}-${scheme}.png`) })
    let result = await audit(page)
    // Right after a scheme switch Chromium now and then hands axe one element's colour from the
    // old scheme (a different element each run). A real problem is there on a second look too:
    // findings are read again once, and the second reading counts.
    if (blockingLines(result.findings).length > 0) {
      await page.waitForTimeout(250)
      result = await audit(page)
    }
    summary[`${name} (${scheme})`] = result.perRule
    lines.push(...blockingLines(result.findings).map((l) => `[${scheme}] ${l}`))
  }
  return lines
}

describe('accessibility: axe-core on every pane, light and dark', () => {
  afterAll(() => {
    mkdirSync(ARTIFACTS, { recursive: true })
    writeFileSync(join(ARTIFACTS, 'axe-summary.json'), `${JSON.stringify(summary, null, 2)}\n`)
  })

  it('the sign-in screen', async ({ node, browser }) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true })
    const page = await context.newPage()
    await page.goto(node.url)
    await page.getByTestId('signin-screen').waitFor()
    expect(await auditBothSchemes(page, 'signin')).toEqual([])
    await context.close()
  })

  it.for(PANE_VIEWS)('$name', async (view, { page }) => {
    await view.open(page)
    const lines = await auditBothSchemes(page, view.name)
    if (view.close) {
      await view.close(page)
    }
    expect(lines).toEqual([])
  })

  it('screen readers hear an arriving message and a toast once, not again on redraws', async ({ node, page }) => {
    const [olga, pete, quinn] = [await person(node.client, 'Olga'), await person(node.client, 'Pete'), await person(node.client, 'Quinn')]
    for (const [a, b] of [[olga, pete], [pete, olga], [olga, quinn], [quinn, olga]]) {
      await node.client.follow(a.id, b.id)
    }
    await node.client.send(pete.id, { to: olga.id, text: 'Hi Olga', clientId: 'a11y-live-1' })
    await page.getByTestId(`rail-account-${olga.handle}`).click()
    await openConversation(page, pete.handle)
    await page.getByTestId('message-text').first().waitFor()
    // Everything the live regions say from now on, one entry per announcement.
    await page.evaluate(() => {
      const heard: string[] = []
      ;(window as unknown as { heard: string[] }).heard = heard
      for (const region of document.querySelectorAll('[data-testid^="announce-"]')) {
        new MutationObserver(() => region.textContent && heard.push(region.textContent)).observe(region, { childList: true, characterData: true, subtree: true })
      }
    })
    const heard = () => page.evaluate(() => (window as unknown as { heard: string[] }).heard)

    await node.client.send(pete.id, { to: olga.id, text: 'Are you free on Friday?', clientId: 'a11y-live-2' })
    await expect.poll(heard).toEqual(['Pete: Are you free on Friday?'])
    // A message in another conversation raises a toast, announced once as well.
    await node.client.send(quinn.id, { to: olga.id, text: 'Quick question about the shoot', clientId: 'a11y-live-3' })
    await page.getByTestId('toast').waitFor()
    await expect.poll(async () => (await heard()).length).toBe(2)
    const both = await heard()
    expect(both[1]).toContain('Quick question about the shoot')

    // Redraws say nothing new: scrolling the history, the theme and window size changing, the
    // conversation list redrawn for another folder and back.
    await page.getByTestId('message-list').evaluate((el) => el.scrollTo(0, 0))
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.setViewportSize({ width: 1000, height: 700 })
    await page.getByTestId('folder-requests').click()
    await page.getByTestId('folder-inbox').click()
    await row(page, quinn.handle).waitFor()
    await page.getByTestId('message-list').evaluate((el) => el.scrollTo(0, el.scrollHeight))
    await page.emulateMedia({ colorScheme: 'light' })
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.waitForTimeout(300)
    expect(await heard()).toEqual(both)
    // Neither the history nor the toast stack is itself a live region (they redraw).
    const LIVE = '[aria-live], [role="log"], [role="status"], [role="alert"]'
    const insideLive = await page.evaluate(
      (live) => [...document.querySelectorAll('[data-testid="message-text"], [data-testid="toast"]')].filter((el) => el.closest(live)).length,
      LIVE,
    )
    expect(insideLive).toBe(0)
  })
})
