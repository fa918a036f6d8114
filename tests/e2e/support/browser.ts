// Debian's Chromium driven by playwright-core (never `npx playwright install`), one context
// per person, each signing in with its own one-time link.
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { chromium } from 'playwright-core'
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
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

/**
 * Opens the app in a new context and switches to `handle`'s account in the rail. `extra` adds
 * context options (the accessibility audit passes `bypassCSP: true` to inject axe-core).
 */
export async function openAs(
  browser: Browser,
  node: TestNode,
  handle?: string,
  colorScheme: 'light' | 'dark' = 'light',
  extra: BrowserContextOptions = {},
): Promise<Person> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme, ...extra })
  const errors: string[] = []
  // The first person uses the link the node printed; the others get a fresh one-time link
  // minted through the API (POST /login-links), as a signed-in person would hand one over.
  let url = node.loginUrl
  if (usedCodes.has(node)) {
    url = (await node.client.createLoginLink()).url
  }
  usedCodes.add(node)
  const page = await context.newPage()
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(url)
  await page.getByTestId('rail-all').waitFor()
  if (handle) {
    await page.getByTestId(`rail-account-${handle}`).click()
  }
  return { context, page, errors }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true })
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) })
}
