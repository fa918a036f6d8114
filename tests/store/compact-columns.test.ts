// The projection's per-message structures (main/store/message-refs.ts, message-times.ts,
// id-index.ts): 32-bit times with eras give back every epoch ms exactly in any insertion
// order (R19 order is by time), the columns grow in bounded steps, and the id index finds
// every key it holds, at any table size, including tables laid out before it grew by quarters.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { IdIndex } from '../../main/store/id-index'
import { emptyIdIndex, hashKey, indexAdd, indexFind } from '../../main/store/id-index'
import type { MessageRefs } from '../../main/store/message-refs'
import { BYTES_PER_REF, emptyRefs, insertRef, nextCapacity, positionOf, refsFromVersion3, trimmedRefs } from '../../main/store/message-refs'
import { timeAt } from '../../main/store/message-times'

const ERA = 2 ** 32
const T = Date.parse('2026-03-10T12:00:00.000Z')
/** The first ms of the era after T's. */
const EDGE = Math.ceil(T / ERA) * ERA

/** Inserts each time at its place by time (after equal ones), as the projection does by key. */
function refsOf(times: number[]): MessageRefs {
  const refs = emptyRefs()
  times.forEach((ms, n) => {
    let at = 0
    while (at < refs.length && timeAt(refs, at) <= ms) {
      at++
    }
    insertRef(refs, at, { seq: n + 1, ms, idHash: n + 1, senderIndex: 0, delivery: 'direct' })
  })
  return refs
}

const timesOf = (refs: MessageRefs) => Array.from({ length: refs.length }, (_, i) => timeAt(refs, i))

describe('R19 message times in 32-bit columns with eras', () => {
  const rows: { name: string; times: number[]; eras: number }[] = [
    { name: 'one time', times: [T], eras: 1 },
    { name: 'in order within one era', times: [T, T + 1, T + 1, T + 60_000], eras: 1 },
    { name: 'the last ms of an era, then the first of the next', times: [EDGE - 1, EDGE], eras: 2 },
    { name: 'the next era first, then the one before (inserted before it)', times: [EDGE, EDGE - 1], eras: 2 },
    { name: 'an older era inserted between two of a later one', times: [EDGE + 5, EDGE + 9, EDGE - 3], eras: 2 },
    { name: 'a time of the middle era inserted between two others', times: [EDGE - 1, EDGE + ERA, EDGE + 1], eras: 3 },
    { name: 'a year of messages 45 days apart', times: Array.from({ length: 9 }, (_, i) => T + i * 45 * 86_400_000), eras: 9 },
    { name: 'before 1970 (negative ms)', times: [-5, -1, 0, 3], eras: 2 },
  ]
  it.each(rows)('R19 $name: every time read back exactly, $eras era(s)', ({ times, eras }) => {
    const refs = refsOf(times)
    expect(timesOf(refs)).toEqual([...times].sort((a, b) => a - b))
    expect(refs.eras.length / 2).toBe(eras)
    // Found where it sits by its time and seq.
    times.forEach((ms, n) => expect(timeAt(refs, positionOf(refs, ms, n + 1))).toBe(ms))
  })

  it('R19 random times around era edges, inserted in any order: same times and same eras as in order', () => {
    const around = fc.integer({ min: -3, max: 3 }).chain((era) => fc.integer({ min: -2, max: 2 }).map((d) => EDGE + era * ERA + d))
    fc.assert(
      fc.property(fc.array(around, { minLength: 1, maxLength: 40 }), (times) => {
        const sorted = [...times].sort((a, b) => a - b)
        const shuffled = refsOf(times)
        const inOrder = refsOf(sorted)
        expect(timesOf(shuffled)).toEqual(sorted)
        expect(shuffled.eras).toEqual(inOrder.eras)
        // Adjacent eras always differ: one form for the same times.
        for (let e = 3; e < shuffled.eras.length; e += 2) {
          expect(shuffled.eras[e]).not.toBe(shuffled.eras[e - 2])
        }
      }),
      { numRuns: 200 },
    )
  })

  it('R19 a version-3 column (Float64 ms) converts to the same columns as the times inserted now', () => {
    const times = [EDGE - 2, EDGE - 1, EDGE, EDGE + 7]
    const now = refsOf(times)
    const trimmed = trimmedRefs(now)
    const old = { length: 4, seqs: trimmed.seqs, times: Float64Array.from(times), idHashes: trimmed.idHashes, flags: trimmed.flags }
    expect(trimmedRefs(refsFromVersion3(old))).toEqual(trimmed)
  })
})

