// "Which refusal wins": when several rules refuse one send, the reply names the first of
// SEND_REFUSAL_ORDER. Table of pairs/triples, then a property over random contexts.
import { DEFAULT_POLICY } from '@shared/policy'
import type { ConversationFacts, SendDecision } from '@shared/rules'
import { decideSend, SEND_REFUSAL_ORDER } from '@shared/rules'
import type { AccountKind, RefusalCode, WhoCanMessageMe } from '@shared/types'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { CtxOverrides } from './fixtures'
import { bornOneDayShortOf, bornYearsAgo, conv, ctx, DAY, HOUR, iso, MINUTE, outcome, T, times } from './fixtures'

describe('Which refusal wins: the order itself', () => {
  it('R2 R3 R8 R9 R11 R12 R13 R14 SEND_REFUSAL_ORDER is the list in docs/RULES.md', () => {
    expect([...SEND_REFUSAL_ORDER]).toEqual([
      'MESSAGE_INVALID',
      'AGE_RESTRICTED',
      'PHONE_REQUIRED',
      'BLOCKED',
      'REQUEST_DECLINED',
      'REQUEST_PENDING',
      'NOT_FOLLOWING',
      'RECIPIENT_NOT_ACCEPTING',
      'RATE_LIMITED',
      'DAILY_CAP',
    ])
  })
})

// One failing condition each, as overrides of the all-good context (alice follows bob, bob
// admits followers, no conversation, no history). `text` replaces the message.
type Fault = { code: RefusalCode; over: CtxOverrides; text?: string }
const FAULTS = {
  invalidText: { code: 'MESSAGE_INVALID', over: {}, text: ' \t ' },
  senderUnder16: { code: 'AGE_RESTRICTED', over: { sender: { birthDate: bornOneDayShortOf(15) } } },
  recipientUnder16: { code: 'AGE_RESTRICTED', over: { recipient: { birthDate: bornOneDayShortOf(15) } } },
  noPhone: { code: 'PHONE_REQUIRED', over: { sender: { phone: null } } },
  blocked: { code: 'BLOCKED', over: { blocked: true } },
  declined: { code: 'REQUEST_DECLINED', over: { conversation: conv({ status: 'declined', declinedAt: iso(T - DAY) }) } },
  pending: { code: 'REQUEST_PENDING', over: { conversation: conv({ status: 'request' }) } },
  notFollowing: { code: 'NOT_FOLLOWING', over: { senderFollowsRecipient: false } },
  notAccepting: { code: 'RECIPIENT_NOT_ACCEPTING', over: { recipient: { whoCanMessageMe: 'nobody' } } },
  rateLimited: { code: 'RATE_LIMITED', over: { history: { newConversationTimes: times(10, 0, 30_000) } } },
  dailyCap: { code: 'DAILY_CAP', over: { history: { messageTimes: times(500, HOUR, MINUTE) } } },
} satisfies Record<string, Fault>
type FaultName = keyof typeof FAULTS

/** Applies several faults to the all-good context (nested objects merged). */
function withFaults(names: readonly FaultName[]): { over: CtxOverrides; text: string } {
  const over: CtxOverrides = {}
  let text = 'hello'
  for (const name of names) {
    const f: Fault = FAULTS[name]
    Object.assign(over, { ...f.over, sender: { ...over.sender, ...f.over.sender }, recipient: { ...over.recipient, ...f.over.recipient }, history: { ...over.history, ...f.over.history } })
    if (f.text !== undefined) {
      text = f.text
    }
  }
  return { over, text }
}

describe('Which refusal wins: each fault alone', () => {
  it.each(Object.entries(FAULTS))('R2 R3 R8 R9 R11 R12 R13 R14 fault %s alone → its code', (name, fault) => {
    const { over, text } = withFaults([name as FaultName])
    expect(outcome(decideSend(ctx(over), text))).toBe(fault.code)
  })
})

