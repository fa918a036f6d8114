// Every refusal of docs/RULES.md through POST /accounts/{a}/messages on a real node, and the
// channels that do go through (R2, R3, R6-R11, R14, "Which refusal wins").
// The time-driven rules (R2 birthdays, R8 30 days, R12, R13) live in time-rules.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccountView } from '@shared/types'
import type { TestNode } from './support'
import { bornYearsAgo, cid, DAY, pair, refused, send, startTestNode, TestClock } from './support'

let t: TestNode
let clock: TestClock
beforeAll(async () => {
  // A driven clock (fixed at noon UTC) so ages never flip at midnight during a run.
  clock = new TestClock()
  t = await startTestNode({ clock })
})
afterAll(async () => {
  await t.stop()
})

/** What the recipient sees: proof that a refused send stored nothing. */
async function conversationsOf(a: AccountView) {
  return (await t.client.conversations(a.id)).conversations
}

async function openToEveryone(): Promise<AccountView> {
  const b = await t.account()
  await t.client.patchSettings(b.id, { whoCanMessageMe: 'everyone' })
  return b
}

describe('allowed channels (R6, R7, R10)', () => {
  it('R6 a follower writes directly to a "followers" account: 201 with message, conversationId and delivery', async () => {
    const [a, b] = await pair(t)
    const clientId = cid()
    const res = await t.client.send(a.id, { to: b.id, text: 'Hello there', clientId })
    expect(res).toEqual({
      message: { id: expect.any(String), from: a.id, text: 'Hello there', sentAt: expect.any(String) },
      conversationId: expect.any(String),
      delivery: 'direct',
    })
    expect(new Date(res.message.sentAt).toISOString()).toBe(res.message.sentAt)
    const [conv] = await conversationsOf(b)
    expect(conv).toMatchObject({ id: res.conversationId, folder: 'inbox', unread: 1, muted: false, with: { id: a.id, handle: a.handle, displayName: a.displayName } })
    expect(conv.lastMessage).toEqual(res.message)
  })

  it('R6 addresses the recipient by @handle too', async () => {
    const [a, b] = await pair(t)
    const res = await t.client.send(`@${a.handle.toUpperCase()}`, { to: `@${b.handle}`, text: 'by handle', clientId: cid() })
    expect(res.delivery).toBe('direct')
    expect((await conversationsOf(b))[0].id).toBe(res.conversationId)
  })

  it('R6 "mutual" admits mutual follows directly; "everyone" admits followers directly', async () => {
    const [a, b] = await pair(t)
    await t.client.patchSettings(b.id, { whoCanMessageMe: 'mutual' })
    await t.client.follow(b.id, a.id)
    expect((await send(t, a, b)).delivery).toBe('direct')
    const [c, d] = await pair(t)
    await t.client.patchSettings(d.id, { whoCanMessageMe: 'everyone' })
    expect((await send(t, c, d)).delivery).toBe('direct')
    expect((await t.client.conversations(d.id, 'inbox')).conversations).toHaveLength(1)
  })

  it('R7 a stranger writing to an "everyone" account lands in its Requests folder, not the inbox', async () => {
    const a = await t.account()
    const b = await openToEveryone()
    const res = await send(t, a, b, 'Collab?')
    expect(res.delivery).toBe('request')
    expect((await t.client.conversations(b.id, 'requests')).conversations.map((c) => c.id)).toEqual([res.conversationId])
    expect((await t.client.conversations(b.id, 'inbox')).conversations).toEqual([])
    const [mine] = (await t.client.conversations(a.id, 'inbox')).conversations
    expect(mine).toMatchObject({ id: res.conversationId, state: 'request-sent', folder: 'inbox' })
  })

  it('R10 whoever was written to may always write back, and once both wrote both write freely', async () => {
    const a = await t.account()
    const b = await t.account()
    await t.client.follow(b.id, a.id) // only b follows
    await send(t, b, a, 'hi a')
    // a does not follow b, yet may answer.
    expect((await send(t, a, b, 'hi b')).delivery).toBe('direct')
    // Both have written: follows and settings no longer decide.
    await t.client.unfollow(b.id, a.id)
    await t.client.patchSettings(a.id, { whoCanMessageMe: 'nobody' })
    await t.client.patchSettings(b.id, { whoCanMessageMe: 'nobody' })
    expect((await send(t, b, a, 'still here')).delivery).toBe('direct')
    expect((await send(t, a, b, 'me too')).delivery).toBe('direct')
  })

  it('R10 an unanswered conversation stays governed by R6-R9 for its starter', async () => {
    const [a, b] = await pair(t)
    await send(t, a, b, 'first')
    await t.client.unfollow(a.id, b.id)
    await refused(send(t, a, b, 'second'), 403, 'NOT_FOLLOWING')
  })
})

