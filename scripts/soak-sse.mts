// SSE soak: one headless node (child process, loopback only), 200 event-stream clients and
// 300 messages/s offered for --minutes (default 10): sends go out on a fixed schedule whether
// or not earlier ones were answered (at most 2 s worth in flight; any send that could not be
// offered is counted). Checks no error, no event lost or doubled (each client checks ids rise;
// every client cuts its stream once mid-run and resumes with Last-Event-ID), RSS growth after
// warm-up (median of the 30 s after warm-up against the median of the last 30 s), and reports
// p50/p99 send-to-event latency. Beside RSS it reports what the node's memory is made of
// (scripts/lib/node-memory-probe.cjs) and how long this process itself stalled, since a
// stalled reader makes the node queue events. Prints one `sse-soak {json}` line.
// Run: npx tsx --tsconfig tsconfig.node.json scripts/soak-sse.mts --minutes 1
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { createParser } from 'eventsource-parser'
import { LatencyHistogram, median, memoryWindow, mib, NumberBits, readMemoryLog } from './lib/soak-figures.mts'

const { values } = parseArgs({
  options: { minutes: { type: 'string', default: '10' }, clients: { type: 'string', default: '200' }, rate: { type: 'string', default: '300' } },
})
const MINUTES = Number(values.minutes)
const CLIENTS = Number(values.clients)
const RATE = Number(values.rate)
const TOKEN = 'soak-token-0123456789'
const ROOT = resolve(import.meta.dirname, '..')

const dataDir = await mkdtemp(join(tmpdir(), 'envelope-soak-'))
const policyFile = join(dataDir, '..', `soak-policy-${process.pid}.json`)
const memoryLog = join(dataDir, '..', `soak-memory-${process.pid}.jsonl`)
// The soak measures the stream, not the caps: lift them far above 300/s for the run.
const big = { messagesPerDay: 10_000_000, newConversationsPerDay: 100_000, newConversationsPerBurst: 100_000 }
await writeFile(policyFile, JSON.stringify({ caps: { personal: big, verifiedBusiness: big } }))
const proc = spawn(
  process.execPath,
  [
    '--require',
    join(ROOT, 'scripts/lib/node-memory-probe.cjs'),
    join(ROOT, 'out/main/headless.js'),
    ...['--data', dataDir, '--port', '0', '--host', '127.0.0.1', '--token', TOKEN, '--policy', policyFile],
  ],
  { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ENVELOPE_SOAK_MEMORY_LOG: memoryLog } },
)
let output = ''
const url = await new Promise<string>((ok, fail) => {
  const timer = setTimeout(() => fail(new Error(`node did not start:\n${output}`)), 30_000)
  const onData = (c: Buffer) => {
    output += c.toString()
    const m = /listening on (http:\/\/\S+)/.exec(output)
    if (m) {
      clearTimeout(timer)
      ok(m[1])
    }
  }
  proc.stdout.on('data', onData)
  proc.stderr.on('data', onData)
})
const rssOf = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024

async function call(method: string, path: string, body?: unknown): Promise<{ account: { id: string } }> {
  const res = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (res.status >= 300) {
    throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
  }
  return res.json()
}
const account = async (handle: string) =>
  (await call('POST', '/accounts', { handle, displayName: handle, birthDate: '1990-05-17', phone: '+14155550123', region: 'US', kind: 'personal' })).account
const sender = await account('soak_sender')
const recipient = await account('soak_recipient')
await call('POST', `/accounts/${sender.id}/follows`, { target: recipient.id })

const errors: string[] = []
let sendRetries = 0

/** The error and its cause (fetch hides the socket's reason in `cause`). */
const describe = (e: unknown) => {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause
  return `${String(e)}${cause ? ` (${cause.code ?? cause.message})` : ''}`
}

/**
 * A send as a real client makes it: a connection lost before the answer (a keep-alive socket
 * the node closed as it was reused, say) is retried with the same clientId, which R18 makes
 * safe; an HTTP refusal, or a third loss in a row, is an error.
 */
