// End to end (issue 3): the unified "All accounts" inbox labels each row with its account;
// Ctrl+1..9 switches; create an account with the shared schema's messages; the directory
// filters and a profile with follow/unfollow.
import { describe, expect } from 'vitest'
import type { Page } from 'playwright-core'
import { openAs, screenshot } from './support/browser'
import { it } from './support/fixtures'

/** The directory's "N accounts" as a number. */
const directoryTotal = async (page: Page) => Number((await page.getByTestId('directory-total').textContent())!.replace(/\D/g, ''))

describe('inbox, accounts and directory in the browser', () => {
  it('signs in with the printed one-time link, and the code leaves the address bar', async ({ node, browser }) => {
    const p = await openAs(browser, node)
    expect(p.page.url()).toBe(`${node.url}/`)
    // The link works once: opened again elsewhere, it explains what to do instead.
    const stranger = await browser.newContext()
    const page = await stranger.newPage()
    await page.goto(node.loginUrl)
    await page.getByTestId('signin-screen').waitFor()
    expect(await page.getByTestId('signin-screen').textContent()).toContain('expired or was already used')
    await page.goto(node.url)
    expect(await page.getByTestId('signin-screen').textContent()).toContain('Open the link printed by npm run serve')
    await screenshot(page, 'signin-screen')
    await stranger.close()
    await p.context.close()
  })

  it('the unified inbox mixes every account, labels each row, and has its own Requests count', async ({ node, browser }) => {
    const p = await openAs(browser, node)
    await p.page.getByTestId('rail-all').click()
    await expect.poll(() => p.page.getByTestId('scope-title').textContent()).toBe('All accounts')
    // Each account's list arrives on its own: read the rows once all five are there.
    await expect.poll(() => p.page.getByTestId('conversation-row').count()).toBe(5)
    const labels = await p.page.getByTestId('row-account').allTextContents()
    expect(new Set(labels)).toEqual(new Set(['@northwind.studio', '@lena.berlin']))
    expect(await p.page.getByTestId('conversation-row').count()).toBe(5)
    expect(await p.page.getByTestId('requests-count').textContent()).toBe('1')
    await screenshot(p.page, 'unified-inbox')

    await p.page.getByTestId('folder-requests').click()
    expect(await p.page.getByTestId('row-account').allTextContents()).toEqual(['@northwind.studio'])

    // Opening a row from the unified list acts as that row's account.
    await p.page.getByTestId('folder-inbox').click()
    await p.page.locator('[data-testid="conversation-row"][data-account="lena.berlin"]').first().click()
    await expect.poll(() => p.page.getByTestId('conversation-account').textContent()).toBe('as @lena.berlin')

    // Keyboard: Ctrl+2 is the second account; arrows and Enter open a conversation.
    await p.page.keyboard.press('Control+2')
    await expect.poll(() => p.page.getByTestId('scope-title').textContent()).toBe('Lena Vogel')
    await p.page.keyboard.press('Control+1')
    await expect.poll(() => p.page.getByTestId('scope-title').textContent()).toBe('Northwind Studio')
    await p.page.getByTestId('conversation-list').focus()
    await p.page.keyboard.press('ArrowDown')
    await p.page.keyboard.press('Enter')
    await p.page.getByTestId('conversation-pane').waitFor()
    const second = await p.page.locator('[data-testid="conversation-row"]').nth(1).getAttribute('data-with')
    expect(await p.page.getByTestId('conversation-title').textContent()).toBeTruthy()
    expect(await p.page.locator('[data-testid="conversation-row"][aria-selected="true"]').getAttribute('data-with')).toBe(second)
    expect(p.errors).toEqual([])
    await p.context.close()
  })

  it('R1: creating an account shows the schema messages, then the new account is selected', async ({ node, browser }) => {
    const p = await openAs(browser, node)
    await p.page.getByTestId('rail-add').click()
    await p.page.getByTestId('ca-submit').click()
    expect(await p.page.getByTestId('ca-error-handle').textContent()).toBe('A handle is 2 to 24 characters long.')
    expect(await p.page.getByTestId('ca-error-displayName').textContent()).toBe('A display name is required.')
    await p.page.getByTestId('ca-handle').fill('northwind.studio')
    await p.page.getByTestId('ca-display-name').fill('Nova Reyes')
    await p.page.getByTestId('ca-birth-date').fill('1992-08-14')
    await p.page.getByTestId('ca-phone').fill('12345')
    await p.page.getByTestId('ca-submit').click()
    expect(await p.page.getByTestId('ca-error-phone').textContent()).toBe('A phone number is in international format, e.g. +14155550123.')
    await screenshot(p.page, 'create-account-errors')
    await p.page.getByTestId('ca-phone').fill('+14155550999')
    await p.page.getByTestId('ca-submit').click()
    await expect.poll(() => p.page.getByTestId('ca-error-handle').textContent()).toMatch(/taken/i)
    await p.page.getByTestId('ca-handle').fill('nova.reyes')
    await p.page.getByTestId('ca-submit').click()
    await p.page.getByTestId('rail-account-nova.reyes').waitFor()
    await expect.poll(() => p.page.getByTestId('scope-title').textContent()).toBe('Nova Reyes')
    expect(p.errors).toEqual([])
    await p.context.close()
  })

  it('the directory filters by topic, followers, engagement and verification; a profile follows and unfollows', async ({ node, browser }) => {
    const p = await openAs(browser, node, 'northwind.studio')
    await p.page.getByTestId('nav-directory').click()
    await p.page.getByTestId('directory-result').first().waitFor()
    const all = await directoryTotal(p.page)
    await p.page.getByTestId('directory-topic').selectOption('fitness')
    await p.page.getByTestId('directory-min-followers').fill('10000')
    await p.page.getByTestId('directory-min-engagement').fill('2')
    await expect.poll(() => directoryTotal(p.page)).toBeLessThan(all)
    const api = await node.client.directory({ topic: 'fitness', minFollowers: 10000, minEngagement: 2, limit: 1 })
    await expect.poll(() => directoryTotal(p.page)).toBe(api.total)
    await p.page.getByTestId('directory-verified').check()
    const verified = await node.client.directory({ topic: 'fitness', minFollowers: 10000, minEngagement: 2, verified: 'true', limit: 1 })
    await expect.poll(() => directoryTotal(p.page)).toBe(verified.total)
    await p.page.getByTestId('directory-verified').uncheck()
    await expect.poll(() => directoryTotal(p.page)).toBe(api.total)
    await screenshot(p.page, 'directory-filters')

    // A creator nobody here follows: open the profile, follow, unfollow.
    const target = (await node.client.directory({ q: 'luna', limit: 50 })).accounts.find((a) => a.directoryOnly)!
    await p.page.getByTestId('directory-q').fill(target.handle)
    await p.page.getByTestId('directory-topic').selectOption('')
    await p.page.getByTestId('directory-min-followers').fill('')
    await p.page.getByTestId('directory-min-engagement').fill('')
    await p.page.locator(`[data-testid="directory-result"][data-handle="${target.handle}"] .who`).click()
    await p.page.getByTestId('profile-pane').waitFor()
    await p.page.getByTestId('profile-summary').waitFor()
    const follow = p.page.getByTestId('profile-pane').getByTestId('follow-button').first()
    await follow.click()
    await p.page.getByTestId('profile-pane').getByTestId('unfollow-button').waitFor()
    expect((await node.client.relation('@northwind.studio', target.id)).relation.following).toBe(true)
    await screenshot(p.page, 'profile-following')
    await p.page.getByTestId('profile-pane').getByTestId('unfollow-button').click()
    await p.page.getByTestId('profile-pane').getByTestId('follow-button').first().waitFor()
    expect((await node.client.relation('@northwind.studio', target.id)).relation.following).toBe(false)
    expect(p.errors).toEqual([])
    await p.context.close()
  })
})
