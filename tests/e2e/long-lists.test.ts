// A person with hundreds of conversations: the inbox renders only what fits on screen, loads
// its first page only, and scrolling the list brings the later pages. (Timing lives in
// bench/ui.mts, not here.)
import { describe, expect } from 'vitest'
import { openAs, screenshot } from './support/browser'
import { it } from './support/fixtures'

const PARTNERS = 300

describe('a long inbox', () => {
  it('keeps the list virtualised (a few dozen rows in the DOM out of 300) and fetches later pages as it scrolls', async ({ node, browser }) => {
    const person = (handle: string) => ({ handle, displayName: handle, birthDate: '1990-01-01', phone: '+14155550123', region: 'US', kind: 'personal' as const })
    const { account: me } = await node.client.createAccount(person('busy.inbox'))
    // Each partner follows me and writes once: direct messages (R6), one conversation each.
    for (let i = 0; i < PARTNERS; i += 25) {
      await Promise.all(
        Array.from({ length: Math.min(25, PARTNERS - i) }, async (_, k) => {
          const { account } = await node.client.createAccount(person(`fan_${i + k}`))
          await node.client.follow(account.id, me.id)
          await node.client.send(account.id, { to: me.id, text: `hello from fan ${i + k}`, clientId: `fan-${i + k}` })
        }),
      )
    }
    const { page } = await openAs(browser, node, 'busy.inbox')
    const pages: string[] = []
    page.on('request', (r) => {
      const url = new URL(r.url())
      if (url.pathname.endsWith(`/accounts/${me.id}/conversations`) && url.searchParams.get('folder') === 'inbox') {
        pages.push(url.searchParams.get('cursor') ?? 'first')
      }
    })
    const rows = page.locator('[data-testid="conversation-row"]')
    const list = page.getByTestId('conversation-list')
    // (A generous bound: two shared cores under load draw the first page slowly.)
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(0)
    expect(await rows.count()).toBeLessThan(60)
    // Only the first page so far: the list's size is not known yet, and the oldest is not here.
    expect(await rows.first().getAttribute('aria-setsize')).toBe('-1')
    expect(await rows.first().getAttribute('aria-posinset')).toBe('1')
    const inFolder = (await node.client.conversations(me.id, 'inbox')).conversations.length
    const last = page.locator(`[data-testid="conversation-row"][aria-posinset="${inFolder}"]`)
    expect(await last.count()).toBe(0)
    await screenshot(page, 'long-inbox-first-page')
    // Scrolling to the end of what is loaded brings the next page, by cursor, until the oldest.
    for (let i = 0; i < 20 && (await last.count()) === 0; i++) {
      await list.evaluate((el) => (el.scrollTop = el.scrollHeight))
      await page.waitForTimeout(200)
    }
    await last.waitFor()
    expect(pages.filter((cursor) => cursor !== 'first').length).toBeGreaterThan(0)
    expect(await rows.count()).toBeLessThan(60)
    // Every page in: the list's size is the folder's, as the node counts it.
    expect(await last.getAttribute('aria-setsize')).toBe(String(inFolder))
    expect(await last.getAttribute('data-with')).toBe((await node.client.conversations(me.id, 'inbox')).conversations.at(-1)?.with.handle)
    await screenshot(page, 'long-inbox-scrolled-to-oldest')
  })
})
