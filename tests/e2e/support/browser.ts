// Debian's Chromium driven by playwright-core (never `npx playwright install`), one context
// per person. The first context signs in with the link the node printed (one-time code); the
// others, like a second browser profile, are handed a session for the same node.
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { chromium } from 'playwright-core'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { TestNode } from './node'

export const ARTIFACTS = resolve(__dirname, '../../artifacts')

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
}

const usedCodes = new WeakSet<TestNode>()

export interface Person {
  context: BrowserContext
  page: Page
  errors: string[]
}

/** Opens the app in a new context and switches to `handle`'s account in the rail. */
export async function openAs(browser: Browser, node: TestNode, handle?: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Person> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme })
  const errors: string[] = []
  let url = node.url
  if (!usedCodes.has(node)) {
    usedCodes.add(node)
    url = node.loginUrl
  } else {
    await context.addInitScript((token: string) => {
      if (!window.sessionStorage.getItem('envelope.session')) window.sessionStorage.setItem('envelope.session', token)
    }, node.token)
  }
  const page = await context.newPage()
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(url)
  await page.getByTestId('rail-all').waitFor()
  if (handle) await page.getByTestId(`rail-account-${handle}`).click()
  return { context, page, errors }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true })
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) })
}
