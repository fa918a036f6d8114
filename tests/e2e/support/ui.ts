// What a person does in the UI, named as they would say it.
import type { Locator, Page } from 'playwright-core'

export const row = (page: Page, withHandle: string): Locator => page.locator(`[data-testid="conversation-row"][data-with="${withHandle}"]`)

export const messages = (page: Page): Locator => page.getByTestId('message-list').getByTestId('message-text')

export async function openConversation(page: Page, withHandle: string): Promise<void> {
  await page.getByTestId('folder-inbox').click()
  await row(page, withHandle).click()
  await page.getByTestId('conversation-pane').waitFor()
}

export async function type(page: Page, text: string): Promise<void> {
  const input = page.getByTestId('compose-input')
  await input.click()
  await input.fill(text)
  await input.press('Enter')
}

/** New message: search the directory, pick the person, wait for the preview. */
export async function startMessage(page: Page, handle: string): Promise<Locator> {
  await page.getByTestId('nav-compose').click()
  await page.getByTestId('recipient-search').fill(handle)
  await page.locator(`[data-testid="recipient-option"][data-handle="${handle}"]`).click()
  const preview = page.getByTestId('relation-preview')
  await preview.waitFor()
  return preview
}

export async function menuOn(target: Locator, item: string): Promise<void> {
  await target.click({ button: 'right' })
  await target.page().getByTestId(`menu-${item}`).click()
}

/** The Network pane (docs/PRODUCT.md 8), opened from the sidebar. */
export async function openNetwork(page: Page): Promise<Locator> {
  await page.getByTestId('nav-network').click()
  const pane = page.getByTestId('network-pane')
  await pane.getByTestId('node-identity').waitFor()
  return pane
}

/** Shows this node's one-time pairing code and reads it off the screen. */
export async function showPairingCode(page: Page): Promise<string> {
  await page.getByTestId('show-pairing-code').click()
  const code = page.getByTestId('pairing-code')
  await code.waitFor()
  return (await code.textContent())?.trim() ?? ''
}

/** Pairs with another node through the form: its address and the code it shows. */
export async function pairWith(page: Page, address: string, code: string): Promise<void> {
  await page.getByTestId('pair-address').fill(address)
  await page.getByTestId('pair-code').fill(code)
  await page.getByTestId('pair-submit').click()
}

export const peerRow = (page: Page, name: string): Locator => page.locator(`[data-testid="peer-row"][data-name="${name}"]`)
