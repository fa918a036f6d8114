// Rules that depend on time, driven by an injected clock instead of waiting: R2 (age on the
// day, in UTC), R8 (30 days after a declined request), R12 (daily caps), R13 (burst limit),
// R16 (a mute with an end time). Small caps in the policy make the limits quick to reach.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccountView } from '@shared/types'
import type { TestNode } from './support'
import { DAY, HOUR, MINUTE, pair, policyWith, refused, send, startTestNode, TestClock } from './support'

const CAPS = {
  personal: { messagesPerDay: 5, newConversationsPerDay: 4, newConversationsPerBurst: 3 },
  verifiedBusiness: { messagesPerDay: 8, newConversationsPerDay: 6, newConversationsPerBurst: 5 },
}

describe('caps (R12, R13) with a small policy', () => {
  let t: TestNode
  let clock: TestClock
  beforeAll(async () => {
    clock = new TestClock('2026-03-10T12:00:00.000Z')
    t = await startTestNode({ clock, policy: policyWith(CAPS) })
  })
  afterAll(async () => {
    await t.stop()
  })

  /** A sender following `n` fresh recipients. */
  async function senderAnd(n: number, overrides: Parameters<TestNode['account']>[0] = {}): Promise<[AccountView, AccountView[]]> {
    const s = await t.account(overrides)
    const rs: AccountView[] = []
    for (let i = 0; i < n; i++) {
      const r = await t.account()
      await t.client.follow(s.id, r.id)
      rs.push(r)
    }
    return [s, rs]
  }

  it('R13 429 RATE_LIMITED on the 4th first message within 10 minutes, retryAt when the oldest leaves the window', async () => {
    const [s, [r1, r2, r3, r4]] = await senderAnd(4)
    const first = await send(t, s, r1)
    clock.advance(MINUTE)
    await send(t, s, r2)
    clock.advance(MINUTE)
    await send(t, s, r3)
    clock.advance(MINUTE)
    const err = await refused(send(t, s, r4), 429, 'RATE_LIMITED')
    expect(err.retryAt).toBe(new Date(Date.parse(first.message.sentAt) + 10 * MINUTE).toISOString())
    // Writing into an existing conversation is not a new one.
    expect((await send(t, s, r1, 'more')).delivery).toBe('direct')
    expect((await t.client.conversations(r4.id)).conversations).toEqual([])
    // Waiting cures it: at retryAt the send goes through.
    clock.set(err.retryAt!)
    expect((await send(t, s, r4)).delivery).toBe('direct')
  })

  it('R12 429 DAILY_CAP after 5 messages in 24 hours, retryAt 24 h after the oldest; it clears then', async () => {
    const [s, [r]] = await senderAnd(1)
    const first = await send(t, s, r, 'm1')
    for (let i = 2; i <= 5; i++) {
      clock.advance(HOUR)
      await send(t, s, r, `m${i}`)
    }
    clock.advance(HOUR)
    const err = await refused(send(t, s, r, 'm6'), 429, 'DAILY_CAP')
    const retryAt = Date.parse(first.message.sentAt) + DAY
    expect(err.retryAt).toBe(new Date(retryAt).toISOString())
    clock.set(new Date(retryAt - MINUTE))
    await refused(send(t, s, r, 'm6'), 429, 'DAILY_CAP')
    clock.set(new Date(retryAt))
    expect((await send(t, s, r, 'm6')).message.text).toBe('m6')
    const conv = (await t.client.conversations(r.id)).conversations[0]
    expect((await t.client.messages(r.id, conv.id)).messages.map((m) => m.text)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6'])
  })

  it('R12 429 DAILY_CAP on the 5th new conversation of the day, while the existing ones stay open', async () => {
    const [s, rs] = await senderAnd(5)
    const first = await send(t, s, rs[0])
    await send(t, s, rs[1])
    await send(t, s, rs[2])
    clock.advance(11 * MINUTE)
    await send(t, s, rs[3])
    clock.advance(11 * MINUTE)
    const err = await refused(send(t, s, rs[4]), 429, 'DAILY_CAP')
    expect(err.message).toMatch(/new conversations/)
    expect(err.retryAt).toBe(new Date(Date.parse(first.message.sentAt) + DAY).toISOString())
    // Fifth message of the day, into an existing conversation: allowed.
    expect((await send(t, s, rs[0], 'still fine')).delivery).toBe('direct')
  })

  it('R12 only delivered sends count: refused sends do not use up the cap', async () => {
    const [s, [r]] = await senderAnd(1)
    const stranger = await t.account()
    for (let i = 0; i < 4; i++) {
      await refused(send(t, s, stranger), 403, 'NOT_FOLLOWING')
    }
    await refused(send(t, s, r, ''), 400, 'MESSAGE_INVALID')
    for (let i = 1; i <= 5; i++) {
      await send(t, s, r, `ok ${i}`)
    }
    await refused(send(t, s, r, 'six'), 429, 'DAILY_CAP')
  })

  it('R12 R13 a verified business gets the larger caps; an unverified business the personal ones', async () => {
    const [biz, [r]] = await senderAnd(1, { kind: 'business', verified: true })
    for (let i = 1; i <= 8; i++) {
      await send(t, biz, r, `b${i}`)
    }
    await refused(send(t, biz, r, 'b9'), 429, 'DAILY_CAP')

    const [plain, [r2]] = await senderAnd(1, { kind: 'business', verified: false })
    for (let i = 1; i <= 5; i++) {
      await send(t, plain, r2, `p${i}`)
    }
    await refused(send(t, plain, r2, 'p6'), 429, 'DAILY_CAP')

    const [burst, rs] = await senderAnd(6, { kind: 'business', verified: true })
    for (let i = 0; i < 5; i++) {
      await send(t, burst, rs[i])
    }
    await refused(send(t, burst, rs[5]), 429, 'RATE_LIMITED')
  })

  it('Which refusal wins: NOT_FOLLOWING before RATE_LIMITED, RATE_LIMITED before DAILY_CAP', async () => {
    const [s, [r1, r2, r3, r4]] = await senderAnd(4)
    const stranger = await t.account()
    await send(t, s, r1, '1')
    await send(t, s, r1, '2')
    await send(t, s, r2, '3')
    await send(t, s, r3, '4')
    await send(t, s, r1, '5')
    // 5 messages (daily cap) and 3 new conversations (burst) in the window.
    await refused(send(t, s, r1, '6'), 429, 'DAILY_CAP')
    await refused(send(t, s, r4), 429, 'RATE_LIMITED')
    await refused(send(t, s, stranger), 403, 'NOT_FOLLOWING')
  })
})

describe('R2 age on the day of the action, in UTC', () => {
  let t: TestNode
  let clock: TestClock
  beforeAll(async () => {
    clock = new TestClock('2026-03-09T12:00:00.000Z')
    t = await startTestNode({ clock })
  })
  afterAll(async () => {
    await t.stop()
  })

  it('R2 refused until the 16th birthday begins in UTC, then allowed both ways', async () => {
    const teen = await t.account({ birthDate: '2010-03-10' })
    const adult = await t.account()
    await t.client.follow(teen.id, adult.id)
    await t.client.follow(adult.id, teen.id)
    await t.client.patchSettings(teen.id, { whoCanMessageMe: 'followers' })
    clock.set('2026-03-09T23:59:59.000Z')
    await refused(send(t, teen, adult), 403, 'AGE_RESTRICTED')
    await refused(send(t, adult, teen), 403, 'AGE_RESTRICTED')
    expect((await t.client.relation(adult.id, teen.id)).relation.preview).toMatchObject({ ok: false, code: 'AGE_RESTRICTED' })
    clock.set('2026-03-10T00:00:00.000Z')
    expect((await send(t, teen, adult, 'sixteen today')).delivery).toBe('direct')
    expect((await send(t, adult, teen, 'happy birthday')).delivery).toBe('direct')
  })

  it('R2 someone born on 29 February turns 16 on 1 March in a common year', async () => {
    const leap = await t.account({ birthDate: '2012-02-29' })
    const adult = await t.account()
    await t.client.follow(leap.id, adult.id)
    clock.set('2028-02-28T23:00:00.000Z')
    await refused(send(t, leap, adult), 403, 'AGE_RESTRICTED')
    clock.set('2028-02-29T00:00:00.000Z') // 2028 is a leap year: the real birthday
    expect((await send(t, leap, adult)).delivery).toBe('direct')
  })
})

describe('R8 a declined request blocks the sender for 30 days', () => {
  let t: TestNode
  let clock: TestClock
  beforeAll(async () => {
    clock = new TestClock('2026-03-10T12:00:00.000Z')
    t = await startTestNode({ clock })
  })
  afterAll(async () => {
    await t.stop()
  })

  it('R8 REQUEST_DECLINED until 30 days after the delete, then a new request reaches the Requests folder', async () => {
    const a = await t.account()
    const b = await t.account()
    await t.client.patchSettings(b.id, { whoCanMessageMe: 'everyone' })
    const { conversationId } = await send(t, a, b, 'first try')
    clock.advance(2 * HOUR)
    const deletedAround = clock.peek().getTime()
    await t.client.deleteRequest(b.id, conversationId)
    expect((await t.client.conversations(b.id)).conversations).toEqual([])

    clock.advance(DAY)
    const err = await refused(send(t, a, b, 'second try'), 403, 'REQUEST_DECLINED')
    const retryAt = Date.parse(err.retryAt!)
    expect(retryAt - deletedAround).toBeGreaterThanOrEqual(30 * DAY)
    expect(retryAt - deletedAround).toBeLessThan(30 * DAY + MINUTE)
    // The sender is not told more than that; their own history is intact.
    expect((await t.client.messages(a.id, conversationId)).messages.map((m) => m.text)).toEqual(['first try'])

    clock.set(new Date(retryAt - MINUTE))
    await refused(send(t, a, b, 'almost'), 403, 'REQUEST_DECLINED')
    clock.set(new Date(retryAt))
    const again = await send(t, a, b, 'after a month')
    expect(again).toMatchObject({ delivery: 'request', conversationId })
    const [req] = (await t.client.conversations(b.id, 'requests')).conversations
    expect(req).toMatchObject({ id: conversationId, state: 'request-received', unread: 1 })
    // R17-like: the declined first try stays deleted for b; only the new request shows.
    expect((await t.client.messages(b.id, conversationId)).messages.map((m) => m.text)).toEqual(['after a month'])
    await refused(send(t, a, b, 'and again'), 403, 'REQUEST_PENDING')
  })
})

describe('R16 a mute with an end time ends by itself', () => {
  let t: TestNode
  let clock: TestClock
  beforeAll(async () => {
    clock = new TestClock('2026-03-10T12:00:00.000Z')
    t = await startTestNode({ clock })
  })
  afterAll(async () => {
    await t.stop()
  })

  it('R16 muted for 8 hours: muted until then, counting unread, unmuted after; a past end time is 400', async () => {
    const [a, b] = await pair(t)
    const { conversationId } = await send(t, a, b, 'one')
    const until = new Date(clock.peek().getTime() + 8 * HOUR).toISOString()
    expect(await t.client.mute(b.id, conversationId, { muted: true, until })).toEqual({ muted: true, until })
    await send(t, a, b, 'two')
    expect((await t.client.conversation(b.id, conversationId)).conversation).toMatchObject({ muted: true, mutedUntil: until, unread: 2 })
    clock.advance(8 * HOUR - MINUTE)
    expect((await t.client.conversation(b.id, conversationId)).conversation.muted).toBe(true)
    clock.advance(2 * MINUTE)
    expect((await t.client.conversation(b.id, conversationId)).conversation).toMatchObject({ muted: false, mutedUntil: null, unread: 2 })
    const err = await refused(t.client.mute(b.id, conversationId, { muted: true, until }), 400, 'INVALID_INPUT')
    expect(err.field).toBe('until')
    expect((await t.client.conversation(b.id, conversationId)).conversation.muted).toBe(false)
  })
})
