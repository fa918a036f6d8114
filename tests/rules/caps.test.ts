// R12 daily caps over a rolling 24 h; R13 burst limit on new conversations in 10 minutes.
import { DEFAULT_POLICY } from '@shared/policy'
import type { SendContext, SendHistory } from '@shared/rules'
import { capsFor, decideSend, nextSlot } from '@shared/rules'
import type { AccountKind } from '@shared/types'
import { describe, expect, it } from 'vitest'
import type { CtxOverrides } from './fixtures'
import { conv, ctx, DAY, expectRefusal, HOUR, iso, MINUTE, outcome, T, times } from './fixtures'

const reply = conv({ status: 'open', starterId: 'bob', senderHasWritten: false, recipientHasWritten: true })

describe('R12 R13 nextSlot (rolling window)', () => {
  const W = 10 * MINUTE
  const rows: { name: string; times: number[]; limit: number; expected: number | null }[] = [
    { name: 'no events', times: [], limit: 10, expected: null },
    { name: 'one under the limit', times: times(9, 0, MINUTE), limit: 10, expected: null },
    { name: 'at the limit: wait for the oldest to leave', times: times(10, 0, MINUTE), limit: 10, expected: T - 9 * MINUTE + W },
    { name: 'oldest exactly one window ago is outside', times: [T - W, ...times(9, 0, MINUTE)], limit: 10, expected: null },
    { name: 'oldest 1 ms inside the window', times: [T - W + 1, ...times(9, 0, MINUTE)], limit: 10, expected: T + 1 },
    { name: 'two over the limit: wait for the 3 oldest to leave', times: times(12, 0, 30_000), limit: 10, expected: T - 9 * 30_000 + W },
    { name: 'events older than the window do not count', times: [...times(50, W + 1, 1000), ...times(9, 0, MINUTE)], limit: 10, expected: null },
    { name: 'older events before in-window events are skipped', times: [...times(50, W + 1, 1000), ...times(10, 0, MINUTE)], limit: 10, expected: T - 9 * MINUTE + W },
    { name: 'equal timestamps', times: [T - MINUTE, T - MINUTE, T - MINUTE], limit: 3, expected: T - MINUTE + W },
  ]
  it.each(rows)('R12 R13 $name', ({ times: ts, limit, expected }) => {
    expect(nextSlot(ts, limit, W, T)).toBe(expected)
    if (expected !== null) {
      // The answer is exact: refused 1 ms before, allowed at it.
      expect(nextSlot(ts, limit, W, expected - 1)).not.toBeNull()
      expect(nextSlot(ts, limit, W, expected)).toBeNull()
    }
  })
})

describe('R12 R13 which caps apply', () => {
  it.each<{ kind: AccountKind; verified: boolean; caps: [number, number, number] }>([
    { kind: 'personal', verified: false, caps: [500, 50, 10] },
    { kind: 'personal', verified: true, caps: [500, 50, 10] },
    { kind: 'business', verified: false, caps: [500, 50, 10] },
    { kind: 'business', verified: true, caps: [5000, 500, 60] },
  ])('R12 R13 $kind verified=$verified → $caps', ({ kind, verified, caps }) => {
    const c = capsFor({ kind, verified }, DEFAULT_POLICY)
    expect([c.messagesPerDay, c.newConversationsPerDay, c.newConversationsPerBurst]).toEqual(caps)
  })
})

type Sender = { kind: AccountKind; verified: boolean }
const personal: Sender = { kind: 'personal', verified: false }
const business: Sender = { kind: 'business', verified: true }
const unverifiedBusiness: Sender = { kind: 'business', verified: false }

function send(sender: Sender, history: Partial<SendHistory>, extra: CtxOverrides = {}): ReturnType<typeof decideSend> {
  return decideSend(ctx({ sender, history, ...extra }), 'hi')
}

