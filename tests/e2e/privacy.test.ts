// End to end (issue 3): R15 an EU account cannot turn read receipts on; "Seen" shows only when
// both sides have receipts on; R4 a 17-year-old cannot choose "everyone".
import { describe, expect } from 'vitest'
import type { Page } from 'playwright-core'
import { openAs, screenshot } from './support/browser'
import { it } from './support/fixtures'
import { openConversation, row, startMessage, type } from './support/ui'
import { person } from './support/world'

const lastState = (page: Page) => page.getByTestId('delivery-state').last().getAttribute('data-state')

describe('privacy in the browser', () => {
  it('R15: the EU account sees read receipts off and cannot turn them on; R4: the 17-year-old cannot pick everyone', async ({ node, browser }) => {
    const p = await openAs(browser, node, 'lena.berlin')
    await p.page.getByTestId('nav-settings').click()
    const toggle = p.page.getByTestId('read-receipts-toggle')
    expect(await toggle.isDisabled()).toBe(true)
    expect(await toggle.isChecked()).toBe(false)
    expect(await p.page.getByTestId('read-receipts-toggle-reason').textContent()).toBe('Read receipts are not available for accounts in the EU/EEA.')
    await toggle.click({ force: true })
    expect(await toggle.isChecked()).toBe(false)
    expect((await node.client.getSettings('@lena.berlin')).settings.readReceipts).toBe(false)
    await screenshot(p.page, 'eu-read-receipts-disabled')

    await p.page.keyboard.press('Control+3')
    await expect.poll(() => p.page.getByTestId('scope-title').textContent()).toBe('Kai')
    const everyone = p.page.getByTestId('who-option-everyone')
    expect(await everyone.isDisabled()).toBe(true)
    expect(await p.page.getByTestId('who-reason-everyone').textContent()).toContain('Accounts under 18 cannot let everyone message them.')
    await p.page.getByTestId('who-option-followers').check()
    await expect.poll(async () => (await node.client.getSettings('@kai.sk8')).settings.whoCanMessageMe).toBe('followers')
    await screenshot(p.page, 'teen-who-can-message-me')
    expect(p.errors).toEqual([])
    await p.context.close()
  })

  it('R15: "Seen" shows only while both sides have read receipts on', async ({ node, browser }) => {
    const leo = await person(node.client, 'Leo')
    const mona = await person(node.client, 'Mona')
    await node.client.follow(leo.id, mona.id)
    await node.client.follow(mona.id, leo.id)
    const l = await openAs(browser, node, leo.handle)
    const m = await openAs(browser, node, mona.handle)

    await startMessage(l.page, mona.handle)
    await type(l.page, 'Did you see the new cut?')
    await expect.poll(() => lastState(l.page)).toBe('sent')

    // Mona reads it: Leo sees "Seen" without reloading.
    await row(m.page, leo.handle).waitFor()
    await openConversation(m.page, leo.handle)
    await expect.poll(() => lastState(l.page)).toBe('seen')
    expect(await l.page.getByTestId('delivery-text').last().textContent()).toBe('Seen')
    await screenshot(l.page, 'seen-both-receipts-on')

    // Mona turns receipts off: Leo's next message stays "Sent" after she reads it.
    await m.page.getByTestId('nav-settings').click()
    await m.page.getByTestId('read-receipts-toggle').click({ force: true })
    await expect.poll(async () => (await node.client.getSettings(mona.id)).settings.readReceipts).toBe(false)
    await type(l.page, 'And the second one?')
    await expect.poll(() => lastState(l.page)).toBe('sent')
    await openConversation(m.page, leo.handle)
    await expect.poll(async () => (await node.client.conversations(mona.id)).conversations[0].unread).toBe(0)
    await l.page.waitForTimeout(500)
    expect(await lastState(l.page)).toBe('sent')
    expect(await l.page.locator('[data-testid="delivery-state"][data-state="seen"]').count()).toBe(0)
    await screenshot(l.page, 'seen-hidden-receipts-off')
    expect([...l.errors, ...m.errors]).toEqual([])
    await l.context.close()
    await m.context.close()
  })

  it('R15: a message to the EU account never shows "Seen"', async ({ node, browser }) => {
    const n = await openAs(browser, node, 'northwind.studio')
    const lenaPage = await openAs(browser, node, 'lena.berlin')
    await openConversation(n.page, 'lena.berlin')
    await type(n.page, 'Saturday at 10 is perfect.')
    await expect.poll(() => lastState(n.page)).toBe('sent')
    await openConversation(lenaPage.page, 'northwind.studio')
    await expect.poll(async () => (await node.client.conversations('@lena.berlin')).conversations.find((c) => c.with.handle === 'northwind.studio')?.unread).toBe(0)
    await n.page.waitForTimeout(500)
    expect(await lastState(n.page)).toBe('sent')
    await screenshot(n.page, 'eu-recipient-never-seen')
    expect([...n.errors, ...lenaPage.errors]).toEqual([])
    await n.context.close()
    await lenaPage.context.close()
  })
})
