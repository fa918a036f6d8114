// Date.prototype.toISOString for epoch milliseconds, without a Date per call: a send stamps
// two times, and `new Date(ms).toISOString()` measured ~1.7 µs here against ~0.1 µs for this.

/** The largest time a Date holds, either side of 1970 (ECMAScript's TimeClip). */
const MAX_TIME = 8.64e15

/**
 * The text of the two seconds last formatted, up to their milliseconds ("2026-12-03T18:45:01."):
 * two, because a send's time (the store's stamp, which runs ahead of the clock under a burst
 * of sends) and its commit's time (the clock) are often in different seconds.
 */
const seconds = [Number.NaN, Number.NaN]
const prefixes = ['', '']
let older = 0

function prefixOf(second: number): string {
  if (seconds[0] === second) {
    return prefixes[0]
  }
  if (seconds[1] === second) {
    return prefixes[1]
  }
  // The text of the whole second, cut before its milliseconds ("000Z"): extended years keep their sign.
  const slot = older
  older = 1 - slot
  seconds[slot] = second
  prefixes[slot] = new Date(second * 1000).toISOString().slice(0, -4)
  return prefixes[slot]
}

/** Exactly `new Date(ms).toISOString()` (a RangeError for an invalid time, as it throws). */
export function isoTime(time: number): string {
  // A Date drops a fraction of a millisecond.
  const ms = Math.trunc(time)
  if (!(ms >= -MAX_TIME && ms <= MAX_TIME)) {
    // NaN, infinite or out of a Date's range: the same RangeError as toISOString.
    return new Date(Number.NaN).toISOString()
  }
  const second = Math.floor(ms / 1000)
  const milli = ms - second * 1000
  return `${prefixOf(second)}${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`
}
