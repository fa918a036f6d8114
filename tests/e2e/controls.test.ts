// End to end (issue 3): R11 block asks first and then stops both sides; R16 mute silences
// notifications but keeps unread; R17 delete-for-me leaves the other side's history whole.
import { describe, expect } from 'vitest'
import type { EnvelopeClient } from '@shared/api/client'
import type { AccountView } from '@shared/types'
import { openAs, screenshot } from './support/browser'
import { it } from './support/fixtures'
import { menuOn, messages, openConversation, row, type } from './support/ui'
import { person } from './support/world'

let seq = 0

/** Two people who follow each other and have talked. */
async function friends(client: EnvelopeClient, a: string, b: string, lines: [0 | 1, string][]): Promise<[AccountView, AccountView]> {
  const pair = [await person(client, a), await person(client, b)] as [AccountView, AccountView]
  await client.follow(pair[0].id, pair[1].id)
  await client.follow(pair[1].id, pair[0].id)
  for (const [who, text] of lines) {
    await say(client, pair[who], pair[1 - who], text)
  }
  return pair
}

const say = (client: EnvelopeClient, from: AccountView, to: AccountView, text: string) =>
  client.send(from.id, { to: to.id, text, clientId: `e2e-${++seq}` })

describe('conversation controls in the browser', () => {
  it('R11: block asks for confirmation, then neither side can send', async ({ node, browser }) => {
    const [frank, gina] = await friends(node.client, 'Frank', 'Gina', [
      [1, 'Hey Frank!'],
      [0, 'Hi Gina'],
    ])
    const f = await openAs(browser, node, frank.handle)
    const g = await openAs(browser, node, gina.handle)
    await openConversation(f.page, gina.handle)
    await openConversation(g.page, frank.handle)

    // Cancel first: nothing happens.
    await menuOn(row(f.page, gina.handle), 'block')
    const dialog = f.page.getByTestId('confirm-dialog')
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain(`@${gina.handle} will not be able to message you`)
    await screenshot(f.page, 'block-confirmation')
    await f.page.getByTestId('confirm-cancel').click()
    expect(await dialog.count()).toBe(0)
    expect((await node.client.listBlocks(frank.id)).accounts).toEqual([])
    expect(await f.page.getByTestId('compose-input').isEnabled()).toBe(true)

    // Confirm from the header menu: both sides see why they cannot write.
    await f.page.getByTestId('conversation-menu-button').click()
    await f.page.getByTestId('menu-block').click()
    await f.page.getByTestId('confirm-ok').click()
    await f.page.getByTestId('compose-disabled-reason').waitFor()
    expect(await f.page.getByTestId('compose-input').isDisabled()).toBe(true)
    await g.page.getByTestId('compose-disabled-reason').waitFor()
    expect(await g.page.getByTestId('compose-input').isDisabled()).toBe(true)
    const reason = await g.page.getByTestId('compose-disabled-reason').textContent()
    expect(reason).not.toMatch(/^[A-Z_]+$/)
    await expect(say(node.client, gina, frank, 'still there?')).rejects.toMatchObject({ code: 'BLOCKED' })
    await expect(say(node.client, frank, gina, 'bye')).rejects.toMatchObject({ code: 'BLOCKED' })
    await screenshot(g.page, 'blocked-other-side')

    // The block is listed in Frank's privacy settings, with Unblock.
    await f.page.getByTestId('nav-settings').click()
    await f.page.locator(`[data-testid="blocked-list"] [data-handle="${gina.handle}"]`).waitFor()
    await f.page.getByTestId(`unblock-${gina.handle}`).click()
    await f.page.getByTestId('blocked-empty').waitFor()
    expect([...f.errors, ...g.errors]).toEqual([])
    await f.context.close()
    await g.context.close()
  })

  it('R16: a muted conversation raises no notification but still counts unread', async ({ node, browser }) => {
    const [hank, ivy] = await friends(node.client, 'Hank', 'Ivy', [[0, 'Hi Ivy']])
    const h = await openAs(browser, node, hank.handle)
    await say(node.client, ivy, hank, 'First, before the mute')
    await expect.poll(() => h.page.getByTestId('toast').allTextContents()).toEqual([expect.stringContaining('First, before the mute')])
    await h.page.getByTestId('toast').getByRole('button', { name: 'Dismiss' }).click()

    await menuOn(row(h.page, ivy.handle), 'mute-8h')
    await row(h.page, ivy.handle).getByTestId('muted-icon').waitFor()
    const { conversations } = await node.client.conversations(hank.id)
    expect(conversations[0].muted).toBe(true)
    expect(Date.parse(conversations[0].mutedUntil!) - Date.now()).toBeGreaterThan(7.9 * 3_600_000)

    await say(node.client, ivy, hank, 'Second, while muted')
    await expect.poll(() => row(h.page, ivy.handle).getByTestId('row-unread').textContent()).toBe('2')
    await h.page.waitForTimeout(800)
    expect(await h.page.getByTestId('toast').allTextContents()).not.toContainEqual(expect.stringContaining('Second, while muted'))
    await screenshot(h.page, 'muted-conversation')

    // Unmute from the same menu; the next message notifies again.
    await menuOn(row(h.page, ivy.handle), 'unmute')
    await expect.poll(() => row(h.page, ivy.handle).getByTestId('muted-icon').count()).toBe(0)
    await say(node.client, ivy, hank, 'Third, after unmuting')
    await expect.poll(() => h.page.getByTestId('toast').allTextContents()).toContainEqual(expect.stringContaining('Third, after unmuting'))
    expect(h.errors).toEqual([])
    await h.context.close()
  })

  it('R17: delete for me hides a message and a conversation for one side only', async ({ node, browser }) => {
    const [jack, kim] = await friends(node.client, 'Jack', 'Kim', [
      [0, 'one'],
      [1, 'two'],
      [0, 'three'],
    ])
    const j = await openAs(browser, node, jack.handle)
    const k = await openAs(browser, node, kim.handle)
    await openConversation(j.page, kim.handle)
    await openConversation(k.page, jack.handle)
    await expect.poll(() => messages(j.page).allTextContents()).toEqual(['one', 'two', 'three'])

    await menuOn(j.page.getByTestId('message-list').getByText('two', { exact: true }), 'delete-message')
    await expect.poll(() => messages(j.page).allTextContents()).toEqual(['one', 'three'])
    await k.page.reload()
    await k.page.getByTestId(`rail-account-${kim.handle}`).click()
    await openConversation(k.page, jack.handle)
    await expect.poll(() => messages(k.page).allTextContents()).toEqual(['one', 'two', 'three'])

    // The whole conversation, after confirming: gone for Jack, whole for Kim.
    await menuOn(row(j.page, kim.handle), 'delete-conversation')
    await j.page.getByTestId('confirm-ok').click()
    await expect.poll(() => row(j.page, kim.handle).count()).toBe(0)
    await j.page.getByTestId('home-pane').waitFor()
    expect((await node.client.messages(kim.id, (await node.client.conversations(kim.id)).conversations[0].id)).messages.map((m) => m.text)).toEqual(['one', 'two', 'three'])
    await screenshot(k.page, 'delete-for-me-other-side-keeps-history')

    // A new message brings the conversation back for Jack, with only what is newer.
    await type(k.page, 'four')
    await row(j.page, kim.handle).click()
    await expect.poll(() => messages(j.page).allTextContents()).toEqual(['four'])
    await screenshot(j.page, 'delete-for-me-reappears')
    expect([...j.errors, ...k.errors]).toEqual([])
    await j.context.close()
    await k.context.close()
  })
})