describe('Which refusal wins: combinations', () => {
  const rows: { name: string; faults: FaultName[]; code: RefusalCode }[] = [
    { name: 'R14 R2 invalid text + sender under 16', faults: ['invalidText', 'senderUnder16'], code: 'MESSAGE_INVALID' },
    { name: 'R14 R2 invalid text + recipient under 16', faults: ['invalidText', 'recipientUnder16'], code: 'MESSAGE_INVALID' },
    { name: 'R14 R11 invalid text + blocked', faults: ['invalidText', 'blocked'], code: 'MESSAGE_INVALID' },
    { name: 'R2 R3 under 16 + no phone', faults: ['senderUnder16', 'noPhone'], code: 'AGE_RESTRICTED' },
    { name: 'R2 R11 recipient under 16 + blocked', faults: ['recipientUnder16', 'blocked'], code: 'AGE_RESTRICTED' },
    { name: 'R3 R11 no phone + blocked', faults: ['noPhone', 'blocked'], code: 'PHONE_REQUIRED' },
    { name: 'R3 R9 no phone + not following', faults: ['noPhone', 'notFollowing'], code: 'PHONE_REQUIRED' },
    { name: 'R11 R9 blocked + not following', faults: ['blocked', 'notFollowing'], code: 'BLOCKED' },
    { name: 'R11 R9 blocked + recipient not accepting', faults: ['blocked', 'notAccepting'], code: 'BLOCKED' },
    { name: 'R11 R8 blocked + request pending', faults: ['blocked', 'pending'], code: 'BLOCKED' },
    { name: 'R11 R8 blocked + request declined', faults: ['blocked', 'declined'], code: 'BLOCKED' },
    { name: 'R8 R9 request declined + not following', faults: ['declined', 'notFollowing'], code: 'REQUEST_DECLINED' },
    { name: 'R8 R12 request declined + daily cap', faults: ['declined', 'dailyCap'], code: 'REQUEST_DECLINED' },
    { name: 'R8 R9 request pending + recipient not accepting', faults: ['pending', 'notAccepting'], code: 'REQUEST_PENDING' },
    { name: 'R8 R13 request pending + rate limited', faults: ['pending', 'rateLimited'], code: 'REQUEST_PENDING' },
    { name: 'R9 not following + recipient admits nobody', faults: ['notFollowing', 'notAccepting'], code: 'NOT_FOLLOWING' },
    { name: 'R9 R12 not following + daily cap', faults: ['notFollowing', 'dailyCap'], code: 'NOT_FOLLOWING' },
    { name: 'R9 R13 recipient not accepting + rate limited', faults: ['notAccepting', 'rateLimited'], code: 'RECIPIENT_NOT_ACCEPTING' },
    { name: 'R13 R12 rate limited + daily cap', faults: ['rateLimited', 'dailyCap'], code: 'RATE_LIMITED' },
    { name: 'R14 R3 R12 invalid text + no phone + daily cap', faults: ['invalidText', 'noPhone', 'dailyCap'], code: 'MESSAGE_INVALID' },
    { name: 'R3 R11 R9 no phone + blocked + not following', faults: ['noPhone', 'blocked', 'notFollowing'], code: 'PHONE_REQUIRED' },
    { name: 'R11 R9 R13 blocked + not following + rate limited', faults: ['blocked', 'notFollowing', 'rateLimited'], code: 'BLOCKED' },
    { name: 'R9 R13 R12 not accepting + rate limited + daily cap', faults: ['notAccepting', 'rateLimited', 'dailyCap'], code: 'RECIPIENT_NOT_ACCEPTING' },
    { name: 'R2 R8 R13 sender under 16 + pending + rate limited', faults: ['senderUnder16', 'pending', 'rateLimited'], code: 'AGE_RESTRICTED' },
    {
      name: 'R14 R2 R3 R11 R8 R9 R12 R13 everything at once',
      faults: ['invalidText', 'senderUnder16', 'recipientUnder16', 'noPhone', 'blocked', 'declined', 'notFollowing', 'notAccepting', 'rateLimited', 'dailyCap'],
      code: 'MESSAGE_INVALID',
    },
  ]
  it.each(rows)('$name → $code', ({ faults, code }) => {
    const { over, text } = withFaults(faults)
    const decision = decideSend(ctx(over), text)
    expect(outcome(decision)).toBe(code)
    // The winner is the earliest in the order among the codes each fault gives alone.
    const alone = faults.map((f) => FAULTS[f].code)
    expect(code).toBe([...alone].sort((a, b) => SEND_REFUSAL_ORDER.indexOf(a) - SEND_REFUSAL_ORDER.indexOf(b))[0])
  })

  it('R13 R12 rate limited + daily cap: the retry time given is the burst one', () => {
    const { over, text } = withFaults(['rateLimited', 'dailyCap'])
    const decision = decideSend(ctx(over), text)
    expect(decision).toMatchObject({ ok: false, code: 'RATE_LIMITED', retryAt: iso(T - 9 * 30_000 + 10 * MINUTE) })
  })
})

