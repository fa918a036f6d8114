// One sender's send times for the caps (R12, R13): epoch ms, ascending, in a Float64Array
// (8 bytes a send, outside V8's heap) whose live part is [start, end). Times that can no
// longer count are dropped from the front, so an account keeps about its last windows of
// sends, not one number per send forever. A checkpoint being written takes the live part by
// view, so every write in place tells the checkpoint journal first.
import { noteWrite } from './checkpoint-journal'

export interface TimeList {
  times: Float64Array
  start: number
  end: number
}

const FIRST_CAPACITY = 8

export function emptyTimeList(): TimeList {
  return { times: new Float64Array(FIRST_CAPACITY), start: 0, end: 0 }
}

/** The live times as a view (no copy), oldest first: what the cap rules read. */
export function timesIn(list: TimeList): Float64Array {
  return list.times.subarray(list.start, list.end)
}

/** Adds `t` in order (after any equal times); sends come in order, so this is an append. */
export function insertTime(list: TimeList, t: number): void {
  if (list.end === list.times.length) {
    const live = list.end - list.start
    if ((live + 1) * 2 <= list.times.length) {
      // Half of it is dropped times at the front: move the live ones down instead of growing.
      noteWrite(list.times, 0, list.end)
      list.times.copyWithin(0, list.start, list.end)
      Object.assign(list, { start: 0, end: live })
    } else {
      resize(list, live + 1)
    }
  }
  const { times } = list
  let i = list.end
  if (i === list.start || times[i - 1] <= t) {
    // The usual case, a send newer than every kept one: one slot written, nothing moved.
    noteWrite(times, i, i + 1)
    times[i] = t
    list.end = i + 1
    return
  }
  while (i > list.start && times[i - 1] > t) {
    i--
  }
  noteWrite(times, i, list.end + 1)
  times.copyWithin(i + 1, i, list.end)
  times[i] = t
  list.end += 1
}

/** Takes back one send at `t` (the last one of that time), if there is one. */
export function removeTime(list: TimeList | undefined, t: number): void {
  if (!list) {
    return
  }
  const { times } = list
  for (let i = list.end - 1; i >= list.start; i--) {
    if (times[i] === t) {
      noteWrite(times, i, list.end)
      times.copyWithin(i, i + 1, list.end)
      list.end -= 1
      return
    }
  }
}

/** Drops the times at or before `cut` (they are oldest), and gives back room once a quarter is used. */
export function dropUpTo(list: TimeList, cut: number): void {
  const { times } = list
  while (list.start < list.end && times[list.start] <= cut) {
    list.start += 1
  }
  const live = list.end - list.start
  if (times.length > FIRST_CAPACITY && live * 4 <= times.length) {
    resize(list, live)
  }
}

/** Moves the live times to the front of a new array with room for `needed` and more: twice that while small, then an eighth more. */
function resize(list: TimeList, needed: number): void {
  const times = new Float64Array(Math.max(FIRST_CAPACITY, needed < 4096 ? needed * 2 : needed + Math.ceil(needed / 8 / 1024) * 1024))
  times.set(list.times.subarray(list.start, list.end))
  Object.assign(list, { times, start: 0, end: list.end - list.start })
}

/** The live times in an array of their own size: one form however the list grew (checkpoints, store comparisons). */
export function trimmedTimeList(list: TimeList): TimeList {
  return { times: timesIn(list), start: 0, end: list.end - list.start }
}

/** A list holding `times` (ascending), as checkpoints before version 4 kept them (a number array). */
export function timeListOf(times: readonly number[]): TimeList {
  const list = { times: new Float64Array(Math.max(FIRST_CAPACITY, times.length)), start: 0, end: times.length }
  list.times.set(times)
  return list
}
