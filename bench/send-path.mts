// The CPU a durable send costs in the domain and the store, without HTTP: the real
// sendMessage command against a real Store (and its log, fdatasync included) in a temp
// folder, with P1's 50 sends in flight. Prints CPU µs per send (process.cpuUsage, every
// thread of the process) and its split: rules and domain (sendMessage up to the commit,
// auto-message planning included), stamping, the log's append (serialise, freeze), the
// projection, the group write (line, checksum, write call), the acknowledgement, and the
// rest (promises, the fdatasync calls, reading the answer back). The parts are wall time of
// synchronous code (performance.now), so on a busy machine they include time the process was
// descheduled and the rest can go negative; the CPU column is the robust figure (compare the
// median of a few rounds, old and new alternating). A diagnostic: no rows.
// Run: npx tsx --tsconfig tsconfig.node.json bench/send-path.mts [--sends 20000] [--rounds 3]
// Profile: TSX_TSCONFIG_PATH=tsconfig.node.json node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/send-path.mts
import { mkdtemp, rm } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEFAULT_POLICY } from '../shared/policy.ts'
import type { Domain } from '../main/domain/domain.ts'
import { sendMessage } from '../main/domain/messaging.ts'
import { planAutoMessages } from '../main/outreach/business/plan.ts'
import { Store } from '../main/store/store.ts'
import { benchCaps } from './lib/proc.mts'
import { senderAndReader } from './lib/seed.mts'

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`)
  return at > 0 ? Number(process.argv[at + 1]) : fallback
}
const SENDS = arg('sends', 20_000)
const ROUNDS = arg('rounds', 3)
const IN_FLIGHT = arg('inflight', 50)
const WARM_UP = 2_000

/** Sections of a send, in ms summed over a round (performance.now around synchronous code). */
const PARTS = ['domain', 'stamp', 'log append', 'projection', 'group write', 'acknowledge'] as const
type Part = (typeof PARTS)[number]
const spent = new Map<Part, number>(PARTS.map((p) => [p, 0]))
const add = (part: Part, ms: number) => spent.set(part, spent.get(part)! + ms)

/** Wraps `obj[method]` so the synchronous part of each call is added to `part`. */
function timed(obj: Record<string, unknown>, method: string, part: Part, inner: Part[] = []): void {
  const original = obj[method] as (...args: unknown[]) => unknown
  obj[method] = function (this: unknown, ...args: unknown[]) {
    const before = inner.map((p) => spent.get(p)!)
    const t0 = performance.now()
    const out = original.apply(this, args)
    // What the inner sections took is theirs, not this one's.
    add(part, performance.now() - t0 - inner.reduce((n, p, i) => n + spent.get(p)! - before[i], 0))
    return out
  }
}

/** Starts of the sendMessage calls in progress: the domain's part ends where its commit starts. */
let callStart = 0

async function open(dir: string): Promise<Domain> {
  const store = await Store.open({ dataDir: dir, name: 'bench' })
  const domain: Domain = { store, policy: { ...DEFAULT_POLICY, caps: benchCaps() } }
  domain.onDelivery = (message) => planAutoMessages(store, message)
  for (const events of senderAndReader(store.nodeId)) {
    await store.commit(events).durable
  }
  // The store's and the log's inner parts, reached past TypeScript's `private`: a bench's view.
  const inner = store as unknown as Record<string, Record<string, unknown>>
  const log = inner.log
  const writer = log.writer as Record<string, unknown>
  const commit = store.commit.bind(store)
  store.commit = (events) => {
    add('domain', performance.now() - callStart)
    return commit(events)
  }
  timed(store as unknown as Record<string, unknown>, 'stamped', 'stamp')
  timed(log, 'append', 'log append')
  timed(store as unknown as Record<string, unknown>, 'take', 'projection')
  timed(writer, 'writeGroup', 'group write')
  timed(writer, 'acknowledge', 'acknowledge')
  return domain
}

/** `count` sends with IN_FLIGHT in flight at a time, each with a fresh client id. */
async function sends(domain: Domain, count: number, tag: string): Promise<void> {
  let next = 0
  const lane = async () => {
    while (next < count) {
      const n = next++
      callStart = performance.now()
      await sendMessage(domain, 'a_sender', { to: 'a_reader', text: `message ${n}: the quick brown fox`, clientId: `${tag}-${n}` })
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane))
}

const root = await mkdtemp(join(tmpdir(), 'envelope-send-path-'))
try {
  const domain = await open(root)
  await sends(domain, WARM_UP, 'warm')
  console.log(`${SENDS} durable sends a round, ${IN_FLIGHT} in flight, in-process (no HTTP); µs per send`)
  console.log(`| round | CPU | ${PARTS.join(' | ')} | rest | wall |`)
  console.log(`| --- | --- | ${PARTS.map(() => '---').join(' | ')} | --- | --- |`)
  const cpus: number[] = []
  for (let r = 1; r <= ROUNDS; r++) {
    for (const p of PARTS) {
      spent.set(p, 0)
    }
    const t0 = performance.now()
    const cpu0 = process.cpuUsage()
    await sends(domain, SENDS, `r${r}`)
    const cpu = process.cpuUsage(cpu0)
    const wall = performance.now() - t0
    const perSend = (ms: number) => (ms * 1000) / SENDS
    const cpuUs = (cpu.user + cpu.system) / SENDS
    const parts = PARTS.map((p) => perSend(spent.get(p)!))
    const rest = cpuUs - parts.reduce((a, b) => a + b, 0)
    cpus.push(cpuUs)
    console.log(`| ${r} | ${cpuUs.toFixed(0)} | ${parts.map((v) => v.toFixed(1)).join(' | ')} | ${rest.toFixed(0)} | ${perSend(wall).toFixed(0)} |`)
  }
  cpus.sort((a, b) => a - b)
  console.log(`median CPU per send: ${cpus[Math.floor(cpus.length / 2)].toFixed(0)} µs (load average ${loadavg()[0].toFixed(1)})`)
  await domain.store.close()
} finally {
  await rm(root, { recursive: true, force: true })
}
