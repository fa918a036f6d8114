// P4, P5, P9: messages from a POST to the receiver's live stream. P4: across two paired nodes
// against one node; P5 (bench/lib/p5.mts): delivered messages per second between two online
// accounts against Prosody; P9: 200 streams while 300 messages/s are offered. The load (this
// process) and the nodes (child processes) talk over 127.0.0.1 only; every phase is bounded in time.
// Run: tsx --tsconfig tsconfig.node.json bench/delivery.mts [--quick]
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { call, createAccount, friends } from './lib/http.mts'
import { p5 } from './lib/p5.mts'
import { benchNode as node, clientId } from './lib/proc.mts'
import { percentile, QUICK, row, writeRows } from './lib/results.mts'
import type { Row } from './lib/results.mts'
import { openStream } from './lib/sse.mts'
import type { SseEvent } from './lib/sse.mts'
const P4_SENDS = QUICK ? 100 : 300
const P9_CLIENTS = 200
const P9_RATE = 300
const P9_SECONDS = QUICK ? 15 : 60
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
/** Resolves each message id when a stream sees it; rejects after `ms`. */
class Arrivals {
  private waiting = new Map<string, (at: number) => void>()
  private early = new Map<string, number>()
  seen = 0
  onEvent = (e: SseEvent, at: number) => {
    const id = e.type === 'message.sent' ? e.message?.text : undefined
    if (!id) {
      return
    }
    this.seen++
    const w = this.waiting.get(id)
    if (w) {
      this.waiting.delete(id)
      w(at)
    } else {
      this.early.set(id, at)
    }
  }
  wait(id: string, ms = 10_000): Promise<number> {
    const at = this.early.get(id)
    if (at !== undefined) {
      return Promise.resolve(at)
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no event for ${id}`)), ms)
      this.waiting.set(id, (t) => (clearTimeout(timer), resolve(t)))
    })
  }
}

/**
 * Sequential sends, each timed from the POST to the receiving stream's event (ms), one to
 * each target in turn: the same-node and cross-node sends alternate, so a burst of other
 * work on the shared machine falls on both rather than on whichever ran during it.
 */
async function sendToSse(base: string, from: string, targets: { to: string; arrivals: Arrivals }[], n: number): Promise<number[][]> {
  const times: number[][] = targets.map(() => [])
  for (let i = 0; i < n + 10; i++) {
    for (const [k, { to, arrivals }] of targets.entries()) {
      const text = `p4 ${clientId()}`
      const t0 = performance.now()
      await call(base, 'POST', `/accounts/${from}/messages`, { to, text, clientId: clientId() })
      const at = await arrivals.wait(text)
      if (i >= 10) {
        times[k].push(at - t0)
      } // the first 10 warm up
      await sleep(5)
    }
  }
  return times.map((t) => t.sort((a, b) => a - b))
}

async function p4(rows: Row[]): Promise<void> {
  const [A, B] = await Promise.all([node('bench-a'), node('bench-b')])
  try {
    const { code } = await call<{ code: string }>(B.child.url, 'GET', '/pairing-code')
    await call(A.child.url, 'POST', '/peers', { url: B.child.url, code })
    const [a1, a2, b1] = await Promise.all([createAccount(A.child.url, 'p4.a1'), createAccount(A.child.url, 'p4.a2'), createAccount(B.child.url, 'p4.b1')])
    await friends(A.child.url, a1, a2)
    // b1 must be known on A before a1 can follow it; the follow must reach B before sends are direct.
    for (let i = 0; i < 200; i++) {
      if (
        await call(A.child.url, 'GET', `/accounts/${b1}`).then(
          () => true,
          () => false,
        )
      ) {
        break
      }
      await sleep(100)
    }
    await call(A.child.url, 'POST', `/accounts/${a1}/follows`, { target: b1 })
    await call(B.child.url, 'POST', `/accounts/${b1}/follows`, { target: a1 })
    for (let i = 0; i < 200; i++) {
      const { relation } = await call<{ relation: { preview: { ok: boolean; delivery?: string } } }>(A.child.url, 'GET', `/accounts/${a1}/relations/${b1}`)
      if (relation.preview.ok && relation.preview.delivery === 'direct') {
        break
      }
      await sleep(100)
    }
    const same = new Arrivals()
    const cross = new Arrivals()
    const sa = openStream(A.child.url, same.onEvent, [a2])
    const sb = openStream(B.child.url, cross.onEvent, [b1])
    await Promise.all([sa.ready, sb.ready])
    const [local, remote] = await sendToSse(
      A.child.url,
      a1,
      [
        { to: a2, arrivals: same },
        { to: b1, arrivals: cross },
      ],
      P4_SENDS,
    )
    sa.close()
    sb.close()
    const [l50, l99, r50, r99] = [percentile(local, 50), percentile(local, 99), percentile(remote, 50), percentile(remote, 99)]
    rows.push(
      row(
        'P4',
        r50,
        l50,
        'ms',
        `cross-node send-to-SSE p50 vs same-node p50 (${P4_SENDS} sends each, alternating); p99 ${r99.toFixed(1)} vs ${l99.toFixed(1)} ms; target <= 3`,
      ),
    )
  } finally {
    await Promise.all([A.child.stop(), B.child.stop()])
    await Promise.all([rm(A.dir, { recursive: true, force: true }), rm(B.dir, { recursive: true, force: true })])
  }
}

async function p9(rows: Row[]): Promise<void> {
  const { child, dir } = await node('bench-p9')
  const streams: { close(): void }[] = []
  try {
    const ids: string[] = []
    for (let i = 0; i < P9_CLIENTS; i++) {
      ids.push(await createAccount(child.url, `p9.u${i}`))
    }
    for (let i = 0; i < P9_CLIENTS; i += 2) {
      await friends(child.url, ids[i], ids[i + 1])
    }
    const latencies: number[] = []
    const sentAt = new Map<string, number>()
    let delivered = 0
    for (const id of ids) {
      const s = openStream(
        child.url,
        (e, at) => {
          if (e.type !== 'message.sent' || !e.message) {
            return
          }
          delivered++
          const t0 = sentAt.get(e.message.text)
          if (t0 !== undefined && e.message.to === id) {
            latencies.push(at - t0)
          }
        },
        [id],
      )
      streams.push(s)
      await s.ready
    }
    let sent = 0
    let failed = 0
    const inflight: Promise<unknown>[] = []
    const [t0, node0] = [performance.now(), child.cpuMs()]
    const total = P9_RATE * P9_SECONDS
    // Offered load: a fixed schedule of 300 sends a second, whatever the answers.
    while (sent < total) {
      const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * P9_RATE))
      for (; sent < due; sent++) {
        const pair = (sent * 2) % P9_CLIENTS
        const [from, to] = sent % 4 < 2 ? [ids[pair], ids[pair + 1]] : [ids[pair + 1], ids[pair]]
        const text = `p9 ${sent}`
        sentAt.set(text, performance.now())
        inflight.push(call(child.url, 'POST', `/accounts/${from}/messages`, { to, text, clientId: clientId() }).catch(() => failed++))
      }
      await sleep(5)
    }
    await Promise.all(inflight)
    const expected = total * 2 // the sender's stream and the receiver's
    const deadline = performance.now() + 30_000
    while (delivered < expected && performance.now() < deadline) {
      await sleep(50)
    }
    // The node's CPU per send, its two events included (robust to how much CPU it got).
    const cpuUs = ((child.cpuMs() - node0) * 1000) / total
    latencies.sort((a, b) => a - b)
    const p99 = percentile(latencies, 99)
    rows.push(
      row(
        'P9',
        delivered,
        expected,
        'events',
        `${P9_CLIENTS} SSE clients (one account each), ${P9_RATE} msgs/s offered for ${P9_SECONDS} s; lost ${expected - delivered}, ${failed} sends failed; send-to-receiver p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms; server CPU ${cpuUs.toFixed(0)} µs a send; target 1.0 and p99 < 50 ms`,
      ),
    )
  } finally {
    for (const s of streams) {
      s.close()
    }
    await child.stop()
    await rm(dir, { recursive: true, force: true })
  }
}

const rows: Row[] = []
const only = process.argv.find((a) => /^P\d$/.test(a))
if (!only || only === 'P4') {
  await p4(rows)
}
if (!only || only === 'P5') {
  await p5(rows)
}
if (!only || only === 'P9') {
  await p9(rows)
}
writeRows(only ? `delivery-${only}` : 'delivery', rows)
if (only) {
  ;(await import('node:fs')).rmSync(join(import.meta.dirname, 'results', `delivery-${only}.json`))
}
