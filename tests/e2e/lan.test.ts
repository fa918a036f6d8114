// Issue 4, "A browser end-to-end test: two instances, two browser pages, a message typed in one
// appears live in the other". Two headless nodes on 127.0.0.1, each with its own data folder;
// they pair through their Network panes (one shows its code, the other types it), both panes
// show the other online, then Alice on node A messages Bob on node B (found by searching his
// handle), it arrives live in Bob's page, and his reply arrives live in hers. Unpair last.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchBrowser, openAs, screenshot } from './support/browser'
import { startNodes } from './support/node'
import type { TestNode } from './support/node'
import { messages, openConversation, openNetwork, pairWith, peerRow, row, showPairingCode, startMessage, type } from './support/ui'
import { person } from './support/world'

// Peer status is polled every 3 s by the pane and the links heartbeat every 5 s.
const STATUS = { timeout: 15_000, interval: 100 }
const LIVE = { timeout: 10_000, interval: 50 }

let nodeA: TestNode
let nodeB: TestNode
let browser: Browser

beforeAll(async () => {
  // No demo world: both would seed the same handles.
  ;[nodeA, nodeB] = await startNodes([
    { demo: false, name: 'Studio A', host: '127.0.0.1' },
    { demo: false, name: 'Studio B', host: '127.0.0.1' },
  ])
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await Promise.all([nodeA?.stop(), nodeB?.stop()])
})

describe('two instances over the LAN', () => {
  it('pair through the Network panes, then a message typed on one node appears live on the other', async () => {
    const alice = await person(nodeA.client, 'Alice')
    const bob = await person(nodeB.client, 'Bob')
    const a = await openAs(browser, nodeA, alice.handle)
    // Bob's browser prefers dark: both themes get a screenshot.
    const b = await openAs(browser, nodeB, bob.handle, 'dark')

    // Node A's pane: its identity, loopback only, nobody paired yet; it shows a code.
    const paneA = await openNetwork(a.page)
    expect(await paneA.getByTestId('node-name').textContent()).toBe('Studio A')
    expect(await paneA.getByTestId('node-address').textContent()).toBe(nodeA.url)
    expect(await paneA.getByTestId('node-reach').getAttribute('data-reach')).toBe('loopback')
    await paneA.getByTestId('peers-empty').waitFor()
    const code = await showPairingCode(a.page)
    expect(code).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/)
    expect(await paneA.getByTestId('pairing-code-expiry').textContent()).toMatch(/Expires in \d+:\d\d/)
    await screenshot(a.page, 'network-pairing-code')

    // Node B's pane: a wrong code is refused with the node's sentence, the right one pairs.
    const paneB = await openNetwork(b.page)
    await paneB.getByTestId('peers-empty').waitFor()
    await pairWith(b.page, nodeA.url, 'AAAAA-AAAAA')
    const refused = paneB.getByTestId('pair-error')
    await refused.waitFor()
    expect(await refused.textContent()).not.toContain('PAIRING_FAILED')
    expect((await refused.textContent())?.length).toBeGreaterThan(10)
    await pairWith(b.page, nodeA.url, code)
    await paneB.getByTestId('pair-done').waitFor()
    expect(await paneB.getByTestId('pair-done').textContent()).toContain('Studio A')
    expect(await paneB.getByTestId('pair-error').count()).toBe(0)

    // Each pane lists the other node, online; A's pane says its code was used.
    await expect.poll(() => peerRow(b.page, 'Studio A').getAttribute('data-online'), STATUS).toBe('true')
    await expect.poll(() => peerRow(a.page, 'Studio B').getAttribute('data-online'), STATUS).toBe('true')
    await paneA.getByTestId('pairing-code-used').waitFor()
    expect(await paneA.getByTestId('pairing-code').count()).toBe(0)
    expect(await peerRow(a.page, 'Studio B').getByTestId('peer-url').textContent()).toBe(nodeB.url)
    await expect.poll(() => peerRow(b.page, 'Studio A').getByTestId('peer-behind').textContent(), STATUS).toBe('In sync')
    await screenshot(a.page, 'network-paired')
    await screenshot(b.page, 'network-paired-other-side')

    // Bob's account reaches node A by replication; Alice finds him by his handle and follows
    // him (decided on her home), so her message goes directly (R6), decided on his home.
    await expect.poll(async () => (await nodeA.client.directory({ q: bob.handle })).accounts.map((x) => x.handle), LIVE).toContain(bob.handle)
    const preview = await startMessage(a.page, bob.handle)
    await expect.poll(() => preview.getAttribute('data-delivery'), LIVE).toBe('refused')
    await a.page.getByTestId('follow-button').click()
    await expect.poll(() => preview.getAttribute('data-delivery'), LIVE).toBe('direct')
    await type(a.page, 'Hi Bob, this is Alice on Studio A.')
    await a.page.getByTestId('conversation-pane').waitFor()
    await expect.poll(() => a.page.getByTestId('delivery-state').last().getAttribute('data-state'), LIVE).toBe('sent')

    // Bob, still on his Network pane, gets it live: a new row and a toast, no reload.
    await row(b.page, alice.handle).waitFor()
    await expect.poll(() => b.page.getByTestId('toast').first().textContent(), LIVE).toContain('Hi Bob, this is Alice on Studio A.')
    await openConversation(b.page, alice.handle)
    await expect.poll(() => messages(b.page).allTextContents(), LIVE).toEqual(['Hi Bob, this is Alice on Studio A.'])

    // A second message lands in his open conversation; his reply lands in hers.
    await type(a.page, 'Did this cross the network?')
    await expect.poll(() => messages(b.page).allTextContents(), LIVE).toEqual(['Hi Bob, this is Alice on Studio A.', 'Did this cross the network?'])
    await screenshot(b.page, 'lan-message-received')
    await type(b.page, 'It did! Greetings from Studio B.')
    await expect
      .poll(() => messages(a.page).allTextContents(), LIVE)
      .toEqual(['Hi Bob, this is Alice on Studio A.', 'Did this cross the network?', 'It did! Greetings from Studio B.'])
    // Alice has the conversation open and both keep read receipts on: Bob sees it read, across nodes too.
    await expect.poll(() => b.page.getByTestId('delivery-state').last().getAttribute('data-state'), LIVE).toBe('seen')
    await screenshot(a.page, 'lan-reply-received')

    // Unpair from B, after confirming: both panes are back to the empty state.
    await openNetwork(b.page)
    await peerRow(b.page, 'Studio A').getByTestId('peer-unpair').click()
    const dialog = b.page.getByTestId('confirm-dialog')
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain('Unpair “Studio A”?')
    await dialog.getByTestId('confirm-ok').click()
    await b.page.getByTestId('peers-empty').waitFor()
    await openNetwork(a.page)
    await a.page.getByTestId('peers-empty').waitFor({ timeout: STATUS.timeout })

    expect([...a.errors, ...b.errors]).toEqual([])
    await a.context.close()
    await b.context.close()
  })
})