describe('R12 daily caps (rolling 24 h)', () => {
  // Messages spread over the last ~20 h, never more than a few new conversations per 10 min.
  const spread = (n: number): number[] => times(n, MINUTE, Math.floor((20 * HOUR) / n))

  const rows: { name: string; sender: Sender; history: Partial<SendHistory>; isReply: boolean; expected: string; retryAt?: number }[] = [
    { name: 'personal, 499 messages: the 500th goes', sender: personal, history: { messageTimes: spread(499) }, isReply: true, expected: 'direct' },
    {
      name: 'personal, 500 messages: refused',
      sender: personal,
      history: { messageTimes: spread(500) },
      isReply: true,
      expected: 'DAILY_CAP',
      retryAt: spread(500)[0] + DAY,
    },
    {
      name: 'personal, 500 messages: new conversation refused too',
      sender: personal,
      history: { messageTimes: spread(500) },
      isReply: false,
      expected: 'DAILY_CAP',
      retryAt: spread(500)[0] + DAY,
    },
    {
      name: 'personal, 600 messages: waits for the 101st oldest',
      sender: personal,
      history: { messageTimes: spread(600) },
      isReply: true,
      expected: 'DAILY_CAP',
      retryAt: spread(600)[100] + DAY,
    },
    {
      name: 'personal, 500 messages, oldest exactly 24 h ago: outside the window',
      sender: personal,
      history: { messageTimes: [T - DAY, ...spread(499)] },
      isReply: true,
      expected: 'direct',
    },
    {
      name: 'personal, 500 messages, oldest 24 h - 1 ms ago: inside',
      sender: personal,
      history: { messageTimes: [T - DAY + 1, ...spread(499)] },
      isReply: true,
      expected: 'DAILY_CAP',
      retryAt: T + 1,
    },
    {
      name: 'personal, 1000 messages all older than 24 h do not count',
      sender: personal,
      history: { messageTimes: times(1000, DAY + 1, 1000) },
      isReply: true,
      expected: 'direct',
    },
    { name: 'personal, 49 new conversations: the 50th goes', sender: personal, history: { newConversationTimes: spread(49) }, isReply: false, expected: 'direct' },
    {
      name: 'personal, 50 new conversations: refused',
      sender: personal,
      history: { newConversationTimes: spread(50) },
      isReply: false,
      expected: 'DAILY_CAP',
      retryAt: spread(50)[0] + DAY,
    },
    { name: 'personal, 50 new conversations: a reply still goes', sender: personal, history: { newConversationTimes: spread(50) }, isReply: true, expected: 'direct' },
    {
      name: 'unverified business, 500 messages: personal cap',
      sender: unverifiedBusiness,
      history: { messageTimes: spread(500) },
      isReply: true,
      expected: 'DAILY_CAP',
      retryAt: spread(500)[0] + DAY,
    },
    {
      name: 'unverified business, 50 new conversations: personal cap',
      sender: unverifiedBusiness,
      history: { newConversationTimes: spread(50) },
      isReply: false,
      expected: 'DAILY_CAP',
      retryAt: spread(50)[0] + DAY,
    },
    { name: 'verified business, 500 messages: fine', sender: business, history: { messageTimes: spread(500) }, isReply: true, expected: 'direct' },
    { name: 'verified business, 4999 messages: the 5000th goes', sender: business, history: { messageTimes: spread(4999) }, isReply: true, expected: 'direct' },
    {
      name: 'verified business, 5000 messages: refused',
      sender: business,
      history: { messageTimes: spread(5000) },
      isReply: true,
      expected: 'DAILY_CAP',
      retryAt: spread(5000)[0] + DAY,
    },
    { name: 'verified business, 50 new conversations: fine', sender: business, history: { newConversationTimes: spread(50) }, isReply: false, expected: 'direct' },
    {
      name: 'verified business, 499 new conversations: the 500th goes',
      sender: business,
      history: { newConversationTimes: spread(499) },
      isReply: false,
      expected: 'direct',
    },
    {
      name: 'verified business, 500 new conversations: refused',
      sender: business,
      history: { newConversationTimes: spread(500) },
      isReply: false,
      expected: 'DAILY_CAP',
      retryAt: spread(500)[0] + DAY,
    },
  ]
  it.each(rows)('R12 $name', ({ sender, history, isReply, expected, retryAt }) => {
    const extra: CtxOverrides = isReply ? { conversation: reply } : {}
    const decision = send(sender, history, extra)
    expect(outcome(decision)).toBe(expected)
    if (retryAt !== undefined) {
      expect(expectRefusal(decision, 'DAILY_CAP').retryAt).toBe(iso(retryAt))
      // The retry time is exact: still refused 1 ms before, allowed at it.
      const at = (ms: number): SendContext => ctx({ sender, history, ...extra, now: new Date(ms) })
      expect(outcome(decideSend(at(retryAt - 1), 'hi'))).toBe('DAILY_CAP')
      expect(outcome(decideSend(at(retryAt), 'hi'))).toBe('direct')
    }
  })

  it.each([
    { name: 'message cap frees later than new-conversation cap', msgOldest: T - HOUR, newOldest: T - 20 * HOUR, retryAt: T - HOUR + DAY },
    { name: 'new-conversation cap frees later than message cap', msgOldest: T - 20 * HOUR, newOldest: T - HOUR, retryAt: T - HOUR + DAY },
  ])('R12 both daily caps reached: retryAt is when both allow a send ($name)', ({ msgOldest, newOldest, retryAt }) => {
    const history = {
      messageTimes: [msgOldest, ...times(499, 0, 1000)],
      // 49 more in the last hour, 72 s apart: at most 9 in any 10 minutes (no R13 burst).
      newConversationTimes: [newOldest, ...times(49, 0, 72_000)],
    }
    const refusal = expectRefusal(send(personal, history), 'DAILY_CAP')
    expect(refusal.retryAt).toBe(iso(retryAt))
  })

  it('R12 a message request counts as a new conversation (recipient open to everyone, sender not following)', () => {
    const decision = send(personal, { newConversationTimes: spread(50) }, { recipient: { whoCanMessageMe: 'everyone' }, senderFollowsRecipient: false })
    expect(expectRefusal(decision, 'DAILY_CAP').retryAt).toBe(iso(spread(50)[0] + DAY))
  })

  it('R12 the caps follow the policy object', () => {
    const policy = { ...DEFAULT_POLICY, caps: { ...DEFAULT_POLICY.caps, personal: { messagesPerDay: 3, newConversationsPerDay: 2, newConversationsPerBurst: 2 } } }
    const history = { messageTimes: times(3, HOUR, MINUTE), newConversationTimes: [] }
    expectRefusal(decideSend(ctx({ policy, history }), 'hi'), 'DAILY_CAP')
  })
})