// ---------------------------------------------------------------------------------------------
// Property: random contexts built from independent dimensions. For each dimension an oracle
// (written from docs/RULES.md, not from the code) says what it alone would produce; decideSend on the
// single-dimension context must agree, and on the combined context must name the earliest.

const SENDER_KINDS: { kind: AccountKind; verified: boolean }[] = [
  { kind: 'personal', verified: false },
  { kind: 'personal', verified: true },
  { kind: 'business', verified: false },
  { kind: 'business', verified: true },
]

const capsOf = (s: { kind: AccountKind; verified: boolean }): { msgs: number; news: number; burst: number } =>
  s.kind === 'business' && s.verified ? { msgs: 5000, news: 500, burst: 60 } : { msgs: 500, news: 50, burst: 10 }

type Dim = { over: CtxOverrides; text?: string; alone: (s: { kind: AccountKind; verified: boolean }) => RefusalCode | null }

const textArb = fc.constantFrom<[string, boolean]>(
  ['hello', true],
  ['  spaced out  ', true],
  ['x'.repeat(2000), true],
  ['', false],
  [' \n\t ', false],
  ['a\rb', false],
  ['nul\u0000', false],
  ['x'.repeat(2001), false],
  ['\ud800', false],
)
const ageArb = fc.integer({ min: 0, max: 90 })
const birthFor = (age: number, shortByADay: boolean): string => (shortByADay ? bornOneDayShortOf(age) : bornYearsAgo(age))

const conversationArb = fc.oneof(
  fc.constant<{ facts: ConversationFacts | null; code: RefusalCode | null }>({ facts: null, code: null }),
  fc.constant({ facts: conv({ status: 'request' }), code: 'REQUEST_PENDING' as RefusalCode }),
  fc.integer({ min: 0, max: 60 * DAY }).map((ago) => ({
    facts: conv({ status: 'declined', declinedAt: iso(T - ago) }),
    code: ago < 30 * DAY ? ('REQUEST_DECLINED' as RefusalCode) : null,
  })),
)

/** R6, R7, R9 from the text of docs/RULES.md. */
function channelOracle(setting: WhoCanMessageMe, follows: boolean, followedBack: boolean): RefusalCode | 'direct' | 'request' {
  if (setting === 'everyone') {
    return follows ? 'direct' : 'request'
  }
  if (!follows) {
    return 'NOT_FOLLOWING'
  }
  if (setting === 'followers') {
    return 'direct'
  }
  if (setting === 'mutual') {
    return followedBack ? 'direct' : 'RECIPIENT_NOT_ACCEPTING'
  }
  return 'RECIPIENT_NOT_ACCEPTING'
}

const scenarioArb = fc.record({
  sender: fc.constantFrom(...SENDER_KINDS),
  text: textArb,
  senderAge: ageArb,
  senderShort: fc.boolean(),
  recipientAge: ageArb,
  recipientShort: fc.boolean(),
  phone: fc.constantFrom<string | null>('+14155550123', null, ''),
  blocked: fc.boolean(),
  conversation: conversationArb,
  setting: fc.constantFrom<WhoCanMessageMe>('everyone', 'followers', 'mutual', 'nobody'),
  follows: fc.boolean(),
  followedBack: fc.boolean(),
  // New conversations in the last 10 minutes, 8 s apart.
  burst: fc.integer({ min: 0, max: 70 }),
  // Older sends within the day (none in the last 10 minutes). New-conversation counts are
  // chosen so that adding the burst never crosses a daily cap that neither crosses alone.
  dailyMessages: fc.constantFrom(0, 100, 499, 500, 650, 4999, 5000),
  dailyNew: fc.constantFrom(0, 50, 60, 400, 500),
})
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer S> ? S : never

