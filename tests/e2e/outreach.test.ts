// Outreach end to end in Chromium (issue 12): filter the directory and save the results as a
// list, write a template and preview it per creator, start a small campaign, watch the sends
// go out live, and see a creator's reply arrive in the tracking view and its chart.
import { describe, expect } from 'vitest'
import { openAs, screenshot } from './support/browser'
import { it } from './support/fixtures'
import { person } from './support/world'

describe('outreach in the browser', () => {
  it('directory -> list -> template preview -> campaign -> live sends -> a reply in tracking and its chart', async ({ node, browser }) => {
    const brand = await person(node.client, 'Brandco')
    const creators = []
    for (const name of ['Zesty1', 'Zesty2', 'Zesty3']) {
      const creator = await person(node.client, name, { who: 'everyone' })
      // The third has no topic: {topic} is empty for it, so it is skipped, never sent a broken message.
      if (name !== 'Zesty3') {
        await node.client.updateProfile(creator.id, { topics: ['cooking'] })
      }
      creators.push(creator)
    }
    const { page, errors, context } = await openAs(browser, node, brand.handle)

    // Filter the directory and save what it shows as a list.
    await page.getByTestId('nav-directory').click()
    await page.getByTestId('directory-q').fill('zesty')
    await expect.poll(() => page.getByTestId('directory-total').textContent()).toBe('3 accounts')
    await page.getByTestId('save-list-name').fill('Zesty cooks')
    await page.getByTestId('save-list').click()
    await expect.poll(() => page.getByTestId('save-list-note').textContent()).toContain('with 3 creators')

    // A template with a live preview per creator.
    await page.getByTestId('nav-campaigns').click()
    await page.getByTestId('campaign-form').waitFor()
    await page.getByTestId('campaign-name').fill('Spring cooking')
    await page.getByTestId('campaign-list').selectOption({ label: 'Zesty cooks (3)' })
    await page.getByTestId('template-name').fill('Cooking intro')
    await page.getByTestId('template-text').fill('Hi {displayName}, love your {topic} videos! Fancy a collab?')
    await page.getByTestId('template-save').click()
    await expect.poll(() => page.getByTestId('template-preview').count()).toBe(3)
    const previews = await page.getByTestId('template-preview').allTextContents()
    expect(previews.filter((p) => p.includes('love your cooking videos'))).toHaveLength(2)
    expect(previews.filter((p) => p.includes('TEMPLATE_VARIABLE_EMPTY'))).toHaveLength(1)
    await screenshot(page, 'outreach-template-preview')

    // Start: one send a second; the sends show up live.
    await page.getByTestId('campaign-per-hour').fill('3600')
    await page.getByTestId('campaign-start').click()
    await page.getByTestId('campaign-tracking').waitFor()
    await expect.poll(() => page.getByTestId('count-skipped').locator('dd').textContent()).toBe('1')
    await expect.poll(() => page.getByTestId('count-sent_request').locator('dd').textContent(), { timeout: 20_000 }).toBe('2')

    // A creator replies: tracking and the chart update without a reload.
    await node.client.send(creators[0].id, { to: brand.id, text: 'Yes please, tell me more!', clientId: 'e2e-reply-1' })
    await expect.poll(() => page.getByTestId('count-replied').locator('dd').textContent(), { timeout: 10_000 }).toBe('1')
    await expect.poll(() => page.getByTestId('response-rate').locator('dd').textContent()).toBe('50 %')
    await expect.poll(() => page.locator('[data-testid="recipient-row"][data-status="replied"]').count()).toBe(1)
    await expect.poll(() => page.getByTestId('campaign-chart').locator('canvas').count()).toBe(1)
    expect(await page.getByTestId('campaign-chart').locator('canvas').getAttribute('aria-label')).toContain('1 replied')
    await screenshot(page, 'outreach-tracking-light')

    // The pipeline: the replier is "in talks", the other reached creator "contacted".
    await page.getByTestId('nav-creators').click()
    await expect.poll(() => page.getByTestId('stage-in_talks').getByTestId('creator-card').count()).toBe(1)
    await expect.poll(() => page.getByTestId('stage-contacted').getByTestId('creator-card').count()).toBe(1)
    // Move by the stage menu (keyboard reachable): agreed.
    await page.getByTestId('stage-in_talks').getByTestId('creator-stage').selectOption('agreed')
    await expect.poll(() => page.getByTestId('stage-agreed').getByTestId('creator-card').count()).toBe(1)
    await screenshot(page, 'outreach-pipeline')
    expect(errors).toEqual([])
    await context.close()

    // The same tracking view in the dark theme.
    const dark = await openAs(browser, node, brand.handle, 'dark')
    await dark.page.getByTestId('nav-campaigns').click()
    await dark.page.getByTestId('campaign-item').first().click()
    await dark.page.getByTestId('campaign-tracking').waitFor()
    await screenshot(dark.page, 'outreach-tracking-dark')
    expect(dark.errors).toEqual([])
    await dark.context.close()
  })
})
