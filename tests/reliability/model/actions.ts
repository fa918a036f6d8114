// What the model tests generate: the people of one sequence (adults, 16-17-year-olds,
// under-16s; US or EU) and the random actions among them.
import fc from 'fast-check'

export const PEOPLE = 3
export type Audience = 'everyone' | 'followers' | 'mutual' | 'nobody'

export type AgeKind = 'adult' | 'minor' | 'child'

export interface Profile {
  age: AgeKind
  region: string
}

export const profile: fc.Arbitrary<Profile> = fc.record({
  age: fc.constantFrom<AgeKind>('adult', 'adult', 'adult', 'minor', 'child'),
  region: fc.constantFrom('US', 'US', 'FR', 'DE'),
})

/**
 * A birth date for the age kind at `now` (the clock only moves on, across sequences too): an
 * adult is 30; a minor 17 and a child 15, both a birthday away 40 days from now, which a
 * few clock jumps reach (R2, R4 on the day of the action).
 */
export function birthDateFor(age: AgeKind, now: number): string {
  const at = new Date(now + 40 * 86_400_000)
  const years = age === 'adult' ? 30 : age === 'minor' ? 18 : 16
  at.setUTCFullYear(at.getUTCFullYear() - years)
  // 29 February may not exist years back; the 1st of March then.
  return at.toISOString().slice(0, 10)
}

export type PairKind = 'follow' | 'unfollow' | 'block' | 'unblock' | 'send' | 'accept' | 'deleteRequest' | 'hide' | 'read' | 'mute' | 'unmute'

export type Action =
  | { kind: PairKind; from: number; to: number; muteFor?: number | null; times?: number }
  | { kind: 'audience'; who: number; audience: Audience }
  | { kind: 'receipts'; who: number; on: boolean }
  | { kind: 'clock'; ms: number }

const person = fc.integer({ min: 0, max: PEOPLE - 1 })
const pairOf = fc.tuple(person, person).filter(([x, y]) => x !== y)
const HOUR = 3_600_000
const DAY = 24 * HOUR

export const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 14, arbitrary: pairOf.map(([from, to]) => ({ kind: 'send' as const, from, to })) },
  // A burst of sends, so the small daily cap is reached (R12).
  { weight: 2, arbitrary: pairOf.map(([from, to]) => ({ kind: 'send' as const, from, to, times: 4 })) },
  { weight: 6, arbitrary: pairOf.map(([from, to]) => ({ kind: 'follow' as const, from, to })) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.constantFrom<PairKind>('unfollow', 'block', 'unblock', 'accept', 'deleteRequest', 'hide', 'read', 'unmute'), pairOf)
      .map(([kind, [from, to]]) => ({ kind, from, to })),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(pairOf, fc.constantFrom(HOUR, 8 * HOUR, DAY, null)).map(([[from, to], muteFor]) => ({ kind: 'mute' as const, from, to, muteFor })),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('audience' as const),
      who: person,
      audience: fc.constantFrom<Audience>('everyone', 'everyone', 'followers', 'mutual', 'nobody'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('receipts' as const), who: person, on: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('clock' as const), ms: fc.constantFrom(60_000, 10 * 60_000, HOUR, DAY, 31 * DAY, 200 * DAY) }) },
)

export const sequence = fc.record({ people: fc.array(profile, { minLength: PEOPLE, maxLength: PEOPLE }), actions: fc.array(action, { minLength: 20, maxLength: 50 }) })
