// A sender's send times (main/store/time-list.ts, send-counts.ts): kept in order in a typed
// list, taken back on a refusal, and dropped once older than the newest send by twice the
// longest window. The caps then answer exactly as with every send ever kept (R12, R13), at
// every window edge, for any evaluation time from one window before the newest send on.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_POLICY } from '@shared/policy'
import { capUsage, checkCaps, sendTimesKeptMs } from '@shared/rules'
import { addTime } from '../../main/store/send-counts'
import type { TimeList } from '../../main/store/time-list'
import { emptyTimeList, insertTime, removeTime, timesIn, trimmedTimeList } from '../../main/store/time-list'

const T = Date.parse('2026-03-10T12:00:00.000Z')
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const KEPT = sendTimesKeptMs(DEFAULT_POLICY)
const personal = { kind: 'personal', verified: false }
const business = { kind: 'business', verified: true }

type Op = { add: number } | { remove: number }

describe('R12 R13 the typed list of send times', () => {
  it.each<{ name: string; ops: Op[]; expected: number[] }>([
    { name: 'appends in order', ops: [{ add: 1 }, { add: 2 }, { add: 3 }], expected: [1, 2, 3] },
    { name: 'an older time goes in its place', ops: [{ add: 1 }, { add: 5 }, { add: 3 }], expected: [1, 3, 5] },
    { name: 'equal times are all kept', ops: [{ add: 4 }, { add: 4 }, { add: 4 }], expected: [4, 4, 4] },
    { name: 'a refusal takes one send back', ops: [{ add: 4 }, { add: 4 }, { remove: 4 }], expected: [4] },
    { name: 'taking back a time never counted changes nothing', ops: [{ add: 1 }, { remove: 2 }], expected: [1] },
    { name: 'grows past its first capacity', ops: Array.from({ length: 20 }, (_, i) => ({ add: 20 - i })), expected: Array.from({ length: 20 }, (_, i) => i + 1) },
  ])('R12 $name', ({ ops, expected }) => {
    const list = emptyTimeList()
    for (const op of ops) {
      if ('add' in op) {
        insertTime(list, op.add)
      } else {
        removeTime(list, op.remove)
      }
    }
    expect([...timesIn(list)]).toEqual(expected)
    expect(trimmedTimeList(list)).toEqual({ times: Float64Array.from(expected), start: 0, end: expected.length })
  })

  it('R12 random adds and take-backs match a sorted array', () => {
    const op = fc.oneof(fc.record({ add: fc.integer({ min: 0, max: 50 }) }), fc.record({ remove: fc.integer({ min: 0, max: 50 }) }))
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const list = emptyTimeList()
        const model: number[] = []
        for (const o of ops) {
          if ('add' in o) {
            insertTime(list, o.add)
            model.push(o.add)
            model.sort((a, b) => a - b)
          } else {
            removeTime(list, o.remove)
            const i = model.lastIndexOf(o.remove)
            if (i >= 0) {
              model.splice(i, 1)
            }
          }
        }
        expect([...timesIn(list)]).toEqual(model)
      }),
      { numRuns: 200 },
    )
  })
})

/** Every send kept, and the pruned list the store keeps, after the same sends. */
function bothLists(sends: number[]): { all: number[]; kept: TimeList } {
  const kept = emptyTimeList()
  for (const t of sends) {
    addTime(kept, t, KEPT)
  }
  return { all: [...sends].sort((a, b) => a - b), kept }
}

describe('R12 R13 send times dropped after twice the longest window answer exactly as all of them', () => {
  it('keeps twice the daily window (48 h with the default policy)', () => {
    expect(KEPT).toBe(2 * DAY)
  })

  // A personal sender at the daily cap for three days in a row, then quiet: the list stays
  // two days long, and every answer at the window's edges is the same as with all sends kept.
  const daysAtCap = Array.from({ length: 3 * 500 }, (_, i) => T + Math.floor(i / 500) * DAY + (i % 500) * MINUTE)
  const newest = daysAtCap[daysAtCap.length - 1]
  const oldestCounted = daysAtCap[daysAtCap.length - 500]
  const edges: { name: string; now: number }[] = [
    { name: 'one window before the newest send (the earliest exact time)', now: newest - DAY },
    { name: 'at the newest send', now: newest },
    { name: '1 ms before the oldest counted send leaves the window', now: oldestCounted + DAY - 1 },
    { name: 'when the oldest counted send leaves the window', now: oldestCounted + DAY },
    { name: '1 ms after it', now: oldestCounted + DAY + 1 },
    { name: 'a window after the newest send', now: newest + DAY },
    { name: 'long after', now: newest + 30 * DAY },
  ]
  const { all, kept } = bothLists(daysAtCap)

  it('R12 holds at most the sends of the last 48 h', () => {
    expect(timesIn(kept).length).toBeLessThanOrEqual(1000)
    expect(timesIn(kept)[0]).toBeGreaterThan(newest - KEPT)
  })

  it.each(edges)('R12 R13 $name', ({ now }) => {
    for (const sender of [personal, business]) {
      for (const newConversation of [false, true]) {
        const full = { messageTimes: all, newConversationTimes: all }
        const pruned = { messageTimes: timesIn(kept), newConversationTimes: timesIn(kept) }
        expect(checkCaps(sender, pruned, newConversation, new Date(now), DEFAULT_POLICY)).toEqual(checkCaps(sender, full, newConversation, new Date(now), DEFAULT_POLICY))
      }
      expect(capUsage(sender, { messageTimes: timesIn(kept), newConversationTimes: timesIn(kept) }, new Date(now), DEFAULT_POLICY)).toEqual(
        capUsage(sender, { messageTimes: all, newConversationTimes: all }, new Date(now), DEFAULT_POLICY),
      )
    }
  })

  it('R12 R13 random sends over days: same answers at random times from one window before the newest on', () => {
    const gaps = fc.array(fc.integer({ min: 0, max: 6 * HOUR }), { minLength: 1, maxLength: 400 })
    fc.assert(
      fc.property(gaps, fc.integer({ min: -DAY, max: 3 * DAY }), (steps, offset) => {
        let t = T
        const sends = steps.map((g) => (t += g))
        const { all: every, kept: list } = bothLists(sends)
        const now = new Date(sends[sends.length - 1] + offset)
        const full = { messageTimes: every, newConversationTimes: every }
        const pruned = { messageTimes: timesIn(list), newConversationTimes: timesIn(list) }
        const policy = { ...DEFAULT_POLICY, caps: { ...DEFAULT_POLICY.caps, personal: { messagesPerDay: 20, newConversationsPerDay: 8, newConversationsPerBurst: 3 } } }
        expect(checkCaps(personal, pruned, true, now, policy)).toEqual(checkCaps(personal, full, true, now, policy))
        expect(capUsage(personal, pruned, now, policy)).toEqual(capUsage(personal, full, now, policy))
      }),
      { numRuns: 300 },
    )
  })
})
