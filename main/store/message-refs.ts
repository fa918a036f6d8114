// A conversation's messages as the projection keeps them: not the messages themselves (they
// stay in the log on disk) but a few columns per message, in key order (R19): the log seq to
// read it back by, its time, a hash of its id (to match keys without a read), who sent it and
// how far it got. 17 bytes a message; the text, ids and client ids are read from the log.
import type { MessageDelivery } from '@shared/types'
import { noteWrite } from './checkpoint-journal'
import { hashKey } from './id-index'

export interface MessageRefs {
  length: number
  seqs: Int32Array
  /** sentAt as epoch ms. */
  times: Float64Array
  idHashes: Uint32Array
  /** Bit 0: sent by participants[1]; bits 1-2: delivery (DELIVERIES). */
  flags: Uint8Array
}

const DELIVERIES: readonly MessageDelivery[] = ['direct', 'request', 'pending', 'refused']

export function emptyRefs(): MessageRefs {
  return { length: 0, seqs: new Int32Array(4), times: new Float64Array(4), idHashes: new Uint32Array(4), flags: new Uint8Array(4) }
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
    if (refs.times[mid] < ms) {
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
  for (; i < refs.length && refs.times[i] === key.ms; i++) {
    const id = refs.idHashes[i] === key.idHash ? key.id : idAt(i)
    if (id > key.id || (orEqual && id === key.id)) {
      return i
    }
  }
  return i
}

/** Where the message with log seq `seq` and time `ms` sits, or -1. */
export function positionOf(refs: MessageRefs, ms: number, seq: number): number {
  for (let i = firstAtOrAfterTime(refs, ms); i < refs.length && refs.times[i] === ms; i++) {
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

/** Inserts at `at` (the caller found the place by key), growing the columns when full. */
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
  times[at] = ref.ms
  idHashes[at] = ref.idHash
  flags[at] = ref.senderIndex | (DELIVERIES.indexOf(ref.delivery) << 1)
  refs.length += 1
}

function grow(refs: MessageRefs): void {
  const capacity = Math.max(4, refs.seqs.length * 2)
  const seqs = new Int32Array(capacity)
  const times = new Float64Array(capacity)
  const idHashes = new Uint32Array(capacity)
  const flags = new Uint8Array(capacity)
  seqs.set(refs.seqs.subarray(0, refs.length))
  times.set(refs.times.subarray(0, refs.length))
  idHashes.set(refs.idHashes.subarray(0, refs.length))
  flags.set(refs.flags.subarray(0, refs.length))
  Object.assign(refs, { seqs, times, idHashes, flags })
}

/** The columns cut to their length (views, not copies): what a checkpoint stores and what two stores compare. */
export function trimmedRefs(refs: MessageRefs): MessageRefs {
  const n = refs.length
  return { length: n, seqs: refs.seqs.subarray(0, n), times: refs.times.subarray(0, n), idHashes: refs.idHashes.subarray(0, n), flags: refs.flags.subarray(0, n) }
}
