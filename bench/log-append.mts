// Append throughput of the record log on this machine's disk.
// Run: npx tsx --tsconfig tsconfig.node.json bench/log-append.mts
// Prints the time and CPU for 10,000 appends awaited one by one (one fsync'd write
// each; the first append of each segment, the roll-over, timed apart) and for 10,000 appends
// issued at once (group commit), and how long
// open() takes to replay 100,000 records (and that appends stay as cheap there), and the
// durable latency (p50, p99, max) of appends offered at P9's rate of 300 a second for 12 s,
// seals included: what the group commit and the seals leave of P9's tail, without HTTP or SSE.

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SegmentedLog } from '../main/store/log/index.ts'
import { median } from './lib/results.mts'

const N = 10_000
const record = (i: number) => ({ type: 'message', conversationId: 'c1', body: `message number ${i}`, at: Date.now() })

async function withLog<T>(dir: string, fn: (log: SegmentedLog) => Promise<T>): Promise<T> {
  const log = new SegmentedLog({ dir })
  await log.open()
  try {
    return await fn(log)
  } finally {
    await log.close()
  }
}

/** Wall time and CPU (process.cpuUsage: every thread, libuv's included) per append. */
async function time(label: string, dir: string, fn: (log: SegmentedLog) => Promise<void>): Promise<void> {
  await withLog(dir, async (log) => {
    const start = performance.now()
    const cpu0 = process.cpuUsage()
    await fn(log)
    const cpu = process.cpuUsage(cpu0)
    const ms = performance.now() - start
    const cpuUs = (cpu.user + cpu.system) / N
    console.log(`${label}: ${ms.toFixed(0)} ms (${((ms * 1000) / N).toFixed(0)} µs/append, CPU ${cpuUs.toFixed(1)} µs/append, ${log.stats.writes} writes)`)
  })
}

/** Appends offered on a fixed schedule (not waiting for answers), each timed to its durable. */
async function atFixedRate(dir: string, rate = 300, seconds = 12): Promise<void> {
  await withLog(dir, async (log) => {
    const latencies: number[] = []
    const pending: Promise<void>[] = []
    const total = rate * seconds
    const t0 = performance.now()
    for (let sent = 0; sent < total;) {
      const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * rate))
      for (; sent < due; sent++) {
        const at = performance.now()
        pending.push(log.append([record(sent)]).durable.then(() => void latencies.push(performance.now() - at)))
      }
      await new Promise((resolve) => setTimeout(resolve, 3))
    }
    await Promise.all(pending)
    latencies.sort((a, b) => a - b)
    const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))].toFixed(1)
    console.log(`${total} appends at ${rate}/s (${log.stats.seals} seals): durable p50 ${at(50)} ms, p99 ${at(99)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`)
  })
}

const root = await mkdtemp(join(tmpdir(), 'envelope-bench-'))
try {
  // Each append's durable latency, the first of each segment (the roll-over) apart.
  const rollOvers: number[] = []
  const others: number[] = []
  await time(`${N} sequential awaited appends`, join(root, 'seq'), async (log) => {
    for (let i = 0; i < N; i++) {
      const at = performance.now()
      await log.append([record(i)]).durable
      ;(i % log.segmentSize === 0 ? rollOvers : others).push(performance.now() - at)
    }
  })
  console.log(
    `  durable latency, median: ${median(rollOvers).toFixed(2)} ms for the first append of a segment (${rollOvers.length}), ${median(others).toFixed(2)} ms for the others`,
  )
  await time(`${N} concurrent appends`, join(root, 'conc'), async (log) => {
    await Promise.all(Array.from({ length: N }, (_, i) => log.append([record(i)]).durable))
  })

  await atFixedRate(join(root, 'rate'))

  const big = join(root, 'big')
  await withLog(big, async (log) => {
    await Promise.all(Array.from({ length: 100_000 }, (_, i) => log.append([record(i)]).durable))
  })
  const opened = new SegmentedLog({ dir: big })
  const start = performance.now()
  const replayed = await opened.open()
  console.log(`open() replaying ${replayed.length} records: ${(performance.now() - start).toFixed(0)} ms`)
  await opened.close()
  // The point of segments: an append costs the same on a 100k-record store as on an empty one.
  const M = 1_000
  await withLog(big, async (log) => {
    const t = performance.now()
    for (let i = 0; i < M; i++) {
      await log.append([record(i)]).durable
    }
    console.log(`${M} sequential awaited appends on the 100k store: ${(((performance.now() - t) * 1000) / M).toFixed(0)} µs/append`)
  })
} finally {
  await rm(root, { recursive: true, force: true })
}
