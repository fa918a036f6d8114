// Message times in 4 bytes a message: the columns keep each time's low 32 bits, and `eras`
// the high part (ms / 2^32, which changes once every 49.7 days) once per run of messages that
// share it, as pairs [first index, high part]. Times ascend in a conversation (R19), so a
// conversation spanning a year has about eight pairs. Exact for any epoch ms.

const SPAN = 2 ** 32

/** The epoch ms of the message at `i`. */
export function timeAt(refs: { times: Uint32Array; eras: readonly number[] }, i: number): number {
  const { eras } = refs
  // From the newest era back: reads go mostly to recent messages, and most lists have one era.
  let e = eras.length - 2
  while (e > 0 && eras[e] > i) {
    e -= 2
  }
  return eras[e + 1] * SPAN + refs.times[i]
}

/**
 * Notes in `eras` a time `ms` inserted at index `at` of a list that held `length` times (the
 * ones from `at` on move one up), and returns the low part to store at `at`. The eras stay
 * maximal runs, so they depend only on the times, not on the order they came in.
 */
export function appendEra(eras: number[], at: number, length: number, ms: number): number {
  const high = Math.floor(ms / SPAN)
  if (at === length) {
    // An append, nearly every insert (times ascend): no era starts after it, so it extends
    // the last era or starts one. The search below would find the same, from the front.
    if (eras.length === 0 || eras[eras.length - 1] !== high) {
      eras.push(at, high)
    }
    return ms - high * SPAN
  }
  // The first era starting at or after `at`: it and those after it move one up.
  let e = 0
  while (e < eras.length && eras[e] < at) {
    e += 2
  }
  const before = e > 0 ? eras[e - 1] : null
  const after = e < eras.length ? eras[e + 1] : null
  // The era before continues past `at` when the time that was at `at` belonged to it.
  const splits = before !== null && at < (e < eras.length ? eras[e] : length)
  for (let j = e; j < eras.length; j += 2) {
    eras[j] += 1
  }
  if (high === before) {
    // Within (or at the end of) the era before.
  } else if (splits) {
    eras.splice(e, 0, at, high, at + 1, before)
  } else if (high === after) {
    eras[e] = at
  } else {
    eras.splice(e, 0, at, high)
  }
  return ms - high * SPAN
}
