// Conversations as each viewer sees them: folders and requests (R7, R8), read and Seen (R15),
// mute (R16), delete for me (R17), idempotent sends (R18), one order and paging (R19).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccountView } from '@shared/types'
import type { TestNode } from './support'
import { api, cid, pair, refused, send, startTestNode, TestClock } from './support'

let t: TestNode
let clock: TestClock
beforeAll(async () => {
  // Every reading of this clock is a millisecond apart: the node orders messages by time and
  // breaks ties by a random id, so sends within one millisecond would not keep their order.
  clock = new TestClock()
  t = await startTestNode({ clock })
})
afterAll(async () => {
  await t.stop()
})

const texts = async (viewer: AccountView, conversationId: string) =>
  (await t.client.messages(viewer.id, conversationId, { limit: 100 })).messages.map((m) => m.text)

/** a -> b request (b open to everyone, a not following). */
async function request(text = 'Can we talk?'): Promise<{ a: AccountView; b: AccountView; conversationId: string }> {
  const a = await t.account()
  const b = await t.account()
  await t.client.patchSettings(b.id, { whoCanMessageMe: 'everyone' })
  const res = await send(t, a, b, text)
  expect(res.delivery).toBe('request')
  return { a, b, conversationId: res.conversationId }
}

describe('GET conversations, one conversation, folders', () => {
  it('both participants see one conversation id, each with the other in `with`, most recent first', async () => {
    const [a, b] = await pair(t)
    const c = await t.account()
    await t.client.follow(a.id, c.id)
    const ab = await send(t, a, b, 'to b')
    const ac = await send(t, a, c, 'to c')
    const mine = (await t.client.conversations(a.id)).conversations
    expect(mine.map((x) => x.id)).toEqual([ac.conversationId, ab.conversationId])
    expect(mine[0].with).toEqual({ id: c.id, handle: c.handle, displayName: c.displayName })
    const theirs = (await t.client.conversations(b.id)).conversations
    expect(theirs).toHaveLength(1)
    expect(theirs[0]).toMatchObject({ id: ab.conversationId, with: { id: a.id }, folder: 'inbox', unread: 1, muted: false })
    const one = (await t.client.conversation(b.id, ab.conversationId)).conversation
    expect(one).toEqual(theirs[0])
  })

  it('?folder=inbox|requests filters; another value is 400', async () => {
    const { a, b, conversationId } = await request()
    expect((await t.client.conversations(b.id, 'requests')).conversations.map((c) => c.id)).toEqual([conversationId])
    expect((await t.client.conversations(b.id, 'inbox')).conversations).toEqual([])
    expect((await t.client.conversations(a.id, 'requests')).conversations).toEqual([])
    expect((await t.client.conversations(a.id, 'inbox')).conversations.map((c) => c.id)).toEqual([conversationId])
    const bad = await api(t.url, 'GET', `/api/v1/accounts/${b.id}/conversations?folder=spam`)
    expect(bad.status).toBe(400)
    expect(bad.body.error).toMatchObject({ code: 'INVALID_INPUT', field: 'folder' })
  })

  it('404 NOT_FOUND for an unknown conversation, and for one the account is not part of', async () => {
    const [a, b] = await pair(t)
    const outsider = await t.account()
    const { conversationId } = await send(t, a, b)
    await refused(t.client.conversation(a.id, 'c_nope'), 404, 'NOT_FOUND')
    await refused(t.client.messages(a.id, 'c_nope'), 404, 'NOT_FOUND')
    await refused(t.client.conversation(outsider.id, conversationId), 404, 'NOT_FOUND')
    await refused(t.client.messages(outsider.id, conversationId), 404, 'NOT_FOUND')
    await refused(t.client.markRead(outsider.id, conversationId), 404, 'NOT_FOUND')
    await refused(t.client.mute(outsider.id, conversationId, { muted: true }), 404, 'NOT_FOUND')
    await refused(t.client.hideConversation(outsider.id, conversationId), 404, 'NOT_FOUND')
    await refused(t.client.conversations('a_nobody'), 404, 'NOT_FOUND')
  })
})

