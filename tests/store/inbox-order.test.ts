// The inbox order both sides use (shared/inbox-order.ts): newest activity first, ties by the
// greater conversation id. The node keeps inboxSortKey strings sorted ascending and reads them
// from the end; newestFirst must put any set of conversations in that same order.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { inboxSortKey, newestFirst } from '@shared/inbox-order'
import type { InboxOrdered } from '@shared/inbox-order'

const T1 = '2025-06-01T10:00:00.000Z'
const T2 = '2025-06-01T10:00:00.001Z'

/** The node's order: keys ascending, read from the end (main/store/inbox-order.ts). */
const nodeOrder = (list: InboxOrdered[]) =>
  list
    .map(inboxSortKey)
    .sort()
    .reverse()
    .map((k) => k.slice(k.indexOf('\u0000') + 1))

describe('inbox order: one comparator for the node and the renderer', () => {
  const cases: { name: string; a: InboxOrdered; b: InboxOrdered; first: 'a' | 'b' | 'tie' }[] = [
    { name: 'newer activity first', a: { lastActivityAt: T1, id: 'c_z' }, b: { lastActivityAt: T2, id: 'c_a' }, first: 'b' },
    { name: 'same time: greater id first', a: { lastActivityAt: T1, id: 'c_a' }, b: { lastActivityAt: T1, id: 'c_b' }, first: 'b' },
    { name: 'same time, ids differ only in case: upper case sorts below lower', a: { lastActivityAt: T1, id: 'c_B' }, b: { lastActivityAt: T1, id: 'c_a' }, first: 'b' },
    { name: 'same time, one id a prefix of the other: the longer first', a: { lastActivityAt: T1, id: 'c_ab' }, b: { lastActivityAt: T1, id: 'c_a' }, first: 'a' },
    { name: 'same time and id (one conversation, two viewers): a tie', a: { lastActivityAt: T1, id: 'c_a' }, b: { lastActivityAt: T1, id: 'c_a' }, first: 'tie' },
    {
      name: 'a time that is a prefix of another sorts older',
      a: { lastActivityAt: '2025-06-01T10:00:00Z', id: 'c_a' },
      b: { lastActivityAt: '2025-06-01T10:00:00.5Z', id: 'c_a' },
      first: 'a',
    },
  ]
  it.each(cases)('$name', ({ a, b, first }) => {
    const sign = Math.sign(newestFirst(a, b))
    expect(sign).toBe(first === 'a' ? -1 : first === 'b' ? 1 : 0)
    expect(Math.sign(newestFirst(b, a))).toBe(-sign || 0)
    if (first !== 'tie') {
      expect(nodeOrder([a, b])[0]).toBe((first === 'a' ? a : b).id)
    }
  })

  it('sorts any list exactly as the node reads its keys (many ties)', () => {
    const conversation = fc.record({
      lastActivityAt: fc.constantFrom(T1, T2, '2025-06-01T10:00:01.000Z'),
      id: fc.stringMatching(/^c_[A-Za-z0-9_-]{0,3}$/),
    })
    fc.assert(
      fc.property(fc.uniqueArray(conversation, { selector: (c) => c.id, maxLength: 30 }), (list) => {
        expect([...list].sort(newestFirst).map((c) => c.id)).toEqual(nodeOrder(list))
      }),
    )
  })
})
