// P1-P3m: what durability and size cost. P1: durable sends against a bare Hono app; P2: the
// send rate with 1,000,000 messages stored against 1,000; P3/P3m: start-up time and memory
// at 1,000,000 against 1,000. Run: tsx --tsconfig tsconfig.node.json bench/store.mts [--quick]
import autocannon from 'autocannon'
import type { Result } from 'autocannon'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { POLICY, startChild, startEnvelope, TOKEN } from './lib/proc.mts'
import type { Child } from './lib/proc.mts'
import { median, QUICK, row, writeRows } from './lib/results.mts'
import type { Row } from './lib/results.mts'
import { checkpointPause } from './lib/checkpoint-pause.mts'
import { storeWorld, world } from './lib/seed.mts'

const SECONDS = QUICK ? 5 : 10
/** P1 alternates the reference and the node this many times (SECONDS / ROUNDS each). */
const ROUNDS = QUICK ? 2 : 4
const CONNECTIONS = 50
const BIG = 1_000_000
const SMALL = 1_000
void POLICY

/** Durable sends from the seeded sender to the reader, each with a fresh client id. */
function sends(url: string, seconds: number): Promise<Result> {
  let n = 0
  const stamp = Date.now().toString(36)
  return autocannon({
    url: `${url}/api/v1/accounts/a_sender/messages`,
    connections: CONNECTIONS,
    duration: seconds,
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ to: 'a_reader', text: `message ${n}: the quick brown fox`, clientId: `${stamp}-${n++}` }) }) }],
  })
}

function fixed(url: string, seconds: number): Promise<Result> {
  return autocannon({
    url: `${url}/api/v1/x`,
    connections: CONNECTIONS,
    duration: seconds,
    method: 'POST',
    body: JSON.stringify({ to: 'x', text: 'hi', clientId: 'r' }),
    headers: { 'Content-Type': 'application/json' },
  })
}

/** Thrown to end a partial run (one row asked for) through the same clean-up. */
class Done extends Error {}

const bad = (r: Result) => r.non2xx + r.errors + r.timeouts

interface Rate {
  /** Requests per second over all rounds. */
  rate: number
  /** The worst round's p99, ms. */
  p99: number
  bad: number
  /** The server's own CPU time per request, µs (what it costs whatever CPU it got). */
  cpuUs: number
}

/** Runs a round and counts the server's CPU time spent in it. */
async function measured(server: Child, round: () => Promise<Result>): Promise<Result & { cpuMs: number }> {
  const before = server.cpuMs()
  const result = await round()
  return { ...result, cpuMs: server.cpuMs() - before }
}

function rateOf(rounds: (Result & { cpuMs: number })[]): Rate {
  const total = rounds.reduce((n, r) => n + r.requests.total, 0)
  const seconds = rounds.reduce((n, r) => n + r.duration, 0)
  const cpuMs = rounds.reduce((n, r) => n + r.cpuMs, 0)
  return {
    rate: total / seconds,
    p99: Math.max(...rounds.map((r) => r.latency.p99)),
    bad: rounds.reduce((n, r) => n + bad(r), 0),
    cpuUs: (cpuMs * 1000) / Math.max(1, total),
  }
}

async function withNode<T>(dir: string, fn: (node: Child) => Promise<T>): Promise<T> {
  const node = await startEnvelope(dir)
  try {
    return await fn(node)
  } finally {
    await node.stop()
  }
}

