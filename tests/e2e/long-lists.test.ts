// A person with hundreds of conversations: the inbox renders only what fits on screen,
// and scrolling the list brings the rest. (Timing lives in bench/ui.mts, not here.)
import { describe, expect } from 'vitest'
import { openAs, screenshot } from './support/browser'
import { it } from './support/fixtures'

const PARTNERS = 300

describe('a long inbox', () => {
  it('keeps the conversation list virtualised: a few dozen rows in the DOM out of 300', async ({ node, browser }) => {
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
    const rows = page.locator('[data-testid="conversation-row"]')
    await expect.poll(() => rows.count()).toBeGreaterThan(0)
    expect(await rows.count()).toBeLessThan(60)
    // The oldest conversation is reachable by scrolling the list, not by rendering it up front.
    expect(await page.locator('[data-with="fan_0"]').count()).toBe(0)
    await page.getByTestId('conversation-list').evaluate((el) => (el.scrollTop = el.scrollHeight))
    await page.locator('[data-with="fan_0"]').waitFor()
    expect(await rows.count()).toBeLessThan(60)
    await screenshot(page, 'long-inbox-scrolled-to-oldest')
  })
})
