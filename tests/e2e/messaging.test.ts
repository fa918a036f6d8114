// End to end in Chromium against `npm run serve --demo` (issue 3): two browser contexts as two
// people. R6 follow then send directly; a message arriving live in the other context; R7/R8 a
// request accepted and one deleted (the sender is not told).
import { describe, expect } from 'vitest'
import { openAs, screenshot } from './support/browser'
import { it } from './support/fixtures'
import { messages, openConversation, row, startMessage, type } from './support/ui'
import { person } from './support/world'

describe('messaging in the browser', () => {
  it('R6: follow from compose, then the message goes directly and arrives live on the other side', async ({ node, browser }) => {
    const alice = await person(node.client, 'Alice')
    const bob = await person(node.client, 'Bob')
    const a = await openAs(browser, node, alice.handle)
    const b = await openAs(browser, node, bob.handle)

    // Before following: the shared rules say it cannot be sent, and why; Follow is offered.
    const preview = await startMessage(a.page, bob.handle)
    await expect.poll(() => preview.getAttribute('data-delivery')).toBe('refused')
    expect(await preview.textContent()).toContain('Cannot be sent')
    await a.page.getByTestId('follow-button').click()
    await expect.poll(() => preview.getAttribute('data-delivery')).toBe('direct')
    expect(await preview.textContent()).toContain('Will arrive directly')

    await type(a.page, 'Hi Bob, loved your last video!')
    await a.page.getByTestId('conversation-pane').waitFor()
    await expect.poll(() => messages(a.page).allTextContents()).toEqual(['Hi Bob, loved your last video!'])
    await expect.poll(() => a.page.getByTestId('delivery-state').last().getAttribute('data-state')).toBe('sent')

    // Bob did nothing: the conversation appears in his inbox (not Requests) with a toast.
    await row(b.page, alice.handle).waitFor()
    await expect.poll(() => b.page.getByTestId('toast').first().textContent()).toContain('Hi Bob, loved your last video!')
    expect(await b.page.getByTestId('requests-count').textContent()).toBe('0')
    await openConversation(b.page, alice.handle)
    await expect.poll(() => messages(b.page).allTextContents()).toEqual(['Hi Bob, loved your last video!'])

    // A message sent now shows up in Bob's open conversation without a reload; he can reply (R10).
    await type(a.page, 'Are you around this week?')
    await expect.poll(() => messages(b.page).allTextContents()).toEqual(['Hi Bob, loved your last video!', 'Are you around this week?'])
    await type(b.page, 'Yes! Thursday works.')
    await expect.poll(() => messages(a.page).allTextContents()).toContain('Yes! Thursday works.')
    await screenshot(a.page, 'follow-send-direct-sender')
    await screenshot(b.page, 'live-message-receiver')
    expect([...a.errors, ...b.errors]).toEqual([])
    await a.context.close()
    await b.context.close()
  })

  it('R7/R8: a request is accepted and moves to the inbox; another is deleted without telling its sender', async ({ node, browser }) => {
    const carol = await person(node.client, 'Carol', { who: 'everyone' })
    const dave = await person(node.client, 'Dave')
    const erin = await person(node.client, 'Erin')
    const c = await openAs(browser, node, carol.handle)
    const d = await openAs(browser, node, dave.handle)

    const preview = await startMessage(d.page, carol.handle)
    await expect.poll(() => preview.getAttribute('data-delivery')).toBe('request')
    await type(d.page, 'Hello Carol, could we collaborate?')
    await expect.poll(() => d.page.getByTestId('delivery-state').last().getAttribute('data-state')).toBe('request')
    expect(await d.page.getByTestId('delivery-text').last().textContent()).toBe('Request sent')
    // R8: no second message while the request waits.
    await expect.poll(() => d.page.getByTestId('compose-disabled-reason').isVisible()).toBe(true)

    // Carol sees it live in Requests, with the sender's profile, and accepts.
    await expect.poll(() => c.page.getByTestId('requests-count').textContent()).toBe('1')
    await c.page.getByTestId('folder-requests').click()
    await row(c.page, dave.handle).click()
    await c.page.getByTestId('request-pane').waitFor()
    await expect.poll(() => c.page.getByTestId('request-profile').textContent()).toContain(`@${dave.handle}`)
    await screenshot(c.page, 'request-pane')
    await c.page.getByTestId('request-accept').click()
    await c.page.getByTestId('conversation-pane').waitFor()
    expect(await c.page.getByTestId('requests-count').textContent()).toBe('0')
    expect(await c.page.getByTestId('folder-inbox').getAttribute('aria-selected')).toBe('true')
    await type(c.page, 'Sure, tell me more!')
    await expect.poll(() => messages(d.page).allTextContents()).toContain('Sure, tell me more!')
    await expect.poll(() => d.page.getByTestId('compose-disabled-reason').count()).toBe(0)

    // A second request, deleted: it disappears for Carol; Erin still sees "request sent".
    await node.client.send(erin.id, { to: carol.id, text: 'Buy followers cheap!!!', clientId: 'e2e-erin-1' })
    await expect.poll(() => c.page.getByTestId('requests-count').textContent()).toBe('1')
    await c.page.getByTestId('folder-requests').click()
    await row(c.page, erin.handle).click()
    await c.page.getByTestId('request-delete').click()
    await expect.poll(() => c.page.getByTestId('requests-count').textContent()).toBe('0')
    await c.page.getByTestId('conversation-list-empty').waitFor()
    const { conversations } = await node.client.conversations(erin.id)
    expect(conversations.map((x) => x.state)).toEqual(['request-sent'])
    await screenshot(c.page, 'request-deleted')
    expect([...c.errors, ...d.errors]).toEqual([])
    await c.context.close()
    await d.context.close()
  })
})

describe('long history in the browser', () => {
  it('a long conversation is virtualised and loads older pages when scrolled to the top', async ({ node, browser }) => {
    const olga = await person(node.client, 'Olga')
    const pete = await person(node.client, 'Pete')
    await node.client.follow(olga.id, pete.id)
    await node.client.follow(pete.id, olga.id)
    for (let i = 1; i <= 130; i++) {
      await node.client.send(i % 2 ? olga.id : pete.id, { to: i % 2 ? pete.id : olga.id, text: `line ${i}`, clientId: `e2e-long-${i}` })
    }
    const o = await openAs(browser, node, olga.handle)
    await openConversation(o.page, pete.handle)
    await expect.poll(() => messages(o.page).last().textContent()).toBe('line 130')
    // Only what is on screen (plus a margin) is in the page, not all 130 lines.
    expect(await messages(o.page).count()).toBeLessThan(60)

    // Back to the top until the first line is there: each arrival at the top loads one older
    // page, and the list then scrolls back down by the page's height to keep the reader's
    // place. So keep returning to the top until nothing older is left (the start marker shows)
    // and the first line stays on screen.
    const list = o.page.getByTestId('message-list')
    const start = list.getByText('This is the start of your conversation.')
    const firstLine = list.getByText('line 1', { exact: true })
    await expect
      .poll(
        async () => {
          await list.evaluate((el) => {
            el.scrollTop = 0
            el.dispatchEvent(new Event('scroll'))
          })
          return (await start.count()) > 0 && (await firstLine.isVisible())
        },
        { timeout: 30_000 },
      )
      .toBe(true)
    await screenshot(o.page, 'long-history-start')
    expect(o.errors).toEqual([])
    await o.context.close()
  })
})