async function sendWithRetries(body: { to: string; text: string; clientId: string }): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await call('POST', `/accounts/${sender.id}/messages`, body)
      return
    } catch (error) {
      if (attempt >= 3 || !String(error).includes('fetch failed')) {
        throw new Error(describe(error), { cause: error })
      }
      sendRetries++
    }
  }
}
const latencies = new LatencyHistogram()
let reconnects = 0
let stopping = false

let resumes = 0

/** One event-stream client: counts each soak message once, resumes with Last-Event-ID. */
function streamClient(index: number) {
  const seen = new NumberBits()
  let doubled = 0
  let cutting = false
  let lastId: string | undefined
  let controller: AbortController
  const run = async (): Promise<void> => {
    while (!stopping) {
      controller = new AbortController()
      try {
        const headers: Record<string, string> = { Authorization: `Bearer ${TOKEN}`, Accept: 'text/event-stream' }
        if (lastId) {
          headers['Last-Event-ID'] = lastId
          resumes++
        }
        const res = await fetch(`${url}/api/v1/events`, { headers, signal: controller.signal })
        if (res.status !== 200 || !res.body) {
          throw new Error(`stream ${index}: ${res.status}`)
        }
        const parser = createParser({
          onEvent: (e) => {
            if (e.id) {
              if (lastId && Number(e.id) < Number(lastId) && e.event !== 'ready') {
                errors.push(`stream ${index}: id ${e.id} after ${lastId}`)
              }
              lastId = e.id
            }
            const m = /soak:(\d+):(\d+)/.exec(e.data)
            if (!m) {
              return
            }
            if (!seen.add(Number(m[1]))) {
              doubled++
            } else if (index % 10 === 0) {
              latencies.add(Date.now() - Number(m[2]))
            }
          },
        })
        const decoder = new TextDecoder()
        for await (const chunk of res.body) {
          parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }))
        }
        if (!stopping) {
          reconnects++
        }
      } catch (error) {
        if (stopping) {
          return
        }
        if (cutting) {
          // Our own cut: resume at once with Last-Event-ID; what was sent meanwhile must come.
          cutting = false
          continue
        }
        reconnects++
        if (!String(error).includes('abort') && !String(error).includes('terminated')) {
          errors.push(describe(error))
        }
        await new Promise((r) => setTimeout(r, 200))
      }
    }
  }
  const done = run()
  const cut = () => {
    cutting = true
    controller?.abort()
  }
  return { seen, doubled: () => doubled, stop: () => controller?.abort(), cut, done }
}

const clients = Array.from({ length: CLIENTS }, (_, i) => streamClient(i))
await new Promise((r) => setTimeout(r, 3000))