describe('requests (R7, R8)', () => {
  it('R8 accept moves the request to the inbox and both sides write freely', async () => {
    const { a, b, conversationId } = await request()
    expect(await t.client.acceptRequest(b.id, conversationId)).toEqual({ folder: 'inbox' })
    expect((await t.client.conversations(b.id, 'requests')).conversations).toEqual([])
    expect((await t.client.conversations(b.id, 'inbox')).conversations[0]).toMatchObject({ id: conversationId, state: 'open' })
    expect((await t.client.conversation(a.id, conversationId)).conversation.state).toBe('open')
    // The sender may write again before any reply; accepting twice is harmless.
    expect((await send(t, a, b, 'thanks!')).delivery).toBe('direct')
    expect(await t.client.acceptRequest(b.id, conversationId)).toEqual({ folder: 'inbox' })
    expect((await send(t, b, a, 'welcome')).delivery).toBe('direct')
    expect(await texts(a, conversationId)).toEqual(['Can we talk?', 'thanks!', 'welcome'])
  })

  it('R8 writing back to a request accepts it', async () => {
    const { a, b, conversationId } = await request()
    expect((await send(t, b, a, 'sure')).delivery).toBe('direct')
    expect((await t.client.conversation(b.id, conversationId)).conversation).toMatchObject({ folder: 'inbox', state: 'open' })
    expect((await send(t, a, b, 'great')).delivery).toBe('direct')
  })

  it('R8 delete hides the request from its recipient; the sender keeps the history and is not told', async () => {
    const { a, b, conversationId } = await request()
    const senderView = (await t.client.conversation(a.id, conversationId)).conversation
    expect(await t.client.deleteRequest(b.id, conversationId)).toEqual({ deleted: true })
    expect((await t.client.conversations(b.id)).conversations).toEqual([])
    await refused(t.client.conversation(b.id, conversationId), 404, 'NOT_FOUND')
    expect((await t.client.conversation(a.id, conversationId)).conversation).toEqual(senderView)
    expect(await texts(a, conversationId)).toEqual(['Can we talk?'])
    await refused(send(t, a, b), 403, 'REQUEST_DECLINED')
  })

  it('R8 R11 blocking the sender clears the request', async () => {
    const { a, b, conversationId } = await request()
    await t.client.block(b.id, a.id)
    expect((await t.client.conversations(b.id, 'requests')).conversations).toEqual([])
    await refused(send(t, a, b), 403, 'BLOCKED')
    expect(await texts(a, conversationId)).toEqual(['Can we talk?'])
  })

  it('R8 only the recipient answers a request: 409 NOT_YOUR_REQUEST; deleting an open conversation as a request is 409 NOT_A_REQUEST', async () => {
    const { a, b, conversationId } = await request()
    await refused(t.client.acceptRequest(a.id, conversationId), 409, 'NOT_YOUR_REQUEST')
    await refused(t.client.deleteRequest(a.id, conversationId), 409, 'NOT_YOUR_REQUEST')
    await t.client.acceptRequest(b.id, conversationId)
    await refused(t.client.deleteRequest(b.id, conversationId), 409, 'NOT_A_REQUEST')
    await refused(t.client.acceptRequest(b.id, 'c_nope'), 404, 'NOT_FOUND')
    await refused(t.client.deleteRequest(b.id, 'c_nope'), 404, 'NOT_FOUND')
  })
})

describe('read state and Seen (R15)', () => {
  it('POST read clears unread for the reader only and answers the last message id', async () => {
    const [a, b] = await pair(t)
    await send(t, a, b, '1')
    const last = await send(t, a, b, '2')
    expect((await t.client.conversation(b.id, last.conversationId)).conversation.unread).toBe(2)
    expect(await t.client.markRead(b.id, last.conversationId)).toEqual({ readUpTo: last.message.id })
    expect((await t.client.conversation(b.id, last.conversationId)).conversation.unread).toBe(0)
    await send(t, a, b, '3')
    expect((await t.client.conversation(b.id, last.conversationId)).conversation.unread).toBe(1)
    expect((await t.client.conversation(a.id, last.conversationId)).conversation.unread).toBe(0)
  })

  it('R15 the sender sees seen: true once the recipient read, when both have receipts on; never on others\' messages', async () => {
    const [a, b] = await pair(t)
    const m1 = await send(t, a, b, 'one')
    let page = (await t.client.messages(a.id, m1.conversationId)).messages
    expect(page[0]).not.toHaveProperty('seen')
    await t.client.markRead(b.id, m1.conversationId)
    const m2 = await send(t, a, b, 'two (unread)')
    page = (await t.client.messages(a.id, m1.conversationId)).messages
    expect(page.find((m) => m.id === m1.message.id)?.seen).toBe(true)
    expect(page.find((m) => m.id === m2.message.id)).not.toHaveProperty('seen')
    expect((await t.client.conversation(a.id, m1.conversationId)).conversation.lastMessage).not.toHaveProperty('seen')
    // The recipient never gets `seen` on the sender's messages.
    for (const m of (await t.client.messages(b.id, m1.conversationId)).messages) {
      expect(m).not.toHaveProperty('seen')
    }
  })

  it('R15 no Seen when either side has receipts off; it comes back when turned on again', async () => {
    const [a, b] = await pair(t)
    const m = await send(t, a, b, 'hello')
    await t.client.markRead(b.id, m.conversationId)
    await t.client.patchSettings(b.id, { readReceipts: false })
    expect((await t.client.messages(a.id, m.conversationId)).messages[0]).not.toHaveProperty('seen')
    await t.client.patchSettings(b.id, { readReceipts: true })
    expect((await t.client.messages(a.id, m.conversationId)).messages[0].seen).toBe(true)
    await t.client.patchSettings(a.id, { readReceipts: false })
    expect((await t.client.messages(a.id, m.conversationId)).messages[0]).not.toHaveProperty('seen')
  })

  it('R15 never Seen with an EU/EEA account on either side', async () => {
    for (const [senderRegion, readerRegion] of [['US', 'DE'], ['SE', 'US']]) {
      const a = await t.account({ region: senderRegion })
      const b = await t.account({ region: readerRegion })
      await t.client.follow(a.id, b.id)
      const m = await send(t, a, b, 'hej')
      await t.client.markRead(b.id, m.conversationId)
      expect((await t.client.messages(a.id, m.conversationId)).messages[0]).not.toHaveProperty('seen')
    }
  })
})

