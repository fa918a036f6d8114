// CPU per SSE frame of a message event: this tree's eventFrame() (written from the stored fields)
// against an older tree's way (presentEvent, then JSON.stringify of the whole object), in
// alternating rounds over the same events in a real store, so a burst of other work on a shared
// machine falls on both sides. For before/after work on the event hub (docs/PERFORMANCE.md "SSE frames and the peer path").
// Run: tsx --tsconfig tsconfig.node.json scripts/frame-cpu-ab.mts <old tree> (ROUNDS=10 FRAMES=50000)
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Store } from '../main/store/store.ts'
import type { LogEvent } from '../main/store/events.ts'
import { eventFrame } from '../main/server/event-frame.ts'
import { median } from '../bench/lib/results.mts'
import { accountEvent, messageEvent } from '../bench/lib/seed.mts'

const ROUNDS = Number(process.env.ROUNDS ?? 10)
const FRAMES = Number(process.env.FRAMES ?? 50_000)
const oldTree = process.argv[2]
if (!oldTree) {
  console.error('usage: frame-cpu-ab.mts <old tree>   e.g. git archive main | tar -x -C /tmp/old')
  process.exit(2)
}
type Present = (store: Store, event: LogEvent, nodeId: string) => unknown
const { presentEvent: oldPresent } = (await import(join(resolve(oldTree), 'main/server/present.ts'))) as { presentEvent: Present }

const dataDir = mkdtempSync(join(tmpdir(), 'frame-cpu-'))
const now = new Date()
const store = await Store.open({ dataDir, clock: () => now })
try {
  await store.commit([accountEvent('a_ann', 'ann', store.nodeId, false), accountEvent('a_bob', 'bob', store.nodeId, false)]).durable
  // P4/P5-like sends: a short text, delivered directly, both ways.
  const sends = Array.from({ length: 1000 }, (_, i) =>
    messageEvent(i % 2 ? 'a_ann' : 'a_bob', i % 2 ? 'a_bob' : 'a_ann', i, `message ${i}: the quick brown fox`, i === 0),
  )
  const events = await store.commit(sends).durable
  const nodeId = store.nodeId
  const sides: Record<string, (e: LogEvent) => Buffer | null> = {
    old: (e) => {
      const data = oldPresent(store, e, nodeId)
      return data ? Buffer.from(`id: ${e.seq}\ndata: ${JSON.stringify(data)}\n\n`) : null
    },
    new: (e) => eventFrame(store, e, nodeId),
  }
  const perFrame: Record<string, number[]> = { old: [], new: [] }
  let bytes = 0
  for (let round = -1; round < ROUNDS; round++) {
    for (const name of round % 2 ? ['old', 'new'] : ['new', 'old']) {
      const make = sides[name]
      const start = process.cpuUsage()
      for (let i = 0; i < FRAMES; i++) {
        bytes += make(events[i % events.length])?.length ?? 0
      }
      const used = process.cpuUsage(start)
      // Round -1 warms both up (JIT) and is not counted.
      if (round >= 0) {
        perFrame[name].push((used.user + used.system) / FRAMES)
      }
    }
  }
  const oldUs = median(perFrame.old)
  const newUs = median(perFrame.new)
  console.log(
    `CPU µs per message frame, median of ${ROUNDS} alternating rounds of ${FRAMES}: old ${oldUs.toFixed(2)}, new ${newUs.toFixed(2)} (${(oldUs / newUs).toFixed(1)}x)`,
  )
  console.log(`old rounds: ${perFrame.old.map((v) => v.toFixed(2)).join(' ')}`)
  console.log(`new rounds: ${perFrame.new.map((v) => v.toFixed(2)).join(' ')}  (${bytes} bytes made)`)
} finally {
  await store.close()
  rmSync(dataDir, { recursive: true, force: true })
}
