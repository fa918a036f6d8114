// Keyboard only (issue 16): a community manager who does not use a mouse signs in, switches
// account, opens a message request, accepts it, replies, mutes and blocks (with the
// confirmation), deletes a conversation for themselves from the list's context menu, and
// deletes a second request.
// Nothing here clicks: page.goto for the sign-in link, then page.keyboard only.
import { describe, expect } from 'vitest'
import { openAs, screenshot } from './support/browser'
import { it } from './support/fixtures'
import { arrowTo, focused, tabTo } from './support/keyboard'
import { person } from './support/world'

const BUSINESS = 'northwind.studio'

describe('keyboard only', () => {
  it('sign in, switch account, accept a request, reply, mute, block and delete for me without a mouse', async ({ node, browser }) => {
    const { account: business } = await node.client.getAccount(`@${BUSINESS}`)
    const [request] = (await node.client.conversations(business.id, 'requests')).conversations
    const sender = request.with

    // Sign in with the one-time link, then switch account from the rail with Tab and Enter.
    const { page, context, errors } = await openAs(browser, node)
    await tabTo(page, `rail-account-${BUSINESS}`)
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByTestId('scope-title').textContent()).toBe('Northwind Studio')
    expect(await focused(page)).toBe(`rail-account-${BUSINESS}`)

    // `?` lists the shortcuts; Esc closes the list and focus goes back to where it was.
    await page.keyboard.press('?')
    await page.getByTestId('shortcuts-dialog').waitFor()
    expect(await focused(page)).toBe('shortcuts-close')
    await screenshot(page, 'keyboard-shortcuts-dialog')
    await page.keyboard.press('Escape')
    await page.getByTestId('shortcuts-dialog').waitFor({ state: 'detached' })
    await expect.poll(() => focused(page)).toBe(`rail-account-${BUSINESS}`)
    // Typed into a text field, `?` is just a character.
    await tabTo(page, 'inbox-search')
    await page.keyboard.type('?')
    expect(await page.getByTestId('shortcuts-dialog').count()).toBe(0)
    await page.keyboard.press('Backspace')

    // The Requests folder (the folder tabs are one Tab stop; arrows move between them), then
    // the request, from the list with Enter.
    await tabTo(page, 'folder-inbox', { back: true })
    await page.keyboard.press('ArrowRight')
    expect(await focused(page)).toBe('folder-requests')
    await tabTo(page, 'conversation-list')
    await page.keyboard.press('Enter')
    await page.getByTestId('request-pane').waitFor()
    // Focus lands on the pane's heading, so the next Tab goes into the request.
    await expect.poll(() => focused(page)).toBe('h2: Message request')
    await tabTo(page, 'request-accept')
    await page.keyboard.press('Enter')

    // Accepted: the conversation opens with the compose box focused; reply with Enter.
    await page.getByTestId('conversation-pane').waitFor()
    await expect.poll(() => focused(page)).toBe('compose-input')
    await page.keyboard.type('Thanks for reaching out! Send us your rates?')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByTestId('message-text').allTextContents()).toContain('Thanks for reaching out! Send us your rates?')
    const accepted = (await node.client.conversations(business.id, 'inbox')).conversations.find((c) => c.id === request.id)
    expect(accepted).toBeDefined()

    // A second line, then delete it for me: Shift+Tab reaches its actions button.
    await page.keyboard.type('(typo, ignore)')
    await page.keyboard.press('Enter')
    const typo = page.getByTestId('message').filter({ hasText: '(typo, ignore)' })
    await typo.locator('[data-testid="delivery-state"][data-state="sent"]').waitFor()
    await tabTo(page, 'message-menu-button', { back: true })
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="message"]')?.textContent)).toContain('(typo, ignore)')
    await page.keyboard.press('Enter')
    await page.getByTestId('context-menu').waitFor()
    await arrowTo(page, 'menu-delete-message')
    await page.keyboard.press('Enter')
    await expect.poll(() => typo.count()).toBe(0)
    await tabTo(page, 'compose-input')

    // Mute for 8 hours from the conversation's actions menu: Shift+Tab to it, arrows, Enter.
    await tabTo(page, 'conversation-menu-button', { back: true })
    await page.keyboard.press('Enter')
    await page.getByTestId('context-menu').waitFor()
    await arrowTo(page, 'menu-mute-8h')
    await screenshot(page, 'keyboard-menu-focus')
    await page.keyboard.press('Enter')
    await page.getByTestId('conversation-muted').waitFor()
    await expect.poll(async () => (await node.client.conversation(business.id, request.id)).conversation.muted).toBe(true)
    expect(await focused(page)).toBe('conversation-menu-button')

    // Block, with the confirmation: focus starts on Cancel, Tab to Block, Enter.
    await page.keyboard.press('Enter')
    await page.getByTestId('context-menu').waitFor()
    await arrowTo(page, 'menu-block')
    await page.keyboard.press('Enter')
    await page.getByTestId('confirm-dialog').waitFor()
    await expect.poll(() => focused(page)).toBe('confirm-cancel')
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('confirm-ok')
    await page.keyboard.press('Enter')
    await page.getByTestId('compose-disabled-reason').waitFor()
    await expect.poll(async () => (await node.client.listBlocks(business.id)).accounts.map((a) => a.id)).toContain(sender.id)
    expect(await focused(page)).toBe('conversation-menu-button')

    // Delete for me, from the conversation list's context menu (Shift+F10 on the highlighted row).
    // Accepting moved the view to the Inbox folder: the list is just before the pane.
    expect(await page.getByTestId('folder-inbox').getAttribute('aria-selected')).toBe('true')
    await tabTo(page, 'conversation-list', { back: true })
    await page.keyboard.press('Home')
    const first = await page.locator('[data-testid="conversation-row"]').first().getAttribute('data-with')
    await page.keyboard.press('Shift+F10')
    await page.getByTestId('context-menu').waitFor()
    await arrowTo(page, 'menu-delete-conversation')
    await page.keyboard.press('Enter')
    await page.getByTestId('confirm-dialog').waitFor()
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator(`[data-testid="conversation-row"][data-with="${first}"]`).count()).toBe(0)
    await expect.poll(() => focused(page)).toBe('conversation-list')

    // A new request, deleted from its pane: focus does not fall off the page, it goes back to
    // the (now empty) Requests folder's tab.
    const rita = await person(node.client, 'Rita')
    await node.client.send(rita.id, { to: business.id, text: 'Hi! Interested in a collab?', clientId: 'kbd-rita-1' })
    await expect.poll(() => page.getByTestId('requests-count').textContent()).toBe('1')
    await tabTo(page, 'folder-inbox', { back: true })
    await page.keyboard.press('ArrowRight')
    await tabTo(page, 'conversation-list')
    await page.keyboard.press('Enter')
    await page.getByTestId('request-pane').waitFor()
    await tabTo(page, 'request-delete')
    await page.keyboard.press('Enter')
    await page.getByTestId('home-pane').waitFor()
    await expect.poll(() => focused(page)).toBe('folder-requests')
    expect(errors).toEqual([])
    await context.close()
  })
})
