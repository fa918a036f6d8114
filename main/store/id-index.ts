// A compact index from string keys ("<from>\0<clientId>", imported event ids) to
// the log seq of the record that holds them: open addressing over two typed arrays, 8 bytes
// a slot, instead of a Map of strings. Only a 32-bit hash of each key is kept, so a hit is
// confirmed by reading the record (the caller's `confirm`); a miss costs no read at all.
import { noteWrite } from './checkpoint-journal'

export interface IdIndex {
  /** Hash of the key in each slot, 0 for an empty slot (a key hashing to 0 is stored as 1). */
  hashes: Uint32Array
  seqs: Int32Array
  count: number
}

const FIRST_CAPACITY = 1024
/** Grown (doubled) once more than this share of slots is taken, so probes stay short. */
const MAX_LOAD = 0.7

export function emptyIdIndex(): IdIndex {
  return { hashes: new Uint32Array(FIRST_CAPACITY), seqs: new Int32Array(FIRST_CAPACITY), count: 0 }
}

/** FNV-1a over UTF-16 code units, then a final mix so nearby keys spread over the table. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) {
    h = Math.imul(h ^ key.charCodeAt(i), 0x01000193)
  }
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  return h >>> 0 || 1
}

export function indexAdd(index: IdIndex, key: string, seq: number): void {
  if ((index.count + 1) / index.hashes.length > MAX_LOAD) {
    grow(index)
  }
  place(index, hashKey(key), seq)
  index.count += 1
}

/** The seq stored under `key` whose record `confirm` accepts (the first one added), if any. */
export function indexFind(index: IdIndex, key: string, confirm: (seq: number) => boolean): number | undefined {
  const h = hashKey(key)
  const mask = index.hashes.length - 1
  for (let slot = h & mask; index.hashes[slot] !== 0; slot = (slot + 1) & mask) {
    if (index.hashes[slot] === h && confirm(index.seqs[slot])) {
      return index.seqs[slot]
    }
  }
  return undefined
}

function place(index: IdIndex, h: number, seq: number): void {
  const mask = index.hashes.length - 1
  let slot = h & mask
  while (index.hashes[slot] !== 0) {
    slot = (slot + 1) & mask
  }
  // A checkpoint being written may hold this table: it keeps the empty slot as it was.
  noteWrite(index.hashes, slot, slot + 1)
  noteWrite(index.seqs, slot, slot + 1)
  index.hashes[slot] = h
  index.seqs[slot] = seq
}

/** Doubles the table; slots are re-placed by their stored hash, in slot order (deterministic). */
function grow(index: IdIndex): void {
  const { hashes, seqs } = index
  index.hashes = new Uint32Array(hashes.length * 2)
  index.seqs = new Int32Array(hashes.length * 2)
  for (let i = 0; i < hashes.length; i++) {
    if (hashes[i] !== 0) {
      place(index, hashes[i], seqs[i])
    }
  }
}
