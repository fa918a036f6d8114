// Model test (fast-check): random sequences of follows, blocks, setting changes, sends, accepts,
// request deletes, deletes-for-me and clock jumps, run against a real node and a small
// reference model written here from docs/RULES.md (it does not import shared/rules). Where
// the model is sure (a block, or a pair that has never exchanged a message) outcome and code
// must agree; everywhere, the invariants hold: nothing delivered across a block (R11), no
// second message in a pending request (R8), delete-for-me never touches the other side (R17).
// `npm test` runs 40 sequences; `npm run soak` sets ENVELOPE_MODEL_RUNS.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiError } from '@shared/api'
import type { AccountView } from '@shared/types'
import type { TestNode } from '../api/support'
import { DAY, HOUR, startTestNode, TestClock } from '../api/support'

const RUNS = Number(process.env.ENVELOPE_MODEL_RUNS ?? 40)
const PEOPLE = 3
type Audience = 'everyone' | 'followers' | 'mutual' | 'nobody'

type Action =
  | { kind: 'follow' | 'unfollow' | 'block' | 'unblock' | 'send' | 'accept' | 'deleteRequest' | 'hide'; from: number; to: number }
  | { kind: 'audience'; who: number; audience: Audience }
  | { kind: 'clock'; ms: number }

const pairOf = fc.tuple(fc.integer({ min: 0, max: PEOPLE - 1 }), fc.integer({ min: 0, max: PEOPLE - 1 })).filter(([x, y]) => x !== y)
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 6, arbitrary: pairOf.map(([from, to]) => ({ kind: 'send' as const, from, to })) },
  { weight: 4, arbitrary: pairOf.map(([from, to]) => ({ kind: 'follow' as const, from, to })) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('unfollow', 'block', 'unblock', 'accept', 'deleteRequest', 'hide') as fc.Arbitrary<'unfollow'>, pairOf).map(([kind, [from, to]]) => ({ kind, from, to })) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('audience' as const), who: fc.integer({ min: 0, max: PEOPLE - 1 }), audience: fc.constantFrom<Audience>('everyone', 'followers', 'mutual', 'nobody') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clock' as const), ms: fc.constantFrom(HOUR, DAY, 31 * DAY) }) },
)

/** The reference model: only what the rules say, tracked per ordered pair. */
class Model {
  follows = new Set<string>()
  blocks = new Set<string>()
  audience: Audience[] = Array(PEOPLE).fill('followers')
  /** Pairs (unordered) that have ever had a message delivered, or a request deleted: no longer fresh. */
  touched = new Set<string>()
  /** "s>r": s's request to r is pending (not accepted, deleted, answered or blocked since). */
  pending = new Set<string>()
  key = (x: number, y: number) => `${x}>${y}`
  pairKey = (x: number, y: number) => (x < y ? `${x}-${y}` : `${y}-${x}`)
  blockedEither = (x: number, y: number) => this.blocks.has(this.key(x, y)) || this.blocks.has(this.key(y, x))

  /** R6, R7, R9, R11 for a pair that never exchanged anything; null where the model does not predict. */
  expectedSend(s: number, r: number): { delivery?: 'direct' | 'request'; code?: string } | null {
    if (this.blockedEither(s, r)) {return { code: 'BLOCKED' }}
    if (this.pending.has(this.key(s, r))) {return { code: 'REQUEST_PENDING' }}
    if (this.touched.has(this.pairKey(s, r))) {return null}
    const follows = this.follows.has(this.key(s, r))
    const mutual = follows && this.follows.has(this.key(r, s))
    const aud = this.audience[r]
    if (!follows) {return aud === 'everyone' ? { delivery: 'request' } : { code: 'NOT_FOLLOWING' }}
    if (aud === 'nobody' || (aud === 'mutual' && !mutual)) {return { code: 'RECIPIENT_NOT_ACCEPTING' }}
    return { delivery: 'direct' }
  }
}

let t: TestNode
let clock: TestClock
/** How many sends the model predicted, by expected outcome: proof the comparison really ran. */
const predicted = new Map<string, number>()

beforeAll(async () => {
  clock = new TestClock()
  t = await startTestNode({ clock })
})
afterAll(async () => {
  await t.stop()
})

async function outcome<T>(call: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; code: string }> {
  try {
    return { ok: true, value: await call }
  } catch (error) {
    if (error instanceof ApiError && error.status >= 400 && error.status < 500) {return { ok: false, code: error.code }}
    throw error
  }
}