const totalMs = MINUTES * 60_000
const warmUpMs = Math.min(60_000, totalMs / 4)
const started = Date.now()
let sent = 0
let acknowledged = 0
const acked = new NumberBits()
let notOffered = 0
let inFlight = 0
const MAX_IN_FLIGHT = RATE * 2
const rssSamples: { at: number; rss: number }[] = []
const rssTimer = setInterval(() => rssSamples.push({ at: Date.now() - started, rss: rssOf() }), 1000)
const stalls = monitorEventLoopDelay({ resolution: 20 })
stalls.enable()
// Every client cuts its stream once, spread over the middle half of the run.
const cutTimers = clients.map((c, i) => setTimeout(() => c.cut(), warmUpMs + ((totalMs - warmUpMs) / 2) * (i / CLIENTS)))
// Open loop: by time t, t / 1000 * RATE sends are due, answered or not; a late tick (this
// process busy reading 200 streams) catches up with everything due since the last one.
for (let tickNo = 1; Date.now() - started < totalMs; tickNo++) {
  const due = Math.floor((Math.min(Date.now() - started, totalMs) / 1000) * RATE - sent - notOffered)
  for (let k = 0; k < due; k++) {
    if (inFlight >= MAX_IN_FLIGHT) {
      notOffered++
      continue
    }
    const n = sent++
    inFlight++
    sendWithRetries({ to: recipient.id, text: `soak:${n}:${Date.now()}`, clientId: `soak-${n}` })
      .then(() => {
        acknowledged++
        acked.add(n)
      })
      .catch((e) => errors.push(describe(e)))
      .finally(() => inFlight--)
  }
  await new Promise((r) => setTimeout(r, Math.max(0, started + tickNo * 100 - Date.now())))
}
while (inFlight > 0) {
  await new Promise((r) => setTimeout(r, 50))
}
cutTimers.forEach(clearTimeout)
clearInterval(rssTimer)
stalls.disable()
const soakHeap = process.memoryUsage().heapUsed
const rssAfterWarmUp = median(rssSamples.filter((x) => x.at >= warmUpMs && x.at < warmUpMs + 30_000).map((x) => x.rss))
const rssEnd = median(rssSamples.filter((x) => x.at >= totalMs - 30_000).map((x) => x.rss))
const rssMax = Math.max(...rssSamples.map((x) => x.rss))
// Let the last events arrive.
const settle = Date.now()
while (Date.now() - settle < 15_000 && clients.some((c) => c.seen.size < acknowledged)) {
  await new Promise((r) => setTimeout(r, 200))
}
stopping = true
clients.forEach((c) => c.stop())
await Promise.allSettled(clients.map((c) => c.done))
proc.kill('SIGTERM')
await rm(dataDir, { recursive: true, force: true })
await rm(policyFile, { force: true })
const memory = readMemoryLog(memoryLog)
await rm(memoryLog, { force: true })

// Lost: an acknowledged send some client never received (after its own cut and resume too).
let lost = 0
for (const c of clients) {
  for (let n = 0; n < sent; n++) {
    if (acked.has(n) && !c.seen.has(n)) {
      lost++
    }
  }
}
const doubled = clients.reduce((sum, c) => sum + c.doubled(), 0)
const figures = {
  minutes: MINUTES,
  clients: CLIENTS,
  targetRate: RATE,
  offered: sent,
  offeredRate: Math.round(sent / (totalMs / 1000)),
  notOffered,
  acknowledged,
  acknowledgedRate: Math.round(acknowledged / (totalMs / 1000)),
  eventsLost: lost,
  eventsDoubled: doubled,
  errors: errors.length,
  firstErrors: errors.slice(0, 3),
  reconnects,
  sendRetries,
  resumesWithLastEventId: resumes,
  rssAfterWarmUpMiB: Math.round(rssAfterWarmUp / 2 ** 20),
  rssEndMiB: Math.round(rssEnd / 2 ** 20),
  rssMaxMiB: Math.round(rssMax / 2 ** 20),
  rssGrowthPercent: rssAfterWarmUp ? Math.round(((rssEnd - rssAfterWarmUp) / rssAfterWarmUp) * 1000) / 10 : null,
  latencyMs: { p50: latencies.percentile(50), p99: latencies.percentile(99), max: latencies.max },
  // The node's memory in both windows (MiB, medians): V8's heap in use and reserved, memory
  // outside it (Buffers, the store's typed arrays), and the heap right after full collections.
  nodeMemoryMiB: {
    afterWarmUp: memoryWindow(memory, started + warmUpMs, started + warmUpMs + 30_000),
    end: memoryWindow(memory, started + totalMs - 30_000, started + totalMs),
  },
  // This process's longest event-loop stall: while it stalls, the node queues events for it.
  soakProcess: { longestStallMs: Math.round(stalls.max / 1e6), heapUsedMiB: mib(soakHeap) },
}
process.stdout.write(`sse-soak ${JSON.stringify(figures)}\n`)
const ok = lost === 0 && doubled === 0 && errors.length === 0 && notOffered === 0 && resumes >= CLIENTS && (figures.rssGrowthPercent ?? 0) < 10
process.exit(ok ? 0 : 1)
