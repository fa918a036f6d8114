// A conversation's messages as the projection keeps them: not the messages themselves (they
// stay in the log on disk) but a few columns per message, in key order (R19): the log seq to
// read it back by, its time, a hash of its id (to match keys without a read), who sent it and
// how far it got. 13 bytes a message, all columns in one buffer grown in bounded steps; the
// text, ids and client ids are read from the log.
import type { MessageDelivery } from '@shared/types'
import { noteWrite } from './checkpoint-journal'
import { hashKey } from './id-index'
import { appendEra, timeAt } from './message-times'

export interface MessageRefs {
  length: number
  seqs: Int32Array
  idHashes: Uint32Array
  /** sentAt as epoch ms, its low 32 bits; the high part is in `eras` (message-times.ts). */
  times: Uint32Array
  /** Pairs [first index, high part] of each run of equal high parts (one per 49.7 days spanned). */
  eras: number[]
  /** Bit 0: sent by participants[1]; bits 1-2: delivery (DELIVERIES). */
  flags: Uint8Array
}

const DELIVERIES: readonly MessageDelivery[] = ['direct', 'request', 'pending', 'refused']
/** Bytes a message takes in the columns: seq, id hash, time (4 each) and flags (1). */
export const BYTES_PER_REF = 13

export function emptyRefs(): MessageRefs {
  return withCapacity(4)
}

/** Columns for `capacity` messages, views of one buffer (one allocation, one free). */
function withCapacity(capacity: number): MessageRefs {
  const buffer = new ArrayBuffer(capacity * BYTES_PER_REF)
  return {
    length: 0,
    seqs: new Int32Array(buffer, 0, capacity),
    idHashes: new Uint32Array(buffer, 4 * capacity, capacity),
    times: new Uint32Array(buffer, 8 * capacity, capacity),
    eras: [],
    flags: new Uint8Array(buffer, 12 * capacity, capacity),
  }
}

export function deliveryAt(refs: MessageRefs, i: number): MessageDelivery {
  return DELIVERIES[(refs.flags[i] >> 1) & 3]
}

export function senderIndexAt(refs: MessageRefs, i: number): 0 | 1 {
  return (refs.flags[i] & 1) as 0 | 1
}

export function setDeliveryAt(refs: MessageRefs, i: number, delivery: MessageDelivery): void {
  noteWrite(refs.flags, i, i + 1)
  refs.flags[i] = (refs.flags[i] & 1) | (DELIVERIES.indexOf(delivery) << 1)
}

/** A message key ("<sentAt>|<id>") split into what the columns compare: time first, then id. */
export interface KeyParts {
  ms: number
  id: string
  idHash: number
}

export function keyParts(key: string): KeyParts {
  const bar = key.indexOf('|')
  const id = key.slice(bar + 1)
  return { ms: Date.parse(key.slice(0, bar)), id, idHash: hashKey(id) }
}

/** The id of the message at `i`, read back from the log; only needed to order two messages of one millisecond. */
export type IdAt = (i: number) => string

/** First index with time >= ms. */
function firstAtOrAfterTime(refs: MessageRefs, ms: number): number {
  let lo = 0
  let hi = refs.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (timeAt(refs, mid) < ms) {
      lo = mid + 1
    } else {
      hi = mid
    }
  }
  return lo
}

/**
 * Index of the first message whose key is above `key` (with `orEqual`: not below it). Only
 * messages of the same millisecond as the key need their id, and a matching id hash stands
 * for the same id, so the usual case (a key of a message in the list) reads nothing.
 */
export function refIndex(refs: MessageRefs, key: KeyParts, idAt: IdAt, orEqual = false): number {
  let i = firstAtOrAfterTime(refs, key.ms)
  for (; i < refs.length && timeAt(refs, i) === key.ms; i++) {
    const id = refs.idHashes[i] === key.idHash ? key.id : idAt(i)
    if (id > key.id || (orEqual && id === key.id)) {
      return i
    }
  }
  return i
}

/** Where the message with log seq `seq` and time `ms` sits, or -1. */
export function positionOf(refs: MessageRefs, ms: number, seq: number): number {
  for (let i = firstAtOrAfterTime(refs, ms); i < refs.length && timeAt(refs, i) === ms; i++) {
    if (refs.seqs[i] === seq) {
      return i
    }
  }
  return -1
}

export interface NewRef {
  seq: number
  ms: number
  idHash: number
  senderIndex: 0 | 1
  delivery: MessageDelivery
}

/** Inserts at `at` (the caller found the place by key, so times stay ascending), growing the columns when full. */
export function insertRef(refs: MessageRefs, at: number, ref: NewRef): void {
  if (refs.length === refs.seqs.length) {
    grow(refs)
  }
  const { seqs, times, idHashes, flags } = refs
  // A checkpoint being written may hold these columns up to some length: it keeps what moves.
  noteWrite(seqs, at, refs.length + 1)
  noteWrite(times, at, refs.length + 1)
  noteWrite(idHashes, at, refs.length + 1)
  noteWrite(flags, at, refs.length + 1)
  if (at < refs.length) {
    seqs.copyWithin(at + 1, at, refs.length)
    times.copyWithin(at + 1, at, refs.length)
    idHashes.copyWithin(at + 1, at, refs.length)
    flags.copyWithin(at + 1, at, refs.length)
  }
  seqs[at] = ref.seq
  times[at] = appendEra(refs.eras, at, refs.length, ref.ms)
  idHashes[at] = ref.idHash
  flags[at] = ref.senderIndex | (DELIVERIES.indexOf(ref.delivery) << 1)
  refs.length += 1
}

/**
 * Room for more: doubled while small, then an eighth more each time, so at most an eighth of
 * a long conversation's columns is room for what comes next (doubling left up to half).
 */
export function nextCapacity(capacity: number): number {
  return capacity < 4096 ? Math.max(4, capacity * 2) : capacity + Math.ceil(capacity / 8 / 1024) * 1024
}

function grow(refs: MessageRefs): void {
  const next = withCapacity(nextCapacity(refs.seqs.length))
  const n = refs.length
  next.seqs.set(refs.seqs.subarray(0, n))
  next.idHashes.set(refs.idHashes.subarray(0, n))
  next.times.set(refs.times.subarray(0, n))
  next.flags.set(refs.flags.subarray(0, n))
  Object.assign(refs, { seqs: next.seqs, idHashes: next.idHashes, times: next.times, flags: next.flags })
}

/** The columns cut to their length (views, not copies): what a checkpoint stores and what two stores compare. */
export function trimmedRefs(refs: MessageRefs): MessageRefs {
  const n = refs.length
  return {
    length: n,
    seqs: refs.seqs.subarray(0, n),
    idHashes: refs.idHashes.subarray(0, n),
    times: refs.times.subarray(0, n),
    eras: refs.eras.slice(),
    flags: refs.flags.subarray(0, n),
  }
}

/** The columns as checkpoints before version 4 held them (times as Float64 ms), in today's form. */
export function refsFromVersion3(old: { length: number; seqs: Int32Array; times: Float64Array; idHashes: Uint32Array; flags: Uint8Array }): MessageRefs {
  const refs = withCapacity(Math.max(4, old.length))
  refs.seqs.set(old.seqs.subarray(0, old.length))
  refs.idHashes.set(old.idHashes.subarray(0, old.length))
  refs.flags.set(old.flags.subarray(0, old.length))
  for (let i = 0; i < old.length; i++) {
    refs.times[i] = appendEra(refs.eras, i, i, old.times[i])
  }
  refs.length = old.length
  return refs
}
