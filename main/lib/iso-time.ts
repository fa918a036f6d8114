// Date.prototype.toISOString for epoch milliseconds, without a Date per call: a send stamps
// two times, and `new Date(ms).toISOString()` measured ~1.7 µs here against ~0.1 µs for this.

/** The largest time a Date holds, either side of 1970 (ECMAScript's TimeClip). */
const MAX_TIME = 8.64e15

/** The second last formatted, and its text up to the milliseconds ("2026-12-03T18:45:01."). */
let second = Number.NaN
let prefix = ''

/** Exactly `new Date(ms).toISOString()` (a RangeError for an invalid time, as it throws). */
export function isoTime(time: number): string {
  // A Date drops a fraction of a millisecond.
  const ms = Math.trunc(time)
  if (!(ms >= -MAX_TIME && ms <= MAX_TIME)) {
    // NaN, infinite or out of a Date's range: the same RangeError as toISOString.
    return new Date(Number.NaN).toISOString()
  }
  const s = Math.floor(ms / 1000)
  if (s !== second) {
    // The text of the whole second, cut before its milliseconds ("000Z"): extended years keep their sign.
    prefix = new Date(s * 1000).toISOString().slice(0, -4)
    second = s
  }
  const milli = ms - s * 1000
  return `${prefix}${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`
}
