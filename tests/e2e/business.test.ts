// End to end (issue 13): a business sets up its tools in the Business pane, a second account
// writes, sees the automatic welcome and the suggested questions, taps one and gets the
// answer; labels filter the business's inbox; a saved reply is inserted after "/".
import { describe, expect } from 'vitest'
import type { AccountView } from '@shared/types'
import { openAs, screenshot } from './support/browser'
import { it } from './support/fixtures'
import { openConversation, row, startMessage, type } from './support/ui'
import { person } from './support/world'

describe('business inbox in the browser', () => {
  it('R5: tools set up in the pane greet a new contact, who taps a suggested question and gets its answer', async ({ node, browser }) => {
    const { account: acme } = await node.client.createAccount({
      handle: `acme.${Date.now().toString(36).slice(-5)}`,
      displayName: 'Acme Studio',
      birthDate: '1985-01-01',
      phone: '+14155550199',
      region: 'US',
      kind: 'business',
    })
    const cleo: AccountView = await person(node.client, 'Cleo')
    const dan: AccountView = await person(node.client, 'Dan')

    // The business: tools off until it admits everyone, and the pane says why.
    const b = await openAs(browser, node, acme.handle)
    await b.page.getByTestId('nav-business').click()
    const pane = b.page.getByTestId('business-pane')
    expect(await pane.getByTestId('business-off-reason').textContent()).toMatch(/Everyone/)
    await node.client.patchSettings(acme.id, { whoCanMessageMe: 'everyone' })
    await pane.getByTestId('business-on').waitFor()
    await pane.getByTestId('business-welcome').fill('Thanks for writing to Acme Studio! A person answers within a day.')
    expect(await pane.getByTestId('business-welcome-count').textContent()).toBe('65 / 250')
    await pane.getByTestId('business-add-question').click()
    await pane.getByTestId('business-question-0').fill('What are your rates?')
    await pane.getByTestId('business-answer-0').fill('Short videos start at $400.')
    await pane.getByTestId('business-add-question').click()
    await pane.getByTestId('business-question-1').fill('Where are you based?')
    await pane.getByTestId('business-answer-1').fill('Lisbon.')
    await pane.getByTestId('business-add-keyword').click()
    await pane.getByTestId('business-keyword-0').fill('PRICE')
    await pane.getByTestId('business-reply-0').fill('See our rates at acme.example.')
    // The live preview shows what a new contact will see.
    expect(await pane.getByTestId('preview-question').allTextContents()).toEqual(['What are your rates?', 'Where are you based?'])
    await pane.getByTestId('business-save').click()
    await pane.getByTestId('business-saved').waitFor()
    expect((await node.client.business(acme.id)).business.suggestedQuestions).toHaveLength(2)
    await screenshot(b.page, 'business-pane')

    // A saved reply, made in the pane.
    await pane.getByTestId('saved-reply-title').fill('rates deck')
    await pane.getByTestId('saved-reply-text').fill('Hi {displayName}, here is our rates deck.')
    await pane.getByTestId('saved-reply-add').click()
    await pane.getByTestId('saved-reply-row').waitFor()

    // The contact writes, gets the welcome, taps a suggested question and gets the answer.
    const c = await openAs(browser, node, cleo.handle)
    await startMessage(c.page, acme.handle)
    await type(c.page, 'Hi Acme!')
    const conversation = c.page.getByTestId('conversation-pane')
    await conversation.getByTestId('message-auto').first().waitFor()
    expect(await conversation.getByTestId('message-auto').first().getAttribute('data-auto')).toBe('welcome')
    const buttons = conversation.getByTestId('suggested-question')
    expect(await buttons.allTextContents()).toEqual(['What are your rates?', 'Where are you based?'])
    await screenshot(c.page, 'business-contact-welcome')
    await buttons.first().click()
    await conversation.locator('[data-testid="message-auto"][data-auto="answer"]').waitFor()
    const texts = await conversation.getByTestId('message-text').allTextContents()
    expect(texts.slice(-2)).toEqual(['What are your rates?', 'Short videos start at $400.'])
    await screenshot(c.page, 'business-contact-answer')

    // Labels: the business labels Cleo's conversation; the filter keeps only it.
    // A contact who has not written yet sees the questions already when starting a message.
    const dn = await openAs(browser, node, dan.handle)
    await startMessage(dn.page, acme.handle)
    const firstQuestions = dn.page.getByTestId('compose-pane').getByTestId('suggested-question')
    expect(await firstQuestions.allTextContents()).toEqual(['What are your rates?', 'Where are you based?'])
    await firstQuestions.last().click()
    await dn.page.locator('[data-testid="message-auto"][data-auto="answer"]').waitFor()
    expect((await dn.page.getByTestId('message-text').allTextContents()).slice(-3)).toEqual([
      'Where are you based?',
      'Thanks for writing to Acme Studio! A person answers within a day.',
      'Lisbon.',
    ])
    await b.page.getByTestId('folder-inbox').click()
    await row(b.page, dan.handle).waitFor()
    await openConversation(b.page, cleo.handle)
    await b.page.getByTestId('labels-button').click()
    await b.page.getByTestId('new-label-name').fill('Lead')
    await b.page.getByTestId('new-label-color').selectOption('green')
    await b.page.getByTestId('new-label-add').click()
    // The conversation's own chip (a direct child), not the one beside its checkbox in the open panel.
    await b.page.locator('[data-testid="conversation-labels"] > [data-testid="label-chip"]').waitFor()
    await b.page.getByTestId('label-filter').selectOption('Lead')
    await expect.poll(() => b.page.getByTestId('conversation-row').count()).toBe(1)
    expect(await row(b.page, cleo.handle).count()).toBe(1)
    await screenshot(b.page, 'business-label-filter')
    await b.page.getByTestId('label-filter').selectOption('')
    await expect.poll(() => b.page.getByTestId('conversation-row').count()).toBe(2)

    // A saved reply inserted with "/" and a search, by keyboard alone.
    const input = b.page.getByTestId('compose-input')
    await input.click()
    await input.fill('/deck')
    await b.page.getByTestId('saved-reply-picker').waitFor()
    expect(await b.page.getByTestId('saved-reply-option').count()).toBe(1)
    await screenshot(b.page, 'business-saved-reply-picker')
    await input.press('Enter')
    await expect.poll(() => input.inputValue()).toBe('Hi Cleo, here is our rates deck.')
    await input.press('Enter')
    await expect
      .poll(async () => (await node.client.messages(cleo.id, (await node.client.relation(cleo.id, acme.id)).relation.conversationId!)).messages.at(-1)?.text)
      .toBe('Hi Cleo, here is our rates deck.')
    // Once a person at the business has answered, the suggested questions make way.
    await expect.poll(() => conversation.getByTestId('suggested-question').count()).toBe(0)
    // The pane in the dark theme, with its activity.
    const d = await openAs(browser, node, acme.handle, 'dark')
    await d.page.getByTestId('nav-business').click()
    await d.page.getByTestId('activity-row').first().waitFor()
    await screenshot(d.page, 'business-pane-dark')
    expect([...b.errors, ...c.errors, ...d.errors, ...dn.errors]).toEqual([])
  })
})
