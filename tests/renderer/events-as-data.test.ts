// Events as data (issue 11): a send costs one POST; the live event that follows updates the
// lists and the open thread from its payload, with no refetch. Only what an event cannot
// settle (a conversation the list does not hold yet) is fetched. Paging: inbox-paging.test.ts.
import { describe, expect, it } from 'vitest'
import type { ClientEvent } from '@shared/types'
import { useAccountsStore } from '../../renderer/src/stores/accounts'
import { useInboxStore } from '../../renderer/src/stores/inbox'
import { useLiveStore } from '../../renderer/src/stores/live'
import { useThreadStore } from '../../renderer/src/stores/thread'
import { FakeNode, account, connect, conversation, message, settings, settle } from './support/fakeNode'

const north = account('a_n', 'north')
const south = account('a_s', 'south')
const T0 = '2025-06-01T10:00:00.000Z'
const T1 = '2025-06-01T10:05:00.000Z'

/** north and south, both signed in here, in one open conversation; north has it open. */
async function world() {
  const c1 = conversation('c1', 'a_s', 'south', { lastMessage: message('m0', 'a_s', 'hi', T0), lastActivityAt: T0 })
  const c1South = conversation('c1', 'a_n', 'north', { lastMessage: message('m0', 'a_s', 'hi', T0), lastActivityAt: T0 })
  const node = new FakeNode()
    .on('GET', '/accounts', { accounts: [north, south] })
    .on('GET', '/accounts/:id/settings', { settings: settings() })
    .on('GET', '/accounts/a_n/conversations', { conversations: [c1], nextCursor: null })
    .on('GET', '/accounts/a_s/conversations', { conversations: [c1South], nextCursor: null })
    .on('GET', '/accounts/:id/conversations/:c/messages', { messages: [message('m0', 'a_s', 'hi', T0)], hasMore: false })
    .on('GET', '/accounts/:id/relations/:t', { relation: { preview: { ok: true, delivery: 'direct' } } })
    .on('POST', '/accounts/a_n/messages', { message: message('m1', 'a_n', 'on my way', T1), conversationId: 'c1', delivery: 'direct' })
  connect(node)
  await useAccountsStore().load()
  await useInboxStore().refreshAll()
  const thread = useThreadStore()
  await thread.open('a_n', 'c1', 'a_s')
  await settle()
  return { node, thread, inbox: useInboxStore(), live: useLiveStore() }
}

const sentEvent = (seq: number, id: string, from: string, to: string, text: string, sentAt: string, conversationId = 'c1'): ClientEvent => ({
  type: 'message.sent',
  seq,
  at: sentAt,
  conversationId,
  message: { ...message(id, from, text, sentAt), to, delivery: 'direct' },
})

describe('events as data', () => {
  it('a send costs one POST and no GET, its event included; both sides see it', async () => {
    const { node, thread, inbox, live } = await world()
    node.calls = []
    await thread.send('a_n', 'a_s', 'on my way', 'c1')
    live.handle(sentEvent(9, 'm1', 'a_n', 'a_s', 'on my way', T1), 0)
    await live.settle()
    await settle()
    expect(node.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /accounts/a_n/messages'])
    expect(thread.messages.map((m) => m.id)).toEqual(['m0', 'm1'])
    expect(inbox.find('a_n', 'c1')).toMatchObject({ lastMessage: { id: 'm1', text: 'on my way' }, lastActivityAt: T1, unread: 0 })
    // The other local account got it from the event alone: one more unread, newest line.
    expect(inbox.find('a_s', 'c1')).toMatchObject({ lastMessage: { id: 'm1' }, unread: 1 })
  })

  it('an arrival in the open conversation is appended from the event, with no request', async () => {
    const { node, thread, inbox, live } = await world()
    node.calls = []
    live.handle(sentEvent(10, 'm2', 'a_s', 'a_n', 'see you', T1), 0)
    await live.settle()
    expect(node.calls.filter((c) => c.method === 'GET')).toEqual([])
    expect(thread.messages.at(-1)).toEqual(message('m2', 'a_s', 'see you', T1))
    expect(thread.messages.at(-1)).not.toHaveProperty('to')
    expect(inbox.find('a_n', 'c1')?.unread).toBe(1)
    // The same event again (a resumed stream) changes nothing.
    live.handle(sentEvent(10, 'm2', 'a_s', 'a_n', 'see you', T1), 0)
    await live.settle()
    expect(inbox.find('a_n', 'c1')?.unread).toBe(1)
    expect(thread.messages.filter((m) => m.id === 'm2')).toHaveLength(1)
  })

  it('a conversation the list does not hold is fetched, that one only', async () => {
    const { node, live } = await world()
    node.on('GET', '/accounts/a_n/conversations/c9', { conversation: conversation('c9', 'x9', 'zed', { lastActivityAt: T1 }) })
    node.calls = []
    live.handle(sentEvent(11, 'm9', 'x9', 'a_n', 'new here', T1, 'c9'), 0)
    await live.settle()
    expect(node.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /accounts/a_n/conversations/c9'])
  })

  it("reading one's own conversation settles the unread count from the event", async () => {
    const { node, inbox, live } = await world()
    live.handle(sentEvent(12, 'm3', 'a_s', 'a_n', 'ping', T1), 0)
    await live.settle()
    node.calls = []
    live.handle({ type: 'conversation.read', seq: 13, at: T1, conversationId: 'c1', by: 'a_n', messageId: 'm3' }, 0)
    await live.settle()
    expect(node.calls).toEqual([])
    expect(inbox.find('a_n', 'c1')?.unread).toBe(0)
  })
})
