// parseTime keeps the last second it parsed and adds milliseconds to it (main/store/time-parse.ts):
// in any order, for plain ISO times and for texts that only look like them, it answers
// exactly as Date.parse does, NaN included.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseTime } from '../../main/store/time-parse'

const two = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((n) => String(n).padStart(2, '0'))

/** ISO-shaped texts with edge values: month 00 and 13, day 00, 29-32, hour 23 and 24, second 59 and 60, odd ends. */
const isoish = fc
  .tuple(
    fc.constantFrom('1970', '2024', '2026', '0000', '9999'),
    two(0, 13),
    fc.constantFrom('00', '01', '28', '29', '30', '31', '32'),
    fc.constantFrom('00', '12', '23', '24'),
    fc.constantFrom('00', '59', '60'),
    fc.constantFrom('00', '07', '59', '60'),
    fc.constantFrom('000', '001', '123', '999', '12a', '1'),
    fc.constantFrom('Z', 'Z', 'Z', 'z', '+00:00', ''),
  )
  .map(([y, mo, d, h, mi, s, ms, end]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}${end}`)

const other = fc.constantFrom(
  '1970-01-01T00:00:00.000Z',
  '1970-01-01T00:00:00.123Z',
  'xxxx-01-01T00:00:00.123Z',
  '2026-12-04T15:00:07Z',
  '+002026-12-04T15:00:07.000Z',
  '',
)

describe('R19 message times parsed as Date.parse does', () => {
  it('any sequence of ISO-like texts, so that a kept second meets every kind of next text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(isoish, other), { minLength: 1, maxLength: 30 }), (texts) => {
        for (const text of texts) {
          expect(parseTime(text)).toBe(Date.parse(text))
        }
      }),
      { numRuns: 3000 },
    )
  })

  it('a run of sends within one second, then the next second', () => {
    const base = Date.parse('2026-12-04T15:00:07.000Z')
    for (let ms = base - 5; ms < base + 1_500; ms += 7) {
      const text = new Date(ms).toISOString()
      expect(parseTime(text)).toBe(ms)
    }
  })

  it('hour 24: only its first millisecond is a time', () => {
    expect(parseTime('2026-01-01T24:00:00.000Z')).toBe(Date.parse('2026-01-01T24:00:00.000Z'))
    expect(parseTime('2026-01-01T24:00:00.001Z')).toBe(Date.parse('2026-01-01T24:00:00.001Z'))
  })
})