describe('refusals, each with its code and a sentence', () => {
  it.each([
    ['empty', ''],
    ['only spaces and newlines', ' \n\t \r\n '],
    ['a lone CR', 'one\rtwo'],
    ['a NUL', 'a\u0000b'],
    ['a bell control character', 'ding\u0007'],
    ['a C1 control character', 'x\u0085y'],
    ['a lone surrogate', 'broken \ud800 text'],
    ['2,001 characters', 'x'.repeat(2001)],
  ])('R14 400 MESSAGE_INVALID for %s', async (_what, text) => {
    const [a, b] = await pair(t)
    await refused(send(t, a, b, text), 400, 'MESSAGE_INVALID')
    expect(await conversationsOf(b)).toEqual([])
  })

  it('R2 403 AGE_RESTRICTED for an under-16 sender, and for an under-16 recipient', async () => {
    const kid = await t.account({ birthDate: bornYearsAgo(15, new Date(clock.peek().getTime() + DAY)) })
    const adult = await t.account()
    await t.client.follow(kid.id, adult.id)
    await t.client.follow(adult.id, kid.id)
    const sending = await refused(send(t, kid, adult), 403, 'AGE_RESTRICTED')
    expect(sending.message).toMatch(/16/)
    await refused(send(t, adult, kid), 403, 'AGE_RESTRICTED')
    expect(await conversationsOf(adult)).toEqual([])
    expect(await conversationsOf(kid)).toEqual([])
  })

  it('R2 a 16-year-old may message (the age limit is 16, not 18)', async () => {
    const teen = await t.account({ birthDate: bornYearsAgo(16, clock.peek()) })
    const adult = await t.account()
    await t.client.follow(teen.id, adult.id)
    expect((await send(t, teen, adult)).delivery).toBe('direct')
  })

  it('R3 403 PHONE_REQUIRED for a sender without a phone number (receiving needs none)', async () => {
    const noPhone = await t.account({ phone: undefined })
    expect(noPhone.phone).toBeNull()
    const b = await t.account()
    await t.client.follow(noPhone.id, b.id)
    await t.client.follow(b.id, noPhone.id)
    await refused(send(t, noPhone, b), 403, 'PHONE_REQUIRED')
    expect((await send(t, b, noPhone)).delivery).toBe('direct')
  })

  it('R11 403 BLOCKED both ways, even inside an existing conversation', async () => {
    const [a, b] = await pair(t)
    await t.client.follow(b.id, a.id)
    await send(t, a, b, 'before')
    await send(t, b, a, 'reply')
    await t.client.block(b.id, a.id)
    await refused(send(t, a, b), 403, 'BLOCKED')
    await refused(send(t, b, a), 403, 'BLOCKED')
    const { messages } = await t.client.messages(b.id, (await conversationsOf(b))[0].id)
    expect(messages.map((m) => m.text)).toEqual(['before', 'reply'])
  })

  it('R11 unblock restores messaging rights (R10 reply) but not the follows', async () => {
    const [a, b] = await pair(t)
    await send(t, a, b, 'hi')
    await send(t, b, a, 'hey')
    await t.client.block(a.id, b.id)
    await t.client.unblock(a.id, b.id)
    expect((await t.client.relation(a.id, b.id)).relation.following).toBe(false)
    expect((await send(t, a, b, 'back again')).delivery).toBe('direct')
    expect((await send(t, b, a, 'welcome back')).delivery).toBe('direct')
  })

  it('R8 403 REQUEST_PENDING while the request waits', async () => {
    const a = await t.account()
    const b = await openToEveryone()
    await send(t, a, b, 'first')
    await refused(send(t, a, b, 'second'), 403, 'REQUEST_PENDING')
    const [req] = await t.client.conversations(b.id, 'requests').then((r) => r.conversations)
    expect((await t.client.messages(b.id, req.id)).messages.map((m) => m.text)).toEqual(['first'])
  })

  it('R8 403 REQUEST_DECLINED with retryAt 30 days after the recipient deleted the request', async () => {
    const a = await t.account()
    const b = await openToEveryone()
    const { conversationId } = await send(t, a, b, 'hello?')
    const before = clock.peek().getTime()
    await t.client.deleteRequest(b.id, conversationId)
    const after = clock.peek().getTime()
    const err = await refused(send(t, a, b, 'hello again?'), 403, 'REQUEST_DECLINED')
    const retryAt = Date.parse(err.retryAt ?? '')
    expect(retryAt).toBeGreaterThanOrEqual(before + 30 * DAY)
    expect(retryAt).toBeLessThanOrEqual(after + 30 * DAY)
  })

  it('R9 403 NOT_FOLLOWING when the sender does not follow and the recipient is not open to everyone', async () => {
    const a = await t.account()
    const b = await t.account()
    await refused(send(t, a, b), 403, 'NOT_FOLLOWING')
    await t.client.patchSettings(b.id, { whoCanMessageMe: 'mutual' })
    await refused(send(t, a, b), 403, 'NOT_FOLLOWING')
    expect(await conversationsOf(b)).toEqual([])
  })

  it('R9 403 RECIPIENT_NOT_ACCEPTING for "nobody", and for "mutual" without a mutual follow', async () => {
    const [a, b] = await pair(t)
    await t.client.patchSettings(b.id, { whoCanMessageMe: 'nobody' })
    await refused(send(t, a, b), 403, 'RECIPIENT_NOT_ACCEPTING')
    await t.client.patchSettings(b.id, { whoCanMessageMe: 'mutual' })
    await refused(send(t, a, b), 403, 'RECIPIENT_NOT_ACCEPTING')
    await t.client.follow(b.id, a.id)
    expect((await send(t, a, b)).delivery).toBe('direct')
  })

  it('404 NOT_FOUND for an unknown recipient or sender; 400 naming "to" for oneself', async () => {
    const a = await t.account()
    await refused(send(t, a, 'a_nobody'), 404, 'NOT_FOUND')
    await refused(send(t, a, '@nobody_at_all'), 404, 'NOT_FOUND')
    await refused(t.client.send('a_nobody', { to: a.id, text: 'x', clientId: cid() }), 404, 'NOT_FOUND')
    expect((await refused(send(t, a, a), 400, 'INVALID_INPUT')).field).toBe('to')
  })
})