function dimensions(s: Scenario): Dim[] {
  const ch = channelOracle(s.setting, s.follows, s.followedBack)
  const burstTimes = times(s.burst, 0, 8_000)
  const olderNew = times(s.dailyNew, 11 * MINUTE, Math.floor((20 * HOUR) / Math.max(1, s.dailyNew)))
  return [
    { over: {}, text: s.text[0], alone: () => (s.text[1] ? null : 'MESSAGE_INVALID') },
    { over: { sender: { birthDate: birthFor(s.senderAge, s.senderShort) } }, alone: () => (s.senderAge < 16 ? 'AGE_RESTRICTED' : null) },
    { over: { recipient: { birthDate: birthFor(s.recipientAge, s.recipientShort) } }, alone: () => (s.recipientAge < 16 ? 'AGE_RESTRICTED' : null) },
    { over: { sender: { phone: s.phone } }, alone: () => (s.phone ? null : 'PHONE_REQUIRED') },
    { over: { blocked: s.blocked }, alone: () => (s.blocked ? 'BLOCKED' : null) },
    { over: { conversation: s.conversation.facts }, alone: () => s.conversation.code },
    {
      over: { recipient: { whoCanMessageMe: s.setting }, senderFollowsRecipient: s.follows, recipientFollowsSender: s.followedBack },
      alone: () => (ch === 'direct' || ch === 'request' ? null : ch),
    },
    {
      over: { history: { newConversationTimes: burstTimes } },
      alone: (k) => (s.burst >= capsOf(k).burst ? 'RATE_LIMITED' : s.burst >= capsOf(k).news ? 'DAILY_CAP' : null),
    },
    {
      over: { history: { messageTimes: times(s.dailyMessages, 11 * MINUTE, Math.floor((20 * HOUR) / Math.max(1, s.dailyMessages))) } },
      alone: (k) => (s.dailyMessages >= capsOf(k).msgs ? 'DAILY_CAP' : null),
    },
    { over: { history: { newConversationTimes: olderNew } }, alone: (k) => (s.dailyNew >= capsOf(k).news ? 'DAILY_CAP' : null) },
  ]
}

function build(s: Scenario, dims: Dim[]): { over: CtxOverrides; text: string } {
  const over: CtxOverrides = { sender: { ...s.sender } }
  let text = 'hello'
  const newTimes: number[] = []
  for (const d of dims) {
    Object.assign(over, { ...d.over, sender: { ...over.sender, ...d.over.sender }, recipient: { ...over.recipient, ...d.over.recipient }, history: { ...over.history, ...d.over.history } })
    if (d.over.history?.newConversationTimes) {
      newTimes.push(...d.over.history.newConversationTimes)
    }
    if (d.text !== undefined) {
      text = d.text
    }
  }
  over.history = { ...over.history, newConversationTimes: newTimes.sort((a, b) => a - b) }
  return { over, text }
}

const rank = (code: RefusalCode): number => SEND_REFUSAL_ORDER.indexOf(code)

describe('Which refusal wins: property over random contexts', () => {
  it('R2 R3 R6 R7 R8 R9 R11 R12 R13 R14 the code named is the earliest in SEND_REFUSAL_ORDER among the single-condition refusals', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const dims = dimensions(s)
        const alone: RefusalCode[] = []
        for (const d of dims) {
          const single = build(s, [d])
          const decision: SendDecision = decideSend(ctx(single.over), single.text)
          const expected = d.alone(s.sender)
          // Each condition alone gives what docs/RULES.md says it gives.
          expect(decision.ok ? null : decision.code).toBe(expected)
          if (expected) {
            alone.push(expected)
          }
        }
        const all = build(s, dims)
        const decision = decideSend(ctx({ ...all.over, policy: DEFAULT_POLICY }), all.text)
        if (alone.length === 0) {
          expect(decision.ok).toBe(true)
          const ch = channelOracle(s.setting, s.follows, s.followedBack)
          expect(decision).toMatchObject({ ok: true, delivery: ch, newConversation: true, acceptsRequest: false, text: s.text[0].trim() })
        } else {
          const winner = alone.reduce((a, b) => (rank(b) < rank(a) ? b : a))
          expect(decision.ok ? 'ok' : decision.code).toBe(winner)
          // Only waiting-curable refusals carry a retry time.
          const curable = ['REQUEST_DECLINED', 'RATE_LIMITED', 'DAILY_CAP'].includes(winner)
          expect(!decision.ok && decision.retryAt !== undefined).toBe(curable)
        }
      }),
      { numRuns: 400, seed: 20260310 },
    )
  })
})