describe('mute (R16)', () => {
  it('R16 mute is per viewer, keeps counting unread, and is reversible', async () => {
    const [a, b] = await pair(t)
    const { conversationId } = await send(t, a, b)
    expect(await t.client.mute(b.id, conversationId, { muted: true })).toEqual({ muted: true, until: null })
    await send(t, a, b, 'while muted')
    expect((await t.client.conversation(b.id, conversationId)).conversation).toMatchObject({ muted: true, mutedUntil: null, unread: 2 })
    expect((await t.client.conversation(a.id, conversationId)).conversation.muted).toBe(false)
    expect(await t.client.mute(b.id, conversationId, { muted: false })).toEqual({ muted: false, until: null })
    expect((await t.client.conversation(b.id, conversationId)).conversation).toMatchObject({ muted: false, unread: 2 })
  })

  it('R16 a mute with an end time shows it; a past or malformed end time is 400 naming until', async () => {
    const [a, b] = await pair(t)
    const { conversationId } = await send(t, a, b)
    const until = new Date(clock.peek().getTime() + 3_600_000).toISOString()
    expect(await t.client.mute(b.id, conversationId, { muted: true, until })).toEqual({ muted: true, until })
    expect((await t.client.conversation(b.id, conversationId)).conversation).toMatchObject({ muted: true, mutedUntil: until })
    const past = await refused(t.client.mute(b.id, conversationId, { muted: true, until: '2001-01-01T00:00:00Z' }), 400, 'INVALID_INPUT')
    expect(past.field).toBe('until')
    expect((await refused(t.client.mute(b.id, conversationId, { muted: true, until: 'in an hour' }), 400, 'INVALID_INPUT')).field).toBe('until')
    expect((await refused(t.client.mute(b.id, conversationId, {} as never), 400, 'INVALID_INPUT')).field).toBe('muted')
    // The earlier mute is still in force.
    expect((await t.client.conversation(b.id, conversationId)).conversation).toMatchObject({ muted: true, mutedUntil: until })
  })
})