describe('Which refusal wins', () => {
  it('MESSAGE_INVALID before AGE_RESTRICTED, PHONE_REQUIRED and BLOCKED', async () => {
    const kid = await t.account({ birthDate: bornYearsAgo(14, clock.peek()), phone: undefined })
    const b = await t.account()
    await t.client.block(b.id, kid.id)
    await refused(send(t, kid, b, '   '), 400, 'MESSAGE_INVALID')
    await refused(send(t, kid, b, 'hi'), 403, 'AGE_RESTRICTED')
  })

  it('PHONE_REQUIRED before BLOCKED; BLOCKED before NOT_FOLLOWING and REQUEST_PENDING', async () => {
    const noPhone = await t.account({ phone: undefined })
    const b = await openToEveryone()
    await t.client.block(b.id, noPhone.id)
    await refused(send(t, noPhone, b), 403, 'PHONE_REQUIRED')

    const a = await t.account()
    const c = await openToEveryone()
    await send(t, a, c, 'request') // pending
    await t.client.patchSettings(c.id, { whoCanMessageMe: 'followers' })
    await t.client.block(a.id, c.id)
    await refused(send(t, a, c), 403, 'BLOCKED')
  })

  it('REQUEST_PENDING before NOT_FOLLOWING', async () => {
    const a = await t.account()
    const b = await openToEveryone()
    await send(t, a, b, 'request')
    await t.client.patchSettings(b.id, { whoCanMessageMe: 'followers' })
    await refused(send(t, a, b), 403, 'REQUEST_PENDING')
  })
})
