// Campaign tracking figures (docs/PRODUCT.md "Outreach"): response rate, time to first reply and
// the sends/replies over time that the tracking chart draws. Pure, used by node and renderer.
import type { CampaignStats, RecipientStatus } from './types'

export interface TrackedRecipient {
  status: RecipientStatus
  sentAt?: string
  repliedAt?: string
}

const RESPONDED: ReadonlySet<RecipientStatus> = new Set(['replied', 'accepted'])

export function campaignStats(recipients: readonly TrackedRecipient[]): CampaignStats {
  let reached = 0
  let responded = 0
  const waits: number[] = []
  for (const r of recipients) {
    if (!r.sentAt) {
      continue
    }
    reached++
    if (RESPONDED.has(r.status) || r.repliedAt) {
      responded++
    }
    if (r.repliedAt) {
      waits.push(Date.parse(r.repliedAt) - Date.parse(r.sentAt))
    }
  }
  return { reached, responseRate: reached ? responded / reached : null, medianTimeToReplyMs: median(waits) }
}

export function median(values: number[]): number | null {
  if (values.length === 0) {
    return null
  }
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export interface TimelineBucket {
  /** Start of the bucket, epoch ms. */
  start: number
  sent: number
  replied: number
}

/** Sends and first replies per bucket (an hour, or a day for long campaigns), oldest first. */
export function timeline(recipients: readonly TrackedRecipient[], bucketMs?: number): { bucketMs: number; buckets: TimelineBucket[] } {
  const times = recipients.flatMap((r) => [r.sentAt, r.repliedAt].filter((t): t is string => !!t).map(Date.parse))
  if (times.length === 0) {
    return { bucketMs: bucketMs ?? 3_600_000, buckets: [] }
  }
  const first = Math.min(...times)
  const lastT = Math.max(...times)
  const size = bucketMs ?? (lastT - first > 3 * 86_400_000 ? 86_400_000 : lastT - first > 3 * 3_600_000 ? 3_600_000 : 60_000)
  const origin = Math.floor(first / size) * size
  const count = Math.floor((lastT - origin) / size) + 1
  const buckets: TimelineBucket[] = Array.from({ length: count }, (_, i) => ({ start: origin + i * size, sent: 0, replied: 0 }))
  for (const r of recipients) {
    if (r.sentAt) {
      buckets[Math.floor((Date.parse(r.sentAt) - origin) / size)].sent++
    }
    if (r.repliedAt) {
      buckets[Math.floor((Date.parse(r.repliedAt) - origin) / size)].replied++
    }
  }
  return { bucketMs: size, buckets }
}

/** "2 h 5 min", "3 d 4 h", "45 s": a wait as a person reads it. */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000)
  if (s < 60) {
    return `${s} s`
  }
  const m = Math.round(s / 60)
  if (m < 60) {
    return `${m} min`
  }
  const h = Math.floor(m / 60)
  if (h < 48) {
    return m % 60 ? `${h} h ${m % 60} min` : `${h} h`
  }
  const d = Math.floor(h / 24)
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`
}
