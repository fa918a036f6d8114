// R12/R13 made visible: capUsage counts exactly what checkCaps counts.
import { describe, expect, it } from 'vitest'
import { DEFAULT_POLICY } from '@shared/policy'
import { capUsage, checkCaps } from '@shared/rules'

const NOW = Date.parse('2026-03-10T12:00:00Z')
const MIN = 60_000
const HOUR = 60 * MIN
const personal = { kind: 'personal', verified: false }
const business = { kind: 'business', verified: true }
const ago = (...ms: number[]) => ms.map((m) => NOW - m).sort((a, b) => a - b)

describe('capUsage (R12, R13)', () => {
  it.each([
    { name: 'R12 R13 nothing sent: zeros, no next slot', sender: personal, messages: [], news: [], used: [0, 0, 0], limits: [500, 50, 10], next: null },
    {
      name: 'R12 a send 25 hours ago is outside the window',
      sender: personal,
      messages: ago(25 * HOUR),
      news: ago(25 * HOUR),
      used: [0, 0, 0],
      limits: [500, 50, 10],
      next: null,
    },
    {
      name: 'R12 R13 counted sends: next frees when the oldest counted leaves its window (the burst one first)',
      sender: personal,
      messages: ago(3 * HOUR, 5 * MIN),
      news: ago(5 * MIN),
      used: [2, 1, 1],
      limits: [500, 50, 10],
      next: NOW - 5 * MIN + 10 * MIN,
    },
    {
      name: 'R13 a full burst window: next is when it has a slot again',
      sender: personal,
      messages: ago(...Array.from({ length: 10 }, (_, i) => (i + 1) * 50_000)),
      news: ago(...Array.from({ length: 10 }, (_, i) => (i + 1) * 50_000)),
      used: [10, 10, 10],
      limits: [500, 50, 10],
      next: NOW - 500_000 + 10 * MIN,
    },
    { name: 'R12 R13 verified business limits', sender: business, messages: [], news: [], used: [0, 0, 0], limits: [5000, 500, 60], next: null },
  ])('$name', ({ sender, messages, news, used, limits, next }) => {
    const usage = capUsage(sender, { messageTimes: messages, newConversationTimes: news }, new Date(NOW), DEFAULT_POLICY)
    expect([usage.messages.used, usage.newConversations.used, usage.burst.used]).toEqual(used)
    expect([usage.messages.limit, usage.newConversations.limit, usage.burst.limit]).toEqual(limits)
    expect(usage.nextFreeAt).toBe(next === null ? null : new Date(next).toISOString())
  })

  it('R13 when the window is full, nextFreeAt is exactly the retryAt checkCaps gives', () => {
    const times = ago(...Array.from({ length: 10 }, (_, i) => (i + 1) * 30_000))
    const history = { messageTimes: times, newConversationTimes: times }
    const refusal = checkCaps(personal, history, true, new Date(NOW), DEFAULT_POLICY)
    expect(refusal?.code).toBe('RATE_LIMITED')
    expect(capUsage(personal, history, new Date(NOW), DEFAULT_POLICY).nextFreeAt).toBe(refusal?.retryAt)
  })
})