describe('message columns grow in bounded steps', () => {
  it.each([
    { capacity: 4, next: 8 },
    { capacity: 2048, next: 4096 },
    { capacity: 4096, next: 5120 },
    { capacity: 200_000, next: 225_600 },
  ])('from $capacity to $next', ({ capacity, next }) => {
    expect(nextCapacity(capacity)).toBe(next)
    // Never more than an eighth (and a page of 1,024) of room once large.
    if (capacity >= 4096) {
      expect(next - capacity).toBeLessThanOrEqual(capacity / 8 + 1024)
    }
  })

  it('holds 13 bytes a message in one buffer, and 100,000 appends leave at most an eighth free', () => {
    const refs = emptyRefs()
    for (let i = 0; i < 100_000; i++) {
      insertRef(refs, i, { seq: i + 1, ms: T + i, idHash: i + 1, senderIndex: (i & 1) as 0 | 1, delivery: 'direct' })
    }
    expect(refs.seqs.buffer).toBe(refs.times.buffer)
    expect(refs.flags.buffer).toBe(refs.idHashes.buffer)
    expect(refs.seqs.buffer.byteLength).toBe(refs.seqs.length * BYTES_PER_REF)
    expect(refs.seqs.length).toBeLessThanOrEqual(100_000 * 1.125 + 1024)
    expect(timeAt(refs, 99_999)).toBe(T + 99_999)
    expect(refs.seqs[99_999]).toBe(100_000)
  })
})

describe('R18 the id index at any size', () => {
  const find = (index: IdIndex, key: string, seqOf: Map<string, number>) => indexFind(index, key, (seq) => seqOf.get(key) === seq)

  it('finds every key it holds and nothing else, across growths by a quarter (not powers of two)', () => {
    const index = emptyIdIndex()
    const seqOf = new Map<string, number>()
    const sizes = new Set<number>()
    for (let i = 1; i <= 10_000; i++) {
      const key = `ca_sender\u0000client-${i}`
      indexAdd(index, key, i)
      seqOf.set(key, i)
      sizes.add(index.hashes.length)
    }
    expect([...sizes].slice(0, 4)).toEqual([1024, 1280, 1600, 2000])
    expect(index.count).toBe(10_000)
    expect(index.count / index.hashes.length).toBeGreaterThan(0.6)
    expect(index.count / index.hashes.length).toBeLessThanOrEqual(0.8)
    for (const [key, seq] of seqOf) {
      expect(find(index, key, seqOf)).toBe(seq)
    }
    expect(find(index, 'ca_sender\u0000client-0', seqOf)).toBeUndefined()
    expect(find(index, 'ca_other\u0000client-1', seqOf)).toBeUndefined()
  })

  it('reads a table laid out by the doubling index of checkpoints before version 4 (hash & mask = hash % size)', () => {
    const size = 2048
    const old: IdIndex = { hashes: new Uint32Array(size), seqs: new Int32Array(size), count: 0 }
    const seqOf = new Map<string, number>()
    for (let i = 1; i <= 1000; i++) {
      const key = `ea_node:${i}`
      const h = hashKey(key)
      let slot = h & (size - 1)
      while (old.hashes[slot] !== 0) {
        slot = (slot + 1) & (size - 1)
      }
      old.hashes[slot] = h
      old.seqs[slot] = i
      old.count++
      seqOf.set(key, i)
    }
    for (const [key, seq] of seqOf) {
      expect(find(old, key, seqOf)).toBe(seq)
    }
    // Adding to it grows it by a quarter, keeping every key.
    for (let i = 1001; i <= 1700; i++) {
      indexAdd(old, `ea_node:${i}`, i)
      seqOf.set(`ea_node:${i}`, i)
    }
    expect(old.hashes.length).toBe(2560)
    for (const [key, seq] of seqOf) {
      expect(find(old, key, seqOf)).toBe(seq)
    }
  })
})
