// The CPU of a send's in-memory part: the real sendMessage against a real Store, but with the
// log's append replaced by a stub that numbers the records and calls them durable at once (no
// JSON, no write, no fdatasync). What is left is the rules and the domain, stamping, the
// projection, the commit's promise and the answer: the part bench/send-path.mts splits into
// "domain", "stamp" and "projection", here without the disk's noise, so a change of a tenth
// of a microsecond shows across a few alternating runs. A diagnostic: no rows.
// Run: npx tsx --tsconfig tsconfig.node.json bench/send-memory.mts [--sends 30000] [--rounds 5] [--root <another checkout>]
// Old vs new: run it in both checkouts alternately (--root points the imports at the other one).
import { mkdtemp, rm } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type * as PolicyModule from '../shared/policy.ts'
import type * as MessagingModule from '../main/domain/messaging.ts'
import type * as PlanModule from '../main/outreach/business/plan.ts'
import type * as StoreModule from '../main/store/store.ts'
import { benchCaps } from './lib/proc.mts'
import { senderAndReader } from './lib/seed.mts'
import type { Domain } from '../main/domain/domain.ts'

const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`)
  return at > 0 ? process.argv[at + 1] : fallback
}
const SENDS = Number(arg('sends', '30000'))
const ROUNDS = Number(arg('rounds', '5'))
const IN_FLIGHT = 50
const WARM_UP = 20_000
const root = resolve(arg('root', join(import.meta.dirname, '..')))
const from = (path: string) => import(pathToFileURL(join(root, path)).href)

const { DEFAULT_POLICY } = (await from('shared/policy.ts')) as typeof PolicyModule
const { sendMessage } = (await from('main/domain/messaging.ts')) as typeof MessagingModule
const { planAutoMessages } = (await from('main/outreach/business/plan.ts')) as typeof PlanModule
const { Store } = (await from('main/store/store.ts')) as typeof StoreModule

const dir = await mkdtemp(join(tmpdir(), 'envelope-send-memory-'))
try {
  // No checkpoint while measuring: it would write the projection to disk.
  const store = await Store.open({ dataDir: dir, name: 'bench', checkpointEvery: { events: Number.MAX_SAFE_INTEGER, ms: Number.MAX_SAFE_INTEGER } })
  const domain: Domain = { store, policy: { ...DEFAULT_POLICY, caps: benchCaps() } }
  domain.onDelivery = (message) => planAutoMessages(store, message)
  // The accounts are data, from this checkout's bench (bench/lib is not what is measured).
  for (const events of senderAndReader(store.nodeId)) {
    await store.commit(events).durable
  }
  // The log, reached past TypeScript's `private` (a bench's view), swapped for the stub.
  const inner = store as unknown as { log: { lastSeq: number; durableSeq: number; read: (seq: number, n: number) => unknown[] } }
  const real = inner.log
  inner.log = {
    lastSeq: real.lastSeq,
    durableSeq: real.durableSeq,
    read: (seq, n) => real.read(seq, n),
    append(records: unknown[]) {
      this.lastSeq += records.length
      this.durableSeq = this.lastSeq
      return { records, durable: Promise.resolve() }
    },
  } as typeof real
  let n = 0
  const sends = async (count: number) => {
    for (let done = 0; done < count; done += IN_FLIGHT) {
      const batch = Array.from({ length: IN_FLIGHT }, () => {
        n += 1
        return sendMessage(domain, 'a_sender', { to: 'a_reader', text: `message ${n}: the quick brown fox`, clientId: `m-${n}` })
      })
      await Promise.all(batch)
    }
  }
  await sends(WARM_UP)
  const perSend: number[] = []
  for (let r = 0; r < ROUNDS; r++) {
    const cpu0 = process.cpuUsage()
    await sends(SENDS)
    const cpu = process.cpuUsage(cpu0)
    perSend.push((cpu.user + cpu.system) / SENDS)
  }
  const sorted = [...perSend].sort((a, b) => a - b)
  console.log(
    `${root}: CPU µs a send, ${ROUNDS} rounds of ${SENDS}: ${perSend.map((v) => v.toFixed(2)).join(' ')}; min ${sorted[0].toFixed(2)}, median ${sorted[Math.floor(ROUNDS / 2)].toFixed(2)} (load average ${loadavg()[0].toFixed(1)})`,
  )
  inner.log = real
  await store.close()
} finally {
  await rm(dir, { recursive: true, force: true })
}
