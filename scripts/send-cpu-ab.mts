// CPU per durable send of several builds of the node side by side (and P1's bare Hono reference as
// "ref"), measured in alternating rounds of P1's load, so a burst of other work on a shared machine
// falls on every side. For before/after work on the send path (docs/PERFORMANCE.md "P1").
// Run: tsx --tsconfig tsconfig.node.json scripts/send-cpu-ab.mts <out folder | ref>... (ROUNDS=8 SECS=2 WARMUP=3)
import autocannon from 'autocannon'
import { rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { POLICY, startChild, TOKEN } from '../bench/lib/proc.mts'
import type { Child } from '../bench/lib/proc.mts'
import { storeWorld, world } from '../bench/lib/seed.mts'

const ROUNDS = Number(process.env.ROUNDS ?? 8)
const SECS = Number(process.env.SECS ?? 2)
const sides = process.argv.slice(2)
if (sides.length === 0) {
  console.error('usage: send-cpu-ab.mts <out folder | ref>...   e.g. a copy of out/ from before a change, and out')
  process.exit(2)
}
// A copied out/ folder still finds the repository's packages.
process.env.NODE_PATH = join(import.meta.dirname, '..', 'node_modules')

interface Side {
  name: string
  child: Child
  data?: string
  /** CPU µs per request, by round. */
  rounds: number[]
  cpuMs: number
  requests: number
}

async function start(name: string): Promise<Side> {
  const base = { name, rounds: [], cpuMs: 0, requests: 0 }
  if (name === 'ref') {
    return { ...base, child: await startChild([join(import.meta.dirname, '..', 'bench', 'reference-hono.mjs')]) }
  }
  const data = await world('store-1000', storeWorld(1000))
  const args = [join(resolve(name), 'main/headless.js'), '--data', data, '--host', '127.0.0.1', '--port', '0', '--token', TOKEN, '--policy', POLICY]
  return { ...base, data, child: await startChild(args) }
}

/** P1's load: 50 connections of durable sends, each with a fresh client id (the reference answers any POST). */
function sends(url: string, seconds: number) {
  let n = 0
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
  return autocannon({
    url: `${url}/api/v1/accounts/a_sender/messages`,
    connections: 50,
    duration: seconds,
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ to: 'a_reader', text: `message ${n}: the quick brown fox`, clientId: `${stamp}-${n++}` }) }) }],
  })
}

const running: Side[] = []
try {
  for (const name of sides) {
    running.push(await start(name))
  }
  for (const side of running) {
    await sends(side.child.url, Number(process.env.WARMUP ?? 3)) // warm-up
  }
  for (let round = 0; round < ROUNDS; round++) {
    // Each round starts with a different side.
    for (let i = 0; i < running.length; i++) {
      const side = running[(i + round) % running.length]
      const before = side.child.cpuMs()
      const result = await sends(side.child.url, SECS)
      const cpuMs = side.child.cpuMs() - before
      side.rounds.push((cpuMs * 1000) / Math.max(1, result.requests.total))
      side.cpuMs += cpuMs
      side.requests += result.requests.total
      if (result.non2xx + result.errors > 0) {
        console.log(`${side.name}: ${result.non2xx} non-2xx, ${result.errors} errors in round ${round + 1}`)
      }
    }
  }
} finally {
  for (const side of running) {
    await side.child.stop()
    if (side.data) {
      rmSync(side.data, { recursive: true, force: true })
    }
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
for (const side of running) {
  const overall = (side.cpuMs * 1000) / Math.max(1, side.requests)
  console.log(
    `${side.name}: ${median(side.rounds).toFixed(0)} µs a request (median of ${ROUNDS} rounds; ${overall.toFixed(0)} overall), ${(side.requests / (ROUNDS * SECS)).toFixed(0)} req/s; rounds ${side.rounds.map((r) => r.toFixed(0)).join(' ')}`,
  )
}