const rows: Row[] = []
// `P1` as an argument runs that row alone (no 1,000,000-message world), to profile the send.
const onlyP1 = process.argv.includes('P1')
const small = await world(`store-${SMALL}`, storeWorld(SMALL))
const big = onlyP1 ? '' : await world(`store-${BIG}`, storeWorld(BIG))
try {
  // P1: the small store, durable sends vs bare Hono, same connections, same generator, same
  // total time. Both servers run side by side and are measured in alternating rounds, so a
  // burst of other work on this shared machine falls on both sides rather than on one.
  const reference = await startChild([join(import.meta.dirname, 'reference-hono.mjs')])
  const smallNode = await startEnvelope(small)
  let hono: Rate
  let smallSends: Rate
  try {
    await fixed(reference.url, 1) // warm-up, both
    await sends(smallNode.url, 1)
    const honoRounds: (Result & { cpuMs: number })[] = []
    const ourRounds: (Result & { cpuMs: number })[] = []
    for (let r = 0; r < ROUNDS; r++) {
      honoRounds.push(await measured(reference, () => fixed(reference.url, SECONDS / ROUNDS)))
      ourRounds.push(await measured(smallNode, () => sends(smallNode.url, SECONDS / ROUNDS)))
    }
    hono = rateOf(honoRounds)
    smallSends = rateOf(ourRounds)
  } finally {
    await Promise.all([reference.stop(), smallNode.stop()])
  }
  rows.push(
    row(
      'P1',
      smallSends.rate,
      hono.rate,
      'msgs/s',
      `durable send (fdatasync before 201), ${CONNECTIONS} connections, ${SECONDS} s each in ${ROUNDS} alternating rounds; p99 ${smallSends.p99} ms vs ${hono.p99} ms (worst round); server CPU ${smallSends.cpuUs.toFixed(0)} µs vs ${hono.cpuUs.toFixed(0)} µs a request; ${smallSends.bad} failed; target >= 0.5`,
    ),
  )

  if (onlyP1) {
    throw new Done()
  }
  // P3/P3m: start to "listening" and RSS after start, 3 starts each (median), small then big.
  const starts = async (dir: string) => {
    const times: number[] = []
    const rss: number[] = []
    for (let i = 0; i < (QUICK ? 2 : 3); i++) {
      await withNode(dir, async (node) => {
        times.push(node.startedMs)
        await new Promise((r) => setTimeout(r, 500))
        rss.push(node.rssMb())
      })
    }
    return { ms: median(times), mb: median(rss) }
  }
  const s = await starts(small)
  const b = await starts(big)
  rows.push(row('P3', b.ms, s.ms, 'ms', `start to "listening" with ${BIG.toLocaleString('en')} messages stored vs ${SMALL.toLocaleString('en')}; target <= 1.5`))
  rows.push(row('P3m', b.mb, s.mb, 'MB', `RSS 0.5 s after start, ${BIG.toLocaleString('en')} vs ${SMALL.toLocaleString('en')} stored; target <= 3`))

  // P2: the same durable sends on the big store.
  const bigSends = await withNode(big, async (node) => {
    await sends(node.url, 1)
    return sends(node.url, SECONDS)
  })
  rows.push(
    row(
      'P2',
      bigSends.requests.average,
      smallSends.rate,
      'msgs/s',
      `send rate with ${BIG.toLocaleString('en')} stored vs ${SMALL.toLocaleString('en')}; p99 ${bigSends.latency.p99} ms; ${bad(bigSends)} failed; target >= 0.8`,
    ),
  )

  // Not a target: how long writing a checkpoint of the big world holds the event loop (in this
  // process, after P2, since it logs an event there), in P3m's note.
  const pause = await checkpointPause(big)
  const p3m = rows.find((r) => r.id === 'P3m')!
  p3m.note += `; writing a checkpoint there: longest event-loop pause ${pause.pauseMs.toFixed(0)} ms, +${pause.externalMb.toFixed(0)} MB outside the heap, ${pause.tookMs.toFixed(0)} ms in all`
} catch (err) {
  if (!(err instanceof Done)) {
    throw err
  }
} finally {
  rmSync(small, { recursive: true, force: true })
  if (big) {
    rmSync(big, { recursive: true, force: true })
  }
}
writeRows(onlyP1 ? 'store-P1' : 'store', rows)
if (onlyP1) {
  rmSync(join(import.meta.dirname, 'results', 'store-P1.json'))
}
