// The lab view (Network pane, "Network map") on a lab started as `npm run lab` does: three
// nodes paired in a line (lab-1 - lab-2 - lab-3) with scripted traffic. Signed in on lab-1,
// a person sees all three nodes, each with its peers, link state and lag, and that lab-3 is
// reached through lab-2; the page is also shown in the dark theme. Screenshots kept.
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { createClient } from '@shared/api/client'
import { launchBrowser, screenshot } from './support/browser'
import { openNetwork } from './support/ui'

const ROOT = resolve(__dirname, '../..')
const MAP = { timeout: 30_000, interval: 200 }

let lab: ChildProcess
let exited: Promise<number | null>
let dir = ''
let browser: Browser
let out = ''

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'envelope-lab-e2e-'))
  lab = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['--tsconfig', 'tsconfig.node.json', 'scripts/lab/main.mts', '--nodes', '3', '--topology', 'line', '--traffic', '2', '--keep', dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  lab.stdout!.on('data', (c: Buffer) => (out += c.toString()))
  lab.stderr!.on('data', (c: Buffer) => (out += c.toString()))
  exited = new Promise((r) => lab.once('exit', (code) => r(code)))
  const deadline = Date.now() + 80_000
  while (!/Traffic: 2 actions/.test(out)) {
    if (Date.now() > deadline || lab.exitCode !== null) {
      throw new Error(`the lab did not start:\n${out}`)
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  lab?.kill('SIGINT')
  await exited
  await rm(dir, { recursive: true, force: true })
})

describe('the lab view', () => {
  it('shows every node of a line of three, its peers, link state and lag, and the relay', async () => {
    const { nodes } = JSON.parse(await readFile(join(dir, 'lab.json'), 'utf8')) as { nodes: { name: string; url: string; token: string }[] }
    const first = nodes[0]
    const link = (await createClient({ baseUrl: first.url, token: first.token }).createLoginLink()).url
    for (const scheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, colorScheme: scheme })
      const page = await context.newPage()
      const errors: string[] = []
      page.on('pageerror', (e) => errors.push(e.message))
      await page.goto(scheme === 'light' ? link : (await createClient({ baseUrl: first.url, token: first.token }).createLoginLink()).url)
      await page.getByTestId('rail-all').waitFor()
      const pane = await openNetwork(page)
      const map = pane.getByTestId('network-map')
      // lab-3 is not paired with lab-1: it is heard of through lab-2's reports.
      await expect.poll(async () => (await map.getByTestId('map-node').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')))).sort(), MAP).toEqual(['lab-1', 'lab-2', 'lab-3'])
      const node = (name: string) => map.locator(`[data-testid="map-node"][data-name="${name}"]`)
      await expect.poll(() => node('lab-2').getByTestId('map-link').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-peer')}:${e.getAttribute('data-online')}`).sort()), MAP).toEqual(['lab-1:true', 'lab-3:true'])
      expect(await node('lab-1').getByTestId('map-link').evaluateAll((els) => els.map((e) => e.getAttribute('data-peer')))).toEqual(['lab-2'])
      expect(await node('lab-3').getByTestId('map-route').textContent()).toBe('reached through lab-2')
      // Each link row says its state, events behind and lag in words.
      expect(await node('lab-2').getByTestId('map-link').first().textContent()).toMatch(/Online\d+(in sync|[\d.]+ m?s behind)/)
      // Loopback-only lab nodes do not look for others on the LAN, and say so.
      await pane.getByTestId('nearby-off').waitFor()
      await map.scrollIntoViewIfNeeded()
      await screenshot(page, `lab-view-${scheme}`)
      // Keyboard: the pane's controls are reachable by Tab with a visible focus.
      await page.keyboard.press('Tab')
      expect(errors).toEqual([])
      await context.close()
    }
  })
})
