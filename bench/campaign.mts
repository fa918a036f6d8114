// Campaign scheduling cost, as ratios against one plain send measured in the same run:
// creating a 10,000-recipient campaign (every recipient decided by the send rules), one
// scheduler tick that sends one message of it, and its projected finish (caps simulation).
// Run: npx tsx --tsconfig tsconfig.node.json bench/campaign.mts [--quick]
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEFAULT_POLICY } from '../shared/policy.ts'
import { createAccount } from '../main/domain/accounts.ts'
import type { Domain } from '../main/domain/domain.ts'
import { sendMessage } from '../main/domain/messaging.ts'
import { createCampaign, presentCampaign } from '../main/outreach/campaigns.ts'
import { createList } from '../main/outreach/lists.ts'
import { CampaignScheduler } from '../main/outreach/scheduler.ts'
import { createTemplate } from '../main/outreach/templates.ts'
import { Store } from '../main/store/index.ts'

const quick = process.argv.includes('--quick')
const RECIPIENTS = quick ? 2_000 : 10_000
const SENDS = quick ? 50 : 200
const TICKS = quick ? 10 : 30

const dir = await mkdtemp(join(tmpdir(), 'envelope-bench-campaign-'))
let t = Date.parse('2026-03-10T08:00:00Z')
const store = await Store.open({ dataDir: dir, clock: () => new Date((t += 1)) })
// Caps far above what the run sends: the bench measures the work, not the waits.
const big = { messagesPerDay: 1e6, newConversationsPerDay: 1e6, newConversationsPerBurst: 1e6 }
const domain: Domain = { store, policy: { ...DEFAULT_POLICY, caps: { personal: big, verifiedBusiness: big } } }
const person = (handle: string, topics: string[] = ['food']) =>
  createAccount(domain, { handle, displayName: handle, birthDate: '1990-01-01', phone: '+14155550123', region: 'US', kind: 'business', verified: true, topics })

try {
  const sender = await person('bench_sender')
  const creators = []
  for (let i = 0; i < RECIPIENTS; i += 500) {
    creators.push(...(await Promise.all(Array.from({ length: Math.min(500, RECIPIENTS - i) }, (_, j) => person(`bench_c${i + j}`)))))
  }
  // Reference: a plain send (first message, rules, durable append), one at a time.
  const friends = await Promise.all(Array.from({ length: SENDS }, (_, i) => person(`bench_f${i}`)))
  for (const f of friends) {
    await store.commit([{ type: 'follow.added', from: sender.id, to: f.id }]).durable
  }
  let start = performance.now()
  for (let i = 0; i < SENDS; i++) {
    await sendMessage(domain, sender.id, { to: friends[i].id, text: `Hello ${i}`, clientId: `ref-${i}` })
  }
  const sendMs = (performance.now() - start) / SENDS

  const list = await createList(domain, { name: 'Bench', members: creators.map((c) => c.id) })
  const template = await createTemplate(domain, { name: 'Bench', text: 'Hi {displayName}, a {topic} collab?' })
  start = performance.now()
  const campaign = await createCampaign(domain, { account: sender.id, name: 'Bench', listId: list.id, templateId: template.id, perHour: 3600, followFirst: true })
  const createMs = performance.now() - start

  const scheduler = new CampaignScheduler(domain, 0)
  let tickMs = 0
  for (let i = 0; i < TICKS; i++) {
    t += 1000
    start = performance.now()
    const result = await scheduler.tick()
    tickMs += performance.now() - start
    if (result.sent !== 1) {
      throw new Error(`tick ${i} sent ${result.sent}`)
    }
  }
  tickMs /= TICKS

  start = performance.now()
  const view = presentCampaign(domain, store.outreach.campaign(campaign.id)!)
  const projectMs = performance.now() - start
  if (!view.projectedFinishAt) {
    throw new Error('no projected finish')
  }

  const rows = [
    { id: 'campaign.create', value: createMs, note: `create a ${RECIPIENTS.toLocaleString('en')}-recipient campaign (rules for each, one durable append)` },
    { id: 'campaign.tick', value: tickMs, note: `one scheduler tick sending one message (follow-first) of a ${RECIPIENTS.toLocaleString('en')}-recipient campaign` },
    { id: 'campaign.projection', value: projectMs, note: `campaign view with projected finish for ${RECIPIENTS.toLocaleString('en')} queued (caps simulation)` },
  ].map((r) => ({ ...r, ratio: Number((r.value / sendMs).toFixed(2)), value: Number(r.value.toFixed(2)), reference: Number(sendMs.toFixed(3)), unit: 'ms' }))
  console.table(rows.map(({ id, ratio, value, reference, note }) => ({ id, ratio, 'ms': value, 'one send ms': reference, note })))
  const out = join(import.meta.dirname, 'results')
  await mkdir(out, { recursive: true })
  await writeFile(join(out, 'campaign.json'), `${JSON.stringify({ rows }, null, 2)}\n`)
  await scheduler.stop()
} finally {
  await store.close()
  await rm(dir, { recursive: true, force: true })
}
