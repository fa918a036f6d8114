// The checkpoint's snapshot taken entry by entry (main/store/checkpoint-snapshot.ts): whatever
// reaches a Map of the projection while it is being taken (get then change, set, delete,
// iteration, clear) leaves the snapshot holding each entry as it was when it began; an object
// reached from two entries is refused, and the checkpoint then takes it all at once.
import { describe, expect, it } from 'vitest'
import type { Json } from '../../main/store/checkpoint-codec'
import { Encoder } from '../../main/store/checkpoint-codec'
import { decodeState } from '../../main/store/checkpoint-decode'
import { StateSnapshot } from '../../main/store/checkpoint-snapshot'

const asStored = (_part: string, value: unknown) => value

function sample() {
  return {
    people: new Map<string, { name: string; tags: Set<string> }>([
      ['p1', { name: 'Ann', tags: new Set(['a']) }],
      ['p2', { name: 'Bob', tags: new Set(['b']) }],
      ['p3', { name: 'Cem', tags: new Set() }],
      ['p4', { name: 'Dia', tags: new Set(['d']) }],
      ...[5, 6, 7, 8, 9].map((i): [string, { name: string; tags: Set<string> }] => [`p${i}`, { name: `P${i}`, tags: new Set() }]),
    ]),
    times: new Map<string, number[]>([['p1', [1, 2, 3]]]),
    plain: { version: 1 },
  }
}

/** Takes the snapshot one entry a turn, running `between` after each turn; the decoded result. */
function take(state: object, between: (turn: number) => void): unknown {
  const encoder = new Encoder([], { parts: true })
  const snapshot = new StateSnapshot(state, encoder, asStored)
  for (let turn = 0; !snapshot.step(1); turn++) {
    between(turn)
  }
  expect(snapshot.failure).toBeNull()
  return decodeState(JSON.parse(snapshot.text()) as Json, encoder.blobs)
}

describe('a snapshot taken entry by entry', () => {
  it('holds every entry as it was when it began, whatever reaches the Maps meanwhile', () => {
    const state = sample()
    const expected = decodeState(JSON.parse(JSON.stringify(new Encoder().encode(sample()))) as Json)
    const changes = [
      () => state.people.get('p3')!.tags.add('late'), // get, then a change in place
      () => state.people.set('p2', { name: 'Bobby', tags: new Set() }), // an entry replaced
      () => state.people.delete('p4'), // an entry removed
      () => state.people.set('p10', { name: 'New', tags: new Set() }), // an entry added
      () => state.times.get('p1')!.push(4),
      () => [...state.people.values()].forEach((p) => (p.name += '!')), // iteration, then changes
    ]
    let ran = 0
    expect(take(state, (turn) => changes[turn] && (changes[turn](), ran++))).toEqual(expected)
    expect(ran).toBe(changes.length)
    // The Maps are plain again, and hold the changes.
    expect(Object.getOwnPropertyNames(state.people)).toEqual([])
    expect(state.people.get('p2')!.name).toBe('Bobby!')
  })

  it('a Map cleared meanwhile: the snapshot still holds its entries', () => {
    const state = sample()
    const expected = decodeState(JSON.parse(JSON.stringify(new Encoder().encode(sample()))) as Json)
    expect(take(state, (turn) => turn === 0 && state.people.clear())).toEqual(expected)
    expect(state.people.size).toBe(0)
  })

  it('refuses an object reached from two entries (it would come back as two)', () => {
    const shared = { name: 'shared' }
    const state = { a: new Map([['x', shared]]), b: new Map([['y', shared]]) }
    const snapshot = new StateSnapshot(state, new Encoder([], { parts: true }), asStored)
    while (!snapshot.step()) {
      // all in one turn here
    }
    expect(snapshot.failure).not.toBeNull()
    expect(Object.getOwnPropertyNames(state.a)).toEqual([])
    // All at once (the checkpoint's fallback), the object is written once and comes back as one.
    const encoder = new Encoder()
    const back = decodeState(JSON.parse(JSON.stringify(encoder.encode(state))) as Json, encoder.blobs) as typeof state
    expect(back.a.get('x')).toBe(back.b.get('y'))
  })
})