describe('delete for me (R17)', () => {
  it('R17 deleting a message hides it for the deleter only; deleting twice is fine', async () => {
    const [a, b] = await pair(t)
    await t.client.follow(b.id, a.id)
    const m1 = await send(t, a, b, 'keep')
    const m2 = await send(t, b, a, 'oops')
    const m3 = await send(t, a, b, 'last')
    expect(await t.client.hideMessage(a.id, m2.message.id)).toEqual({ deleted: true })
    expect(await t.client.hideMessage(a.id, m2.message.id)).toEqual({ deleted: true })
    expect(await texts(a, m1.conversationId)).toEqual(['keep', 'last'])
    expect(await texts(b, m1.conversationId)).toEqual(['keep', 'oops', 'last'])
    // Deleting the last one: the list shows the one before as lastMessage.
    await t.client.hideMessage(a.id, m3.message.id)
    expect((await t.client.conversation(a.id, m1.conversationId)).conversation.lastMessage?.id).toBe(m1.message.id)
    expect((await t.client.conversation(b.id, m1.conversationId)).conversation.lastMessage?.id).toBe(m3.message.id)
  })

  it('R17 a message one cannot see is 404 NOT_FOUND', async () => {
    const [a, b] = await pair(t)
    const outsider = await t.account()
    const m = await send(t, a, b)
    await refused(t.client.hideMessage(outsider.id, m.message.id), 404, 'NOT_FOUND')
    await refused(t.client.hideMessage(a.id, 'm_nope'), 404, 'NOT_FOUND')
    expect(await texts(a, m.conversationId)).toEqual(['hello'])
  })

  it('R17 deleting a conversation hides it for the deleter; the other side keeps everything; it reappears with only newer messages', async () => {
    const [a, b] = await pair(t)
    await t.client.follow(b.id, a.id)
    const first = await send(t, a, b, 'old 1')
    await send(t, b, a, 'old 2')
    const id = first.conversationId
    expect(await t.client.hideConversation(a.id, id)).toEqual({ deleted: true })
    expect((await t.client.conversations(a.id)).conversations).toEqual([])
    await refused(t.client.conversation(a.id, id), 404, 'NOT_FOUND')
    expect(await texts(b, id)).toEqual(['old 1', 'old 2'])
    expect((await t.client.conversations(b.id)).conversations.map((c) => c.id)).toEqual([id])

    await send(t, b, a, 'new 1')
    const [back] = (await t.client.conversations(a.id)).conversations
    expect(back).toMatchObject({ id, unread: 1, lastMessage: { text: 'new 1' } })
    expect(await texts(a, id)).toEqual(['new 1'])
    expect((await t.client.messages(a.id, id)).hasMore).toBe(false)
    expect(await texts(b, id)).toEqual(['old 1', 'old 2', 'new 1'])

    // The deleter's own new message brings it back the same way.
    await t.client.hideConversation(a.id, id)
    await send(t, a, b, 'new 2')
    expect(await texts(a, id)).toEqual(['new 2'])
    expect(await texts(b, id)).toEqual(['old 1', 'old 2', 'new 1', 'new 2'])
  })
})

describe('idempotent sends (R18)', () => {
  it('R18 the same clientId twice returns the original message and stores one', async () => {
    const [a, b] = await pair(t)
    const clientId = cid('retry')
    const first = await t.client.send(a.id, { to: b.id, text: 'only once', clientId })
    const again = await t.client.send(a.id, { to: b.id, text: 'only once', clientId })
    expect(again).toEqual(first)
    // Even a resend with other content returns the original result (a retry, not a new send).
    const changed = await t.client.send(a.id, { to: b.id, text: 'edited?', clientId })
    expect(changed).toEqual(first)
    expect(await texts(b, first.conversationId)).toEqual(['only once'])
    expect((await t.client.conversation(b.id, first.conversationId)).conversation.unread).toBe(1)
  })

  it('R18 concurrent sends with one clientId all get the same message id; one message is stored', async () => {
    const [a, b] = await pair(t)
    const clientId = cid('burst')
    const results = await Promise.all(Array.from({ length: 8 }, () => t.client.send(a.id, { to: b.id, text: 'racing', clientId })))
    expect(new Set(results.map((r) => r.message.id)).size).toBe(1)
    expect(await texts(a, results[0].conversationId)).toEqual(['racing'])
    expect(await texts(b, results[0].conversationId)).toEqual(['racing'])
  })

  it('R18 client ids are unique per sending account: two senders may use the same one', async () => {
    const a = await t.account()
    const b = await t.account()
    await t.client.follow(a.id, b.id)
    await t.client.follow(b.id, a.id)
    const m1 = await t.client.send(a.id, { to: b.id, text: 'from a', clientId: 'shared-id' })
    const m2 = await t.client.send(b.id, { to: a.id, text: 'from b', clientId: 'shared-id' })
    expect(m2.message.id).not.toBe(m1.message.id)
    expect(await texts(a, m1.conversationId)).toEqual(['from a', 'from b'])
  })

  it('R18 a refused send stores no client id: the same id may succeed later', async () => {
    const a = await t.account()
    const b = await t.account()
    const clientId = cid('later')
    await refused(t.client.send(a.id, { to: b.id, text: 'hi', clientId }), 403, 'NOT_FOLLOWING')
    await t.client.follow(a.id, b.id)
    const ok = await t.client.send(a.id, { to: b.id, text: 'hi', clientId })
    expect(ok.delivery).toBe('direct')
  })
})

