// P5: delivered messages per second between two online accounts on one node (POST to the
// receiver's SSE stream, 64 in flight) against Prosody with XMPP clients, the two sides in
// alternating rounds, each round timed after an untimed warm-up of the same shape on both
// sides; the row's note gives each side's CPU per message.
import { rm } from 'node:fs/promises'
import { createAccount, friends } from './http.mts'
import { sender } from './lean-sender.mts'
import { benchNode, clientId } from './proc.mts'
import { ensureProsody, half, prosodyRate, roundFigures } from './prosody.mts'
import type { ReferenceRun } from './prosody.mts'
import { QUICK, row } from './results.mts'
import type { Row } from './results.mts'
import { countEvents } from './sse.mts'

const P5_COUNT = QUICK ? 5_000 : 20_000
/**
 * Messages each side sends before a round's clock starts, through the same clients and
 * accounts, all delivered and acknowledged. A fresh node's first ~3,000 messages cost 2-3x a
 * warm node's CPU while V8 optimises the send path (docs/PERFORMANCE.md, "P5: the event side
 * and the node's warm-up"); a user's node runs for days, so the steady state is compared.
 * A count, not a time, so both servers do the same work whatever their speed.
 */
const P5_WARM_UP = 3_000

/** One round of one side; the same shape as the reference's (bench/lib/prosody.mts). */
type SideRun = ReferenceRun

/**
 * `warmUp` messages and then `count` from one account to another on one fresh node, up to
 * `window` in flight; each phase ends when every send has its 201 (after fdatasync) and the
 * receiver's stream has them all, and only the second is measured. The load is lean on purpose
 * (raw HTTP/1.1 on keep-alive sockets, bodies built as strings, answers read only to their
 * status, the stream's events counted by their bytes), as light as the XMPP side's clients:
 * the bench process shares the 2 cores with the server it measures.
 */
async function envelopeRate(count: number, warmUp: number, window = 64): Promise<SideRun> {
  const { child, dir } = await benchNode('bench-p5')
  const send = sender(child.url, window)
  try {
    const [a, b] = [await createAccount(child.url, 'p5.alice'), await createAccount(child.url, 'p5.bob')]
    await friends(child.url, a, b)
    let onMessage = () => {}
    const stream = countEvents(child.url, [b], ['"type":"message.sent"', `"to":"${b}"`], () => onMessage())
    await stream.ready
    /** Messages first..first+n-1, sent and all seen on the receiver's stream; the node's CPU (ms) when half had arrived. */
    const phase = async (first: number, n: number): Promise<{ nodeHalf: number }> => {
      let got = 0
      let nodeHalf = 0
      const all = new Promise<void>((resolve, reject) => {
        onMessage = () => {
          if (++got === half(n)) {
            nodeHalf = child.cpuMs()
          }
          if (got === n) {
            resolve()
          }
        }
        setTimeout(() => reject(new Error(`Envelope delivered ${got} of ${n} messages in 300 s`)), 300_000).unref()
      })
      all.catch(() => undefined) // awaited below, after the sends
      let next = first
      const worker = async () => {
        while (next < first + n) {
          const i = next++
          // The same JSON as JSON.stringify({ to, text, clientId }): ids and text need no escaping.
          await send.post(`/accounts/${a}/messages`, `{"to":"${b}","text":"message ${i}: the quick brown fox","clientId":"${clientId()}"}`)
        }
      }
      await Promise.all(Array.from({ length: window }, worker))
      await all
      return { nodeHalf }
    }
    await phase(0, warmUp)
    const [cpu0, node0, t0] = [process.cpuUsage(), child.cpuMs(), performance.now()]
    const { nodeHalf } = await phase(warmUp, count)
    const seconds = (performance.now() - t0) / 1000
    const [cpu, nodeEnd] = [process.cpuUsage(cpu0), child.cpuMs()]
    stream.close()
    return roundFigures(count, seconds, cpu, { start: node0, half: nodeHalf, end: nodeEnd })
  } finally {
    send.close()
    await child.stop()
    await rm(dir, { recursive: true, force: true })
  }
}

/** P5 measures each side in this many alternating rounds of P5_COUNT / P5_ROUNDS messages. */
const P5_ROUNDS = 2

/** Sums of the rounds of one side: seconds, and CPU in µs of the load generator and of the server. */
class SideTotals {
  seconds = 0
  clientUs = 0
  serverUs = 0
  /** The server's CPU over the second half of each round, µs (the node's JIT has warmed up by then). */
  serverLateUs = 0
  lateCount = 0
  add(run: SideRun, count: number): void {
    this.seconds += count / run.rate
    this.clientUs += run.clientCpuUs * count
    this.serverUs += run.serverCpuUs * count
    this.serverLateUs += run.serverLateCpuUs * (count - half(count))
    this.lateCount += count - half(count)
  }
  cpu(count: number): string {
    return `${(this.serverUs / count).toFixed(0)} µs server (${(this.serverLateUs / this.lateCount).toFixed(0)} µs in the second halves), ${(this.clientUs / count).toFixed(0)} µs load`
  }
}

export async function p5(rows: Row[]): Promise<void> {
  const per = P5_COUNT / P5_ROUNDS
  if (!ensureProsody()) {
    const ours = await envelopeRate(P5_COUNT, P5_WARM_UP)
    rows.push(row('P5', ours.rate, null, 'msgs/s', `skipped: no prosody (Envelope alone: ${ours.rate.toFixed(0)} msgs/s)`))
    return
  }
  // Alternating, so a burst of other work on the shared machine falls on both sides; each
  // rate is messages over the summed seconds of its rounds.
  const [ours, theirs] = [new SideTotals(), new SideTotals()]
  for (let r = 0; r < P5_ROUNDS; r++) {
    ours.add(await envelopeRate(per, P5_WARM_UP), per)
    try {
      theirs.add(await prosodyRate(per, P5_WARM_UP), per)
    } catch (error) {
      // The reference failing is a finding of its own, not a reason to lose P4 and P9's rows.
      const rate = ((r + 1) * per) / ours.seconds
      rows.push(row('P5', rate, null, 'msgs/s', `reference failed in round ${r + 1}: ${(error as Error).message} (Envelope: ${rate.toFixed(0)} msgs/s)`))
      return
    }
  }
  rows.push(
    row(
      'P5',
      P5_COUNT / ours.seconds,
      P5_COUNT / theirs.seconds,
      'msgs/s',
      `${P5_COUNT} messages between two online accounts (${P5_ROUNDS} alternating rounds each; warm-up ${P5_WARM_UP} messages per side before each round, untimed), POST to receiver's SSE, each fdatasynced before its 201; Prosody: @xmpp/client with stream management, in memory, clock stops at the receiver's last message and the server's last ack; CPU per message: Envelope ${ours.cpu(P5_COUNT)}, Prosody ${theirs.cpu(P5_COUNT)}; target >= 1.0`,
    ),
  )
}