async function runSequence(actions: Action[]): Promise<void> {
  const people: AccountView[] = []
  for (let i = 0; i < PEOPLE; i++) {people.push(await t.account())}
  const model = new Model()
  const conversation = new Map<string, string>()
  const lastMessage = new Map<string, string>()
  const id = (i: number) => people[i].id

  for (const a of actions) {
    if (a.kind === 'clock') {
      clock.advance(a.ms)
      continue
    }
    if (a.kind === 'audience') {
      await t.client.patchSettings(id(a.who), { whoCanMessageMe: a.audience })
      model.audience[a.who] = a.audience
      continue
    }
    const { from: s, to: r } = a
    const k = model.key(s, r)
    const pk = model.pairKey(s, r)
    switch (a.kind) {
      case 'follow': {
        const res = await outcome(t.client.follow(id(s), id(r)))
        // R11: the blocked cannot follow the blocker (and a block stops follows both ways).
        expect(res.ok, `follow ${k} blocked=${model.blockedEither(s, r)}`).toBe(!model.blockedEither(s, r))
        if (res.ok) {model.follows.add(k)}
        break
      }
      case 'unfollow':
        await outcome(t.client.unfollow(id(s), id(r)))
        model.follows.delete(k)
        break
      case 'block':
        expect((await outcome(t.client.block(id(s), id(r)))).ok).toBe(true)
        model.blocks.add(k)
        model.follows.delete(k)
        model.follows.delete(model.key(r, s))
        // What becomes of a pending request across a block and an unblock: not predicted.
        if (model.pending.delete(k) || model.pending.delete(model.key(r, s))) {model.touched.add(pk)}
        break
      case 'unblock':
        await outcome(t.client.unblock(id(s), id(r)))
        model.blocks.delete(k)
        break
      case 'send': {
        const expected = model.expectedSend(s, r)
        const res = await outcome(t.client.send(id(s), { to: id(r), text: `model ${k}`, clientId: `m-${Math.random().toString(36).slice(2)}` }))
        if (res.ok) {
          // Invariants whatever the model predicts: never across a block, never twice in a pending request.
          expect(model.blockedEither(s, r), `delivered across a block ${k}`).toBe(false)
          expect(model.pending.has(k), `second message in a pending request ${k}`).toBe(false)
        }
        if (expected) {predicted.set(expected.code ?? expected.delivery ?? '', (predicted.get(expected.code ?? expected.delivery ?? '') ?? 0) + 1)}
        if (expected) {expect(res.ok ? { delivery: res.value.delivery } : { code: res.code }, `send ${k}`).toEqual(expected)}
        if (res.ok) {
          conversation.set(pk, res.value.conversationId)
          lastMessage.set(k, res.value.message.id)
          model.touched.add(pk)
          model.pending.delete(model.key(r, s))
          if (res.value.delivery === 'request') {model.pending.add(k)}
        }
        break
      }
      case 'accept':
      case 'deleteRequest': {
        // s acts on r's request to s.
        const cid = conversation.get(pk)
        if (!cid) {break}
        const res = await outcome<unknown>(a.kind === 'accept' ? t.client.acceptRequest(id(s), cid) : t.client.deleteRequest(id(s), cid))
        if (model.pending.has(model.key(r, s))) {expect(res.ok, `${a.kind} of a pending request`).toBe(true)}
        if (res.ok) {model.pending.delete(model.key(r, s))}
        break
      }
      case 'hide': {
        // s deletes for itself the last message r sent it: r still has it (R17).
        const mid = lastMessage.get(model.key(r, s))
        const cid = conversation.get(pk)
        if (!mid || !cid) {break}
        await outcome(t.client.hideMessage(id(s), mid))
        const theirs = await t.client.messages(id(r), cid, { limit: 100 })
        expect(theirs.messages.map((m) => m.id), 'delete-for-me touched the other side').toContain(mid)
        break
      }
    }
  }
}

describe('model test', () => {
  it(`${RUNS} random sequences agree with the reference model and keep the invariants`, { timeout: 300_000 }, async () => {
    await fc.assert(fc.asyncProperty(fc.array(action, { minLength: 10, maxLength: 40 }), runSequence), { numRuns: RUNS, seed: process.env.ENVELOPE_MODEL_SEED ? Number(process.env.ENVELOPE_MODEL_SEED) : undefined })
    if (process.env.ENVELOPE_FIGURES) {process.stdout.write(`model-test ${JSON.stringify({ sequences: RUNS, predicted: Object.fromEntries(predicted) })}\n`)}
    // Every kind of outcome the model predicts was met and agreed with.
    expect([...predicted.keys()]).toEqual(expect.arrayContaining(['BLOCKED', 'NOT_FOLLOWING', 'direct', 'request']))
  })
})
