// A compact index from string keys ("<from>\0<clientId>", imported event ids) to
// the log seq of the record that holds them: open addressing over two typed arrays, 8 bytes
// a slot, instead of a Map of strings. Only a 32-bit hash of each key is kept, so a hit is
// confirmed by reading the record (the caller's `confirm`); a miss costs no read at all.
// A key's first slot is its hash modulo the table's size (any size, not only powers of two),
// so the table grows by a quarter at a time: 8-12.5 bytes a key, where doubling at 70 % full
// held 11-23.
import { noteWrite } from './checkpoint-journal'

export interface IdIndex {
  /** Hash of the key in each slot, 0 for an empty slot (a key hashing to 0 is stored as 1). */
  hashes: Uint32Array
  seqs: Int32Array
  count: number
}

const FIRST_CAPACITY = 1024
/** Grown once more than this share of slots is taken, so probes stay short. */
const MAX_LOAD = 0.8
/** Each growth makes the table this much bigger: 80 % full before, 64 % after. */
const GROWTH = 1.25

export function emptyIdIndex(): IdIndex {
  return withCapacity(FIRST_CAPACITY, 0)
}

/** Both columns in one buffer: one allocation, freed at once when the table grows. */
function withCapacity(capacity: number, count: number): IdIndex {
  const buffer = new ArrayBuffer(capacity * 8)
  return { hashes: new Uint32Array(buffer, 0, capacity), seqs: new Int32Array(buffer, capacity * 4, capacity), count }
}

/** FNV-1a over UTF-16 code units, then a final mix so nearby keys spread over the table. */
export function hashKey(key: string): number {
  return hashEnd(hashMore(HASH_START, key))
}

// hashKey in steps, for a key made of parts: hashEnd(hashMore(hashMore(HASH_START, a), b))
// is hashKey(a + b) without building a + b (tests/store/client-key-hash.test.ts).
export const HASH_START = 0x811c9dc5

export function hashMore(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    h = hashChar(h, text.charCodeAt(i))
  }
  return h
}

/** hashMore for one UTF-16 code unit. */
export function hashChar(h: number, code: number): number {
  return Math.imul(h ^ code, 0x01000193)
}

export function hashEnd(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  return h >>> 0 || 1
}

export function indexAdd(index: IdIndex, key: string, seq: number): void {
  indexAddHashed(index, hashKey(key), seq)
}

/** indexAdd for a key whose hashKey the caller has already. */
export function indexAddHashed(index: IdIndex, h: number, seq: number): void {
  if ((index.count + 1) / index.hashes.length > MAX_LOAD) {
    grow(index)
  }
  place(index, h, seq)
  index.count += 1
}

/** The seq stored under `key` whose record `confirm` accepts (the first one added), if any. */
export function indexFind(index: IdIndex, key: string, confirm: (seq: number) => boolean): number | undefined {
  return indexFindHashed(index, hashKey(key), confirm)
}

/** indexFind for a key whose hashKey the caller has already. */
export function indexFindHashed(index: IdIndex, h: number, confirm: (seq: number) => boolean): number | undefined {
  const size = index.hashes.length
  for (let slot = h % size; index.hashes[slot] !== 0; slot = slot + 1 === size ? 0 : slot + 1) {
    if (index.hashes[slot] === h && confirm(index.seqs[slot])) {
      return index.seqs[slot]
    }
  }
  return undefined
}

/** The empty slot a key with hash `h` goes into: its home slot, else the next free one (linear probing). */
function freeSlot(hashes: IdIndex['hashes'], h: number): number {
  const size = hashes.length
  let slot = h % size
  while (hashes[slot] !== 0) {
    slot = slot + 1 === size ? 0 : slot + 1
  }
  return slot
}

function place(index: IdIndex, h: number, seq: number): void {
  const slot = freeSlot(index.hashes, h)
  // A checkpoint being written may hold this table: it keeps the empty slot as it was.
  noteWrite(index.hashes, slot, slot + 1)
  noteWrite(index.seqs, slot, slot + 1)
  index.hashes[slot] = h
  index.seqs[slot] = seq
}

/** Grows the table by a quarter; slots are re-placed by their stored hash, in slot order (deterministic). */
function grow(index: IdIndex): void {
  const { hashes, seqs } = index
  const next = withCapacity(Math.ceil(hashes.length * GROWTH), index.count)
  // As place() does, but into a table no checkpoint holds yet: nothing to tell the journal
  // (a grow re-places every key, about five times a key over its life).
  for (let i = 0; i < hashes.length; i++) {
    const h = hashes[i]
    if (h !== 0) {
      const slot = freeSlot(next.hashes, h)
      next.hashes[slot] = h
      next.seqs[slot] = seqs[i]
    }
  }
  Object.assign(index, next)
}
