// A hand-written sequence that meets every kind of outcome the model test checks for
// (direct, request, NOT_FOLLOWING, AGE_RESTRICTED, SETTING_NOT_ALLOWED, BLOCKED,
// delete-for-me): run first, so that check does not depend on the random seed reaching them.
import type { Action, Profile } from './actions'

const people: Profile[] = [
  { age: 'adult', region: 'US' },
  { age: 'adult', region: 'FR' },
  { age: 'child', region: 'US' },
]

const actions: Action[] = [
  { kind: 'audience', who: 1, audience: 'followers' },
  { kind: 'send', from: 0, to: 1 }, // NOT_FOLLOWING (R9)
  { kind: 'audience', who: 1, audience: 'everyone' },
  { kind: 'send', from: 0, to: 1 }, // request (R7)
  { kind: 'send', from: 1, to: 0 }, // direct: a reply to the request (R10)
  { kind: 'hide', from: 0, to: 1 }, // delete-for-me (R17)
  { kind: 'receipts', who: 1, on: true }, // SETTING_NOT_ALLOWED: receipts in the EU (R15)
  { kind: 'send', from: 0, to: 2 }, // AGE_RESTRICTED (R2)
  { kind: 'block', from: 1, to: 0 },
  { kind: 'send', from: 0, to: 1 }, // BLOCKED (R11)
  { kind: 'unblock', from: 1, to: 0 },
  { kind: 'clock', ms: 86_400_000 },
  { kind: 'send', from: 0, to: 1 },
]

export const COVERING_SEQUENCE = { people, actions }
