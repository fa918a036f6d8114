// Does Envelope stay usable at 100,000 messages in one conversation and 10,000
// conversations in one inbox (docs/PRODUCT.md)? Each figure is measured on a large world and on
// a small reference world in the same run; the ratio large/small says how much size costs
// (1.0: nothing). Worlds are written straight into a store, then served by the real
// headless node and driven through the API and in Debian's Chromium.
// Run: npm run bench (after bench/run.mjs), or
//      npx tsx --tsconfig tsconfig.node.json bench/scale.mts
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { defaultSettings } from '../shared/rules/settings.ts'
import type { Account } from '../shared/types.ts'
import type { DomainEvent } from '../main/store/events.ts'
import { conversationIdFor } from '../main/store/state.ts'
import { Store } from '../main/store/store.ts'

const root = join(import.meta.dirname, '..')
const TOKEN = 'bench-scale-token'
interface World {
  name: string
  messages: number
  conversations: number
}
const WORLDS: World[] = [
  { name: 'small', messages: 500, conversations: 10 },
  { name: 'large', messages: 100_000, conversations: 10_000 },
]

/** Everyone but "me" is a directory profile, so the rail shows one signed-in account. */
function account(id: string, handle: string, nodeId: string, now: Date): DomainEvent {
  const a: Account = {
    id, handle, displayName: handle, birthDate: '1990-01-01', phone: '+14155550100', region: 'US', kind: 'personal',
    verified: false, bio: '', topics: [], stats: { followers: 0, following: 0, likes: 0, engagementRate: 0 }, homeNodeId: nodeId,
    createdAt: now.toISOString(), ...(id === 'a_me' ? {} : { directoryOnly: true }),
  }
  return { type: 'account.created', account: a, settings: defaultSettings(a, now) }
}

/** Me, one long conversation with "pen", and N-1 short ones; written in big batches. */
async function seed(dir: string, world: World): Promise<void> {
  const store = await Store.open({ dataDir: dir, name: world.name })
  const start = Date.parse('2026-01-01T00:00:00Z')
  const now = new Date(start + world.messages * 1000 + 10_000_000)
  const node = store.nodeId
  let batch: DomainEvent[] = [account('a_me', 'me', node, now), account('a_pen', 'pen', node, now)]
  const flush = async () => {
    await store.commit(batch).durable
    batch = []
  }
  const long = conversationIdFor('a_me', 'a_pen')
  for (let i = 0; i < world.messages; i++) {
    const from = i % 2 === 0 ? 'a_me' : 'a_pen'
    const sentAt = new Date(start + i * 1000).toISOString()
    const message = { id: `m_${String(i).padStart(7, '0')}`, conversationId: long, from, to: from === 'a_me' ? 'a_pen' : 'a_me', text: `message ${i}: about the collab`, sentAt, clientId: `s${i}`, delivery: 'direct' as const }
    batch.push({ type: 'message.sent', conversationId: long, message, newConversation: i === 0, acceptsRequest: false })
    if (batch.length >= 5000) {
      await flush()
    }
  }
  for (let c = 1; c < world.conversations; c++) {
    const id = `a_p${c}`
    batch.push(account(id, `partner${c}`, node, now))
    const conversationId = conversationIdFor('a_me', id)
    const sentAt = new Date(start + c * 500).toISOString()
    const message = { id: `m_p${c}`, conversationId, from: id, to: 'a_me', text: `hello from partner ${c}`, sentAt, clientId: `p${c}`, delivery: 'direct' as const }
    batch.push({ type: 'message.sent', conversationId, message, newConversation: true, acceptsRequest: false })
    if (batch.length >= 5000) {
      await flush()
    }
  }
  await flush()
  await store.close()
}

function serve(dir: string): Promise<{ url: string; login: string; startedMs: number; stop: () => void }> {
  const t0 = performance.now()
  const child = spawn(process.execPath, [join(root, 'out/main/headless.js'), '--data', dir, '--port', '0', '--token', TOKEN], { stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1]
      const login = /open (http:\/\/\S+)/.exec(out)?.[1]
      if (url && login) {
        resolve({ url, login, startedMs: performance.now() - t0, stop: () => child.kill('SIGTERM') })
      }
    })
    child.on('exit', (code) => reject(new Error(`headless exited with ${code}`)))
  })
}

async function timed<T>(runs: number, fn: () => Promise<T>): Promise<number> {
  await fn() // warm-up
  const t0 = performance.now()
  for (let i = 0; i < runs; i++) {
    await fn()
  }
  return (performance.now() - t0) / runs
}

async function measure(world: World): Promise<Record<string, number>> {
  const dir = await mkdtemp(join(tmpdir(), `envelope-scale-${world.name}-`))
  try {
    await seed(dir, world)
    const node = await serve(dir)
    try {
      const get = (path: string) => fetch(`${node.url}/api/v1${path}`, { headers: { Authorization: `Bearer ${TOKEN}` } }).then((r) => r.json())
      const conv = conversationIdFor('a_me', 'a_pen')
      const newest = await get(`/accounts/a_me/conversations/${conv}/messages?limit=50`)
      const r: Record<string, number> = { 'node start (ms)': node.startedMs }
      r['API newest page of the long conversation (ms)'] = await timed(50, () => get(`/accounts/a_me/conversations/${conv}/messages?limit=50`))
      r['API older page (ms)'] = await timed(50, () => get(`/accounts/a_me/conversations/${conv}/messages?limit=50&before=${newest.messages[0].id}`))
      r['API whole inbox (ms)'] = await timed(5, () => get('/accounts/a_me/conversations'))

      const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
        let t0 = performance.now()
        await page.goto(node.login)
        await page.getByTestId('rail-account-me').click()
        await page.locator('[data-testid="conversation-row"]').first().waitFor()
        r['UI sign-in to inbox shown (ms)'] = performance.now() - t0
        r['UI conversation rows in the DOM'] = await page.locator('[data-testid="conversation-row"]').count()
        t0 = performance.now()
        // As a person with 10,000 conversations would: search, then open.
        await page.getByTestId('inbox-search').fill('pen')
        await page.locator('[data-testid="conversation-row"][data-with="pen"]').click()
        const list = page.getByTestId('message-list')
        await list.getByText(`message ${world.messages - 1}: about the collab`, { exact: true }).waitFor()
        r['UI open the long conversation (ms)'] = performance.now() - t0
        // Scroll to the top five times: each loads an older page.
        t0 = performance.now()
        for (let i = 1; i <= 5; i++) {
          await list.evaluate((el) => (el.scrollTop = 0))
          // The page lands just above the kept scroll position: in the DOM (overscan), maybe not in view.
          await list.getByText(`message ${world.messages - 1 - 50 * i}: about the collab`, { exact: true }).waitFor({ state: 'attached' })
        }
        r['UI five older pages on scroll (ms)'] = performance.now() - t0
        r['UI message rows in the DOM'] = await page.getByTestId('message').count()
      } finally {
        await browser.close()
      }
      return r
    } finally {
      node.stop()
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

const [small, large] = [await measure(WORLDS[0]), await measure(WORLDS[1])]
console.log(`\nScale: ${WORLDS[1].messages} messages / ${WORLDS[1].conversations} conversations vs ${WORLDS[0].messages} / ${WORLDS[0].conversations}. ratio = large / small`)
console.log('| what | small | large | ratio |')
console.log('| --- | --- | --- | --- |')
for (const key of Object.keys(small)) {
  console.log(`| ${key} | ${small[key].toFixed(1)} | ${large[key].toFixed(1)} | ${(large[key] / small[key]).toFixed(2)} |`)
}
