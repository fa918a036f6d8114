// conversationIdFor keeps its last answer (main/store/state.ts): whatever pairs come in
// whatever order, each answer is the pair's one id, as built from scratch.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { conversationIdFor } from '../../main/store/state'

const fresh = (a: string, b: string) => (a < b ? `c_${a}_${b}` : `c_${b}_${a}`)

describe('one conversation id a pair', () => {
  it('is the same both ways round and right after any other pair, the empty one included', () => {
    const id = fc.constantFrom('', 'a_ann', 'a_bob', 'a_cem', 'a_ann_x')
    fc.assert(
      fc.property(fc.array(fc.tuple(id, id), { minLength: 1, maxLength: 20 }), (pairs) => {
        for (const [a, b] of pairs) {
          expect(conversationIdFor(a, b)).toBe(fresh(a, b))
          expect(conversationIdFor(b, a)).toBe(fresh(a, b))
          expect(conversationIdFor(a, b)).toBe(fresh(a, b))
        }
      }),
    )
  })
})
