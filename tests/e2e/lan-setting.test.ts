// The Network pane's LAN switch in a browser against `npm run serve` (issue 15, desktop part):
// there is no desktop shell to move the node, so the switch is shown off and disabled with the
// reason, in both themes; screenshots land in tests/artifacts/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchBrowser, openAs, screenshot } from './support/browser'
import { startNode } from './support/node'
import type { TestNode } from './support/node'
import { openNetwork } from './support/ui'

let node: TestNode
let browser: Browser

beforeAll(async () => {
  node = await startNode({ name: 'Front desk' })
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await node?.stop()
})

describe('LAN setting in a browser', () => {
  it.each(['light', 'dark'] as const)('is off and disabled, with the reason and the warning (%s)', async (scheme) => {
    const person = await openAs(browser, node, undefined, scheme)
    const pane = await openNetwork(person.page)
    const setting = pane.getByTestId('lan-setting')
    await setting.waitFor()
    const toggle = setting.getByRole('switch', { name: /Reachable on this network/ })
    expect(await toggle.isChecked()).toBe(false)
    expect(await toggle.isDisabled()).toBe(true)
    expect(await setting.getByTestId('lan-toggle-reason').textContent()).toContain('npm run serve -- --host 0.0.0.0')
    expect(await toggle.getAttribute('aria-describedby')).toBe('lan-toggle-help')
    expect(await setting.locator('#lan-toggle-help').textContent()).toContain('only on networks you trust')
    await setting.scrollIntoViewIfNeeded()
    await screenshot(person.page, `network-lan-setting-${scheme}`)
    expect(person.errors).toEqual([])
    await person.context.close()
  })
})
