// isoTime (main/lib/iso-time.ts) is the send path's stand-in for Date.prototype.toISOString:
// it must give the same text for every time, across second, year and sign boundaries, in any order.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isoTime } from '../../main/lib/iso-time'

const MAX_TIME = 8.64e15

describe('isoTime', () => {
  it('equals new Date(ms).toISOString() for any time, called in any order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -MAX_TIME, max: MAX_TIME }), { minLength: 1, maxLength: 20 }), (times) => {
        for (const ms of times) {
          expect(isoTime(ms)).toBe(new Date(ms).toISOString())
        }
      }),
    )
  })

  it('gets the milliseconds right around a second, before and after 1970 and past year 9999', () => {
    const edges = [
      0,
      -0,
      1,
      9,
      10,
      99,
      100,
      999,
      1000,
      -1,
      -999,
      -1000,
      -1001,
      Date.parse('2026-12-31T23:59:59.999Z'),
      253402300800000,
      -62198755200000,
      MAX_TIME - 1,
      -MAX_TIME,
    ]
    for (const ms of edges) {
      expect(isoTime(ms)).toBe(new Date(ms).toISOString())
      expect(isoTime(ms + 1)).toBe(new Date(ms + 1).toISOString())
    }
  })

  it('drops a fraction of a millisecond as a Date does', () => {
    expect(isoTime(1.7)).toBe(new Date(1.7).toISOString())
    expect(isoTime(-1.7)).toBe(new Date(-1.7).toISOString())
  })

  it('throws a RangeError for a time a Date cannot hold, as toISOString does', () => {
    for (const bad of [Number.NaN, MAX_TIME + 1, -MAX_TIME - 1, Number.POSITIVE_INFINITY]) {
      expect(() => isoTime(bad)).toThrow(RangeError)
    }
  })
})