describe('R13 burst limit on new conversations (10 minutes)', () => {
  const recent = (n: number): number[] => times(n, 0, 30_000) // the last n within 10 min, 30 s apart
  const rows: { name: string; sender: Sender; newTimes: number[]; isReply: boolean; expected: string; retryAt?: number }[] = [
    { name: 'personal, 9 in 10 min: the 10th goes', sender: personal, newTimes: recent(9), isReply: false, expected: 'direct' },
    { name: 'personal, 10 in 10 min: refused', sender: personal, newTimes: recent(10), isReply: false, expected: 'RATE_LIMITED', retryAt: recent(10)[0] + 10 * MINUTE },
    {
      name: 'personal, 15 in 10 min: waits for the 6th oldest',
      sender: personal,
      newTimes: times(15, 0, 20_000),
      isReply: false,
      expected: 'RATE_LIMITED',
      retryAt: times(15, 0, 20_000)[5] + 10 * MINUTE,
    },
    { name: 'personal, 10 with the oldest exactly 10 min ago: goes', sender: personal, newTimes: [T - 10 * MINUTE, ...recent(9)], isReply: false, expected: 'direct' },
    { name: 'personal, 10 in 10 min: a reply is not burst-limited', sender: personal, newTimes: recent(10), isReply: true, expected: 'direct' },
    {
      name: 'unverified business, 10 in 10 min: personal limit',
      sender: unverifiedBusiness,
      newTimes: recent(10),
      isReply: false,
      expected: 'RATE_LIMITED',
      retryAt: recent(10)[0] + 10 * MINUTE,
    },
    { name: 'verified business, 10 in 10 min: fine', sender: business, newTimes: recent(10), isReply: false, expected: 'direct' },
    { name: 'verified business, 59 in 10 min: the 60th goes', sender: business, newTimes: times(59, 0, 10_000), isReply: false, expected: 'direct' },
    {
      name: 'verified business, 60 in 10 min: refused',
      sender: business,
      newTimes: times(60, 0, 10_000),
      isReply: false,
      expected: 'RATE_LIMITED',
      retryAt: times(60, 0, 10_000)[0] + 10 * MINUTE,
    },
    { name: 'personal, 40 spread over the day (4 per 10 min at most): goes', sender: personal, newTimes: times(40, 0, 30 * MINUTE), isReply: false, expected: 'direct' },
  ]
  it.each(rows)('R13 $name', ({ sender, newTimes, isReply, expected, retryAt }) => {
    const extra: CtxOverrides = isReply ? { conversation: reply } : {}
    const history = { newConversationTimes: newTimes, messageTimes: newTimes }
    const decision = send(sender, history, extra)
    expect(outcome(decision)).toBe(expected)
    if (retryAt !== undefined) {
      expect(expectRefusal(decision, 'RATE_LIMITED').retryAt).toBe(iso(retryAt))
      const at = (ms: number): SendContext => ctx({ sender, history, ...extra, now: new Date(ms) })
      expect(outcome(decideSend(at(retryAt - 1), 'hi'))).toBe('RATE_LIMITED')
      expect(outcome(decideSend(at(retryAt), 'hi'))).toBe('direct')
    }
  })

  it('R13 a message request is a new conversation and is burst-limited', () => {
    const decision = send(personal, { newConversationTimes: recent(10) }, { recipient: { whoCanMessageMe: 'everyone' }, senderFollowsRecipient: false })
    expect(expectRefusal(decision, 'RATE_LIMITED').retryAt).toBe(iso(recent(10)[0] + 10 * MINUTE))
  })

  it('R13 a new request after a 30-day-old decline is a new conversation and is burst-limited', () => {
    const declined = conv({ status: 'declined', starterId: 'alice', declinedAt: iso(T - 31 * DAY) })
    const decision = send(
      personal,
      { newConversationTimes: recent(10) },
      { conversation: declined, recipient: { whoCanMessageMe: 'everyone' }, senderFollowsRecipient: false },
    )
    expectRefusal(decision, 'RATE_LIMITED')
  })

  it('R13 accepting a received request by writing back is not a new conversation', () => {
    const received = conv({ status: 'request', starterId: 'bob', senderHasWritten: false, recipientHasWritten: true })
    const decision = send(personal, { newConversationTimes: recent(10) }, { conversation: received })
    expect(decision).toMatchObject({ ok: true, acceptsRequest: true, newConversation: false })
  })
})
