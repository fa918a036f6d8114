// What the SSE soak (scripts/soak-sse.mts) counts with, kept small so that the soak process
// itself stays light for the whole run: a set of message numbers as bits, a latency histogram,
// and the node's memory log (scripts/lib/node-memory-probe.cjs) read back as window medians.
import { readFileSync } from 'node:fs'

/**
 * Message numbers a stream has received, one bit each. A Set of numbers per stream held 36
 * million entries after 10 minutes (200 streams x 180,000), over a gigabyte: the soak's own
 * full collections then paused it for seconds, and meanwhile the node queued every event for
 * all 200 streams. The node's memory measured the harness.
 */
export class NumberBits {
  private bits = new Uint8Array(1024)
  size = 0

  /** Adds n; false when it was there already. */
  add(n: number): boolean {
    const byte = n >> 3
    if (byte >= this.bits.length) {
      const grown = new Uint8Array(Math.max(this.bits.length * 2, byte + 1))
      grown.set(this.bits)
      this.bits = grown
    }
    const mask = 1 << (n & 7)
    if (this.bits[byte] & mask) {
      return false
    }
    this.bits[byte] |= mask
    this.size++
    return true
  }

  has(n: number): boolean {
    return ((this.bits[n >> 3] ?? 0) & (1 << (n & 7))) !== 0
  }
}

/** Latencies in whole milliseconds, counted per millisecond up to a minute (later ones in the last slot). */
export class LatencyHistogram {
  private readonly counts = new Uint32Array(60_001)
  private count = 0
  private highest = 0

  add(ms: number): void {
    const slot = Math.min(this.counts.length - 1, Math.max(0, Math.round(ms)))
    this.counts[slot]++
    this.count++
    this.highest = Math.max(this.highest, ms)
  }

  /** The smallest latency at or below which p % of them lie; null when none was counted. */
  percentile(p: number): number | null {
    if (this.count === 0) {
      return null
    }
    const rank = Math.min(this.count - 1, Math.floor((p / 100) * this.count))
    let seen = 0
    for (let ms = 0; ms < this.counts.length; ms++) {
      seen += this.counts[ms]
      if (seen > rank) {
        return ms
      }
    }
    return this.counts.length - 1
  }

  get max(): number | null {
    return this.count === 0 ? null : this.highest
  }
}

export const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0
export const mib = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10

interface MemoryLine {
  at: number
  rss?: number
  heapUsed?: number
  heapTotal?: number
  external?: number
  arrayBuffers?: number
  live?: number
}

/** Medians (MiB) of the node's memory over [from, to) ms of wall-clock time, and its heap after the full collections there. */
export function memoryWindow(lines: MemoryLine[], from: number, to: number) {
  const inside = lines.filter((l) => l.at >= from && l.at < to)
  const samples = inside.filter((l) => l.rss !== undefined)
  const of = (key: 'rss' | 'heapUsed' | 'heapTotal' | 'external' | 'arrayBuffers') => mib(median(samples.map((l) => l[key]!)))
  const live = inside.filter((l) => l.live !== undefined).map((l) => mib(l.live!))
  return {
    rss: of('rss'),
    heapUsed: of('heapUsed'),
    heapTotal: of('heapTotal'),
    external: of('external'),
    arrayBuffers: of('arrayBuffers'),
    heapAfterFullGc: live.length > 0 ? median(live) : null,
  }
}

export function readMemoryLog(file: string): MemoryLine[] {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return []
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as MemoryLine)
}
