// Messages and follows across three real nodes: the sender's home pre-checks with its
// replica, the recipient's home decides (docs/RULES.md codes), and the outcome reaches the sender.
import { rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { AccountView } from '@shared/types'
import { conversationIdFor } from '../../main/store/state'
import { assertBuilt, cluster, eventually, nextClientId, pair, refusal } from './harness'
import type { TestNode } from './harness'

const DAY = 24 * 3_600_000

describe('messaging across nodes', { timeout: 90_000 }, () => {
  const c = cluster()
  let A: TestNode, B: TestNode, C: TestNode
  let a: AccountView
  const policy = join(tmpdir(), `envelope-sync-policy-${process.pid}.json`)

  const send = (node: TestNode, from: AccountView, to: AccountView, text = 'hello there') =>
    node.client.send(from.id, { to: `@${to.handle}`, text, clientId: nextClientId() })
  const thread = async (node: TestNode, viewer: AccountView, other: AccountView) => {
    try {
      return (await node.client.messages(viewer.id, conversationIdFor(viewer.id, other.id))).messages
    } catch {
      return []
    }
  }
  const knows = (node: TestNode, account: AccountView) => eventually(`${node.name} to know @${account.handle}`, async () => (await node.client.getAccount(account.id)).account)
  /** Until `node` sees `to` as `from` would: its replica has caught up with `to`'s home. */
  const preview = (node: TestNode, from: AccountView, to: AccountView, expected: unknown) =>
    eventually(`${node.name}'s replica to predict ${JSON.stringify(expected)}`, async () => {
      const { relation } = await node.client.relation(from.id, to.id)
      const p = relation.preview
      return JSON.stringify(p.ok ? p : { ok: false, code: p.code }) === JSON.stringify(expected)
    })

  beforeAll(async () => {
    assertBuilt()
    // C's clock runs two days ahead (clock skew between machines) and its caps are tiny.
    await writeFile(policy, JSON.stringify({ caps: { personal: { messagesPerDay: 4, newConversationsPerBurst: 2 } } }))
    ;[A, B, C] = await Promise.all([
      c.node('ma'),
      c.node('mb'),
      c.node('mc', { env: { ENVELOPE_TEST_CLOCK_OFFSET_MS: String(2 * DAY) }, args: ['--policy', policy] }),
    ])
    await pair(A, B)
    await pair(A, C)
    await pair(C, B)
    a = await A.account('amy')
  }, 60_000)
  afterAll(async () => {
    await c.cleanup()
    await rm(policy, { force: true })
  })

  test('a follow made just before a send reaches the recipient home first (causal order)', async () => {
    const b = await B.account('ben')
    await knows(A, b)
    await A.client.follow(a.id, `@${b.handle}`)
    // No wait: the send's batch carries the follow ahead of the message.
    const res = await send(A, a, b, 'first, as a follower')
    expect(res.delivery).toBe('direct')
    expect(res.message).not.toHaveProperty('delivery')
    expect((await thread(B, b, a)).map((m) => m.id)).toEqual([res.message.id])
    const inbox = (await B.client.conversations(b.id, 'inbox')).conversations
    expect(inbox.map((x) => [x.with.handle, x.unread])).toEqual([['amy', 1]])
    expect((await B.client.listFollows(a.id)).accounts.map((x) => x.id)).toEqual([b.id])
  })

  test('requests across nodes: delivered as a request, accepted on the recipient home, then free (R7, R8)', async () => {
    const b = await B.account('bea')
    await B.client.patchSettings(b.id, { whoCanMessageMe: 'everyone' })
    await preview(A, a, b, { ok: true, delivery: 'request' })
    const first = await send(A, a, b, 'may I?')
    expect(first.delivery).toBe('request')
    const requests = (await B.client.conversations(b.id, 'requests')).conversations
    expect(requests.map((x) => x.id)).toEqual([first.conversationId])
    expect((await refusal(send(A, a, b, 'again'))).code).toBe('REQUEST_PENDING')
    await B.client.acceptRequest(b.id, first.conversationId)
    await eventually('the acceptance to reach A', async () => (await A.client.conversation(a.id, first.conversationId)).conversation.state === 'open')
    expect((await send(A, a, b, 'thanks')).delivery).toBe('direct')
    // R10 and R15: b answers and reads; a sees "Seen" on its home.
    expect((await send(B, b, a, 'welcome')).delivery).toBe('direct')
    await B.client.markRead(b.id, first.conversationId)
    await eventually('a to see Seen', async () => (await thread(A, a, b)).filter((m) => m.from === a.id).every((m) => m.seen === true))
  })

  test('BLOCKED and RECIPIENT_NOT_ACCEPTING are decided by the recipient home when the replica is stale', async () => {
    const [b, b2] = [await B.account('bill'), await B.account('bert')]
    for (const x of [b, b2]) {
      await knows(A, x)
      await A.client.follow(a.id, x.id)
      await preview(A, a, x, { ok: true, delivery: 'direct' })
    }
    // A stops taking in B's events: its replica of bill and bert goes stale. Sends still
    // reach B, and B's answers still come back on them.
    await A.holding(B, 'events', async () => {
      await B.client.block(b.id, a.id)
      await B.client.patchSettings(b2.id, { whoCanMessageMe: 'nobody' })
      // A still predicts direct sends: only B knows about the block and the new setting.
      await preview(A, a, b, { ok: true, delivery: 'direct' })
      const blocked = await refusal(send(A, a, b, 'blocked?'))
      expect([blocked.status, blocked.code]).toEqual([403, 'BLOCKED'])
      const closed = await refusal(send(A, a, b2, 'closed?'))
      expect([closed.status, closed.code]).toEqual([403, 'RECIPIENT_NOT_ACCEPTING'])
    })
    // Caught up: the block is known, and it removed a's follow (R11).
    await preview(A, a, b, { ok: false, code: 'BLOCKED' })
    await preview(A, a, b2, { ok: false, code: 'RECIPIENT_NOT_ACCEPTING' })
    expect((await A.client.listFollows(a.id)).accounts.map((x) => x.handle)).not.toContain('bill')
    // Refused messages stay with their sender, marked; the recipient never sees them.
    expect((await thread(A, a, b)).map((m) => [m.text, m.delivery, m.refused?.code])).toEqual([['blocked?', 'refused', 'BLOCKED']])
    expect((await thread(A, a, b2)).map((m) => [m.text, m.delivery, m.refused?.code])).toEqual([['closed?', 'refused', 'RECIPIENT_NOT_ACCEPTING']])
    for (const x of [b, b2]) {
      expect(await thread(B, x, a)).toEqual([])
      expect((await B.client.conversations(x.id)).conversations).toEqual([])
    }
  })

  test('NOT_FOLLOWING is decided remotely after the recipient closed to non-followers', async () => {
    const b = await B.account('bo')
    await B.client.patchSettings(b.id, { whoCanMessageMe: 'everyone' })
    await preview(A, a, b, { ok: true, delivery: 'request' })
    await A.holding(B, 'events', async () => {
      await B.client.patchSettings(b.id, { whoCanMessageMe: 'followers' })
      const err = await refusal(send(A, a, b))
      expect([err.status, err.code]).toEqual([403, 'NOT_FOLLOWING'])
    })
  })

  test('REQUEST_PENDING and REQUEST_DECLINED are decided remotely; the outcome arrives after "pending" (R8)', async () => {
    const [b1, b2] = [await B.account('bree'), await B.account('brad')]
    for (const b of [b1, b2]) {
      await B.client.patchSettings(b.id, { whoCanMessageMe: 'everyone' })
    }
    await preview(A, a, b1, { ok: true, delivery: 'request' })
    await preview(A, a, b2, { ok: true, delivery: 'request' })
    // B still takes A's messages and decides them, but its answers do not reach A.
    const sent = await A.holding(B, 'all', async () => {
      const r1 = await send(A, a, b1, 'request one')
      const r2 = await send(A, a, b1, 'request two')
      expect([r1.delivery, r2.delivery, r1.message.delivery]).toEqual(['pending', 'pending', 'pending'])
      const d1 = await send(A, a, b2, 'hello brad')
      await eventually('brad to get the request', async () => (await B.client.conversations(b2.id, 'requests')).conversations.length === 1)
      await B.client.deleteRequest(b2.id, d1.conversationId)
      const d2 = await send(A, a, b2, 'please?')
      expect(d2.delivery).toBe('pending')
      return { r2 }
    })
    await eventually('the verdicts to reach A', async () => {
      const all = [...(await thread(A, a, b1)), ...(await thread(A, a, b2))]
      return all.length === 4 && all.every((m) => m.delivery !== 'pending')
    })
    expect((await thread(A, a, b1)).map((m) => [m.text, m.delivery ?? 'delivered', m.refused?.code])).toEqual([
      ['request one', 'delivered', undefined],
      ['request two', 'refused', 'REQUEST_PENDING'],
    ])
    expect((await thread(A, a, b2)).map((m) => [m.text, m.refused?.code])).toEqual([
      ['hello brad', undefined],
      ['please?', 'REQUEST_DECLINED'],
    ])
    expect((await A.client.conversation(a.id, sent.r2.conversationId)).conversation.state).toBe('request-sent')
    expect((await thread(B, b1, a)).map((m) => m.text)).toEqual(['request one'])
    expect(await thread(B, b2, a)).toEqual([]) // deleted for brad (R8); the refusal never shows
  })

  test('AGE_RESTRICTED is decided by the recipient home, on its own clock (R2)', async () => {
    // 16 tomorrow on B's clock: still 15 for B, already 16 for C, whose clock is two days ahead.
    const t = new Date(Date.now() + DAY)
    const birth = `${t.getUTCFullYear() - 16}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')}`
    const teen = await B.account('tia', { birthDate: birth })
    await B.client.patchSettings(teen.id, { whoCanMessageMe: 'followers' })
    const cam = await C.account('cam')
    await knows(C, teen)
    await C.client.follow(cam.id, teen.id)
    await preview(C, cam, teen, { ok: true, delivery: 'direct' })
    const err = await refusal(send(C, cam, teen, 'hi'))
    expect([err.status, err.code]).toEqual([403, 'AGE_RESTRICTED'])
    expect(await thread(B, teen, cam)).toEqual([])
  })

  test('PHONE_REQUIRED, MESSAGE_INVALID, RATE_LIMITED and DAILY_CAP are the sender home\'s (R3, R14, R12, R13)', async () => {
    const targets = await Promise.all(['bay', 'bex', 'bob'].map((h) => B.account(h)))
    for (const t of targets) {
      await B.client.patchSettings(t.id, { whoCanMessageMe: 'everyone' })
    }
    const noPhone = await C.account('cy', { phone: null })
    for (const t of targets) {
      await preview(C, noPhone, t, { ok: false, code: 'PHONE_REQUIRED' })
    }
    const phone = await refusal(send(C, noPhone, targets[0]))
    expect([phone.status, phone.code]).toEqual([403, 'PHONE_REQUIRED'])
    const cal = await C.account('cal')
    const invalid = await refusal(send(C, cal, targets[0], '   '))
    expect([invalid.status, invalid.code]).toEqual([400, 'MESSAGE_INVALID'])
    // C's policy: 2 new conversations per burst, 4 messages a day.
    expect((await send(C, cal, targets[0])).delivery).toBe('request')
    expect((await send(C, cal, targets[1])).delivery).toBe('request')
    const burst = await refusal(send(C, cal, targets[2]))
    expect([burst.status, burst.code, typeof burst.retryAt]).toEqual([429, 'RATE_LIMITED', 'string'])
    // Only delivered sends count (R12): three refused by the recipient's home do not use up the day.
    const cleo = await C.account('cleo')
    const teen = (await C.client.directory({ q: 'tia' })).accounts[0] as AccountView
    await C.client.follow(cleo.id, teen.id)
    for (let i = 0; i < 3; i++) {
      expect((await refusal(send(C, cleo, teen))).code).toBe('AGE_RESTRICTED')
    }
    const chat = await B.account('bud')
    await knows(C, chat)
    await C.client.follow(cleo.id, chat.id)
    await preview(C, cleo, chat, { ok: true, delivery: 'direct' })
    for (const text of ['one', 'two', 'three', 'four']) {
      expect((await send(C, cleo, chat, text)).delivery).toBe('direct')
    }
    const cap = await refusal(send(C, cleo, chat, 'five'))
    expect([cap.status, cap.code, typeof cap.retryAt]).toEqual([429, 'DAILY_CAP', 'string'])
    expect((await thread(B, chat, cleo)).map((m) => m.text)).toEqual(['one', 'two', 'three', 'four'])
    expect(await thread(B, targets[2], cal)).toEqual([])
    expect(await thread(B, targets[0], noPhone)).toEqual([])
  })

  test('one order for everyone: concurrent sends from two homes read the same on both (R19)', async () => {
    const [ava, b] = [await A.account('ava'), await B.account('bix')]
    const a = ava
    await knows(A, b)
    await knows(B, a)
    await Promise.all([A.client.follow(a.id, b.id), B.client.follow(b.id, a.id)])
    await preview(A, a, b, { ok: true, delivery: 'direct' })
    await preview(B, b, a, { ok: true, delivery: 'direct' })
    const sent = await Promise.all([
      ...Array.from({ length: 8 }, (_, i) => send(A, a, b, `a${i}`)),
      ...Array.from({ length: 8 }, (_, i) => send(B, b, a, `b${i}`)),
    ])
    expect(sent.every((s) => s.delivery === 'direct')).toBe(true)
    const ids = await eventually('both homes to hold all 16', async () => {
      const [onA, onB] = [await thread(A, a, b), await thread(B, b, a)]
      return onA.length === 16 && onB.length === 16 ? [onA.map((m) => m.id), onB.map((m) => m.id)] : undefined
    })
    expect(ids[0]).toEqual(ids[1])
    expect(new Set(ids[0]).size).toBe(16)
  })
})
