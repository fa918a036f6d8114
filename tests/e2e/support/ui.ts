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