describe('one order and paging (R19)', () => {
  it('R19 both participants see the same order, oldest first, the same as the send order', async () => {
    const [a, b] = await pair(t)
    await t.client.follow(b.id, a.id)
    const sent: string[] = []
    for (let i = 0; i < 12; i++) {
      const from = i % 3 === 0 ? b : a
      const r = await send(t, from, from === a ? b : a, `#${i}`)
      sent.push(r.message.id)
    }
    const id = (await t.client.conversations(a.id)).conversations[0].id
    const seenByA = (await t.client.messages(a.id, id)).messages
    const seenByB = (await t.client.messages(b.id, id)).messages
    expect(seenByA.map((m) => m.id)).toEqual(sent)
    expect(seenByB.map((m) => m.id)).toEqual(sent)
    const times = seenByA.map((m) => Date.parse(m.sentAt))
    expect([...times].sort((x, y) => x - y)).toEqual(times)
  })

  it('R19 concurrent sends from both sides still give both viewers one identical order', async () => {
    const [a, b] = await pair(t)
    await t.client.follow(b.id, a.id)
    const { conversationId } = await send(t, a, b, 'start')
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? send(t, a, b, `a${i}`) : send(t, b, a, `b${i}`))))
    const byA = (await t.client.messages(a.id, conversationId)).messages.map((m) => m.id)
    const byB = (await t.client.messages(b.id, conversationId)).messages.map((m) => m.id)
    expect(byA).toHaveLength(21)
    expect(byB).toEqual(byA)
  })

  it('R19 pages with before/limit walk back without gaps or repeats; limit defaults to 50', async () => {
    const [a, b] = await pair(t)
    const ids: string[] = []
    for (let i = 0; i < 7; i++) {
      ids.push((await send(t, a, b, `p${i}`)).message.id)
    }
    const id = (await t.client.conversations(a.id)).conversations[0].id
    const p1 = await t.client.messages(b.id, id, { limit: 3 })
    expect(p1.messages.map((m) => m.id)).toEqual(ids.slice(4))
    expect(p1.hasMore).toBe(true)
    const p2 = await t.client.messages(b.id, id, { limit: 3, before: p1.messages[0].id })
    expect(p2.messages.map((m) => m.id)).toEqual(ids.slice(1, 4))
    expect(p2.hasMore).toBe(true)
    const p3 = await t.client.messages(b.id, id, { limit: 3, before: p2.messages[0].id })
    expect(p3.messages.map((m) => m.id)).toEqual(ids.slice(0, 1))
    expect(p3.hasMore).toBe(false)
    expect((await t.client.messages(b.id, id, { limit: 100 })).messages).toHaveLength(7)
    expect((await t.client.messages(b.id, id, { limit: 1 })).messages.map((m) => m.id)).toEqual([ids[6]])
    expect((await t.client.messages(b.id, id)).messages).toHaveLength(7)
  })

  it('R19 the default page is the newest 50', async () => {
    const [a, b] = await pair(t)
    const sends = await Promise.all(Array.from({ length: 55 }, (_, i) => send(t, a, b, `n${i}`)))
    const id = sends[0].conversationId
    const all = (await t.client.messages(a.id, id, { limit: 100 })).messages.map((m) => m.id)
    expect(all).toHaveLength(55)
    const page = await t.client.messages(a.id, id)
    expect(page.messages.map((m) => m.id)).toEqual(all.slice(5))
    expect(page.hasMore).toBe(true)
  })

  it.each([['0'], ['101'], ['-1'], ['2.5'], ['ten']])('R19 limit=%s is 400 INVALID_INPUT naming limit', async (limit) => {
    const [a, b] = await pair(t)
    const { conversationId } = await send(t, a, b)
    const res = await api(t.url, 'GET', `/api/v1/accounts/${a.id}/conversations/${conversationId}/messages?limit=${limit}`)
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({ code: 'INVALID_INPUT', field: 'limit' })
  })

  it('R19 a before id from another conversation, or unknown, is 400 naming before', async () => {
    const [a, b] = await pair(t)
    const c = await t.account()
    await t.client.follow(a.id, c.id)
    const ab = await send(t, a, b)
    const ac = await send(t, a, c)
    const err = await refused(t.client.messages(a.id, ab.conversationId, { before: ac.message.id }), 400, 'INVALID_INPUT')
    expect(err.field).toBe('before')
    await refused(t.client.messages(a.id, ab.conversationId, { before: 'm_nope' }), 400, 'INVALID_INPUT')
  })
})
