// P6-P8: size in the UI and the inbox API. A large world (a 100,000-message conversation and
// 10,000 conversations) against a small one (100 messages, 10 conversations), each served by
// the real headless node and driven in Debian's Chromium as a person would.
// Run: tsx --tsconfig tsconfig.node.json bench/ui.mts [--quick]
import { rmSync } from 'node:fs'
import { loadavg } from 'node:os'
import { chromium } from 'playwright-core'
import { call } from './lib/http.mts'
import { startEnvelope } from './lib/proc.mts'
import { median, QUICK, row, writeRows } from './lib/results.mts'
import type { Row } from './lib/results.mts'
import { inboxWorld, world } from './lib/seed.mts'

const LARGE = { messages: 100_000, conversations: 10_000 }
const SMALL = { messages: 100, conversations: 10 }
const OPENS = QUICK ? 3 : 5
const SCROLL_MS = QUICK ? 2_000 : 4_000
const PAGE_GETS = QUICK ? 200 : 500
/** Scroll runs per world: fps swings with what else the shared machine runs, so the median of three. */
const SCROLLS = 3

const FPS_SCRIPT = `new Promise((resolve) => {
  const el = document.querySelector('[data-testid="conversation-list"]')
  let frames = 0
  const start = performance.now()
  const step = (now) => {
    el.scrollTop = el.scrollTop + 120 >= el.scrollHeight - el.clientHeight ? 0 : el.scrollTop + 120
    frames++
    if (now - start < MS) requestAnimationFrame(step)
    else resolve((frames * 1000) / (now - start))
  }
  requestAnimationFrame(step)
})`

interface Figures {
  openMs: number
  fps: number
  /** Every scroll run's fps, in order. */
  runs: number[]
  firstPageMs: number
  /** The 1-minute load average when the scrolling ended. */
  load: number
}

async function measure(name: string, size: { messages: number; conversations: number }): Promise<Figures> {
  const dir = await world(`inbox-${size.messages}-${size.conversations}`, inboxWorld(size.messages, size.conversations))
  const node = await startEnvelope(dir, [], /open http/)
  const login = /open (http:\/\/\S+)/.exec(node.output)![1]
  try {
    // P8: the first page of the inbox over the API, one request at a time.
    // A page of 10 in both worlds, so the figure is what the inbox's size costs, not the page's.
    const page = () => call(node.url, 'GET', '/accounts/a_me/conversations?limit=10')
    for (let i = 0; i < 20; i++) {
      await page()
    }
    let t0 = performance.now()
    for (let i = 0; i < PAGE_GETS; i++) {
      await page()
    }
    const firstPageMs = (performance.now() - t0) / PAGE_GETS

    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    })
    try {
      const ui = await browser.newPage({ viewport: { width: 1280, height: 800 } })
      await ui.goto(login)
      await ui.getByTestId('rail-account-me').click()
      const rows = ui.locator('[data-testid="conversation-row"]')
      await rows.first().waitFor()
      const list = ui.getByTestId('message-list')
      const newest = `message ${size.messages - 1}: about the collab`
      // P6: from the click on the long conversation to its newest message on screen.
      const opens: number[] = []
      for (let i = 0; i < OPENS + 1; i++) {
        await ui.locator('[data-testid="conversation-row"]:not([data-with="pen"])').first().click()
        await list
          .getByText(/hello from partner/)
          .first()
          .waitFor()
        t0 = performance.now()
        await ui.locator('[data-testid="conversation-row"][data-with="pen"]').click()
        await list.getByText(newest, { exact: true }).waitFor()
        if (i > 0) {
          opens.push(performance.now() - t0)
        }
      }
      // P7: frames drawn while the inbox scrolls 120 px a frame (wrapping at the end).
      // (A string: tsx would wrap named functions in a helper the page does not have.)
      const runs: number[] = []
      for (let i = 0; i < SCROLLS; i++) {
        runs.push((await ui.evaluate(FPS_SCRIPT.replace('MS', String(SCROLL_MS)))) as number)
      }
      const fps = median(runs)
      const load = loadavg()[0]
      console.log(
        `${name}: open ${median(opens).toFixed(0)} ms, ${fps.toFixed(1)} fps (runs ${runs.map((r) => r.toFixed(1)).join(', ')}; load ${load.toFixed(1)}), first page ${firstPageMs.toFixed(2)} ms`,
      )
      return { openMs: median(opens), fps, runs, firstPageMs, load }
    } finally {
      await browser.close()
    }
  } finally {
    await node.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

const small = await measure('small', SMALL)
const large = await measure('large', LARGE)
const rows: Row[] = [
  row(
    'P6',
    large.openMs,
    small.openMs,
    'ms',
    `Chromium: open a ${LARGE.messages.toLocaleString('en')}-message conversation vs a ${SMALL.messages}-message one (median of ${OPENS}); target <= 1.2`,
  ),
  row(
    'P7',
    large.fps,
    60,
    'fps',
    `Chromium: scrolling a ${LARGE.conversations.toLocaleString('en')}-conversation inbox for ${SCROLL_MS / 1000} s vs 60 fps, median of ${SCROLLS} (${large.runs.map((r) => r.toFixed(1)).join(', ')}; load average ${large.load.toFixed(1)}); the ${SMALL.conversations}-conversation inbox: ${small.fps.toFixed(1)} (load ${small.load.toFixed(1)}); target >= 0.92`,
  ),
  row(
    'P8',
    large.firstPageMs,
    small.firstPageMs,
    'ms',
    `GET the inbox's first page (limit=10) at ${LARGE.conversations.toLocaleString('en')} conversations vs ${SMALL.conversations}, mean of ${PAGE_GETS}; target <= 1.5`,
  ),
]
writeRows('ui', rows)
