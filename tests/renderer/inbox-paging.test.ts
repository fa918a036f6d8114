// The paged inbox (issue 11): the list holds the pages drawn so far and asks for the next one
// as it scrolls; counts come from the node for the whole inbox and move with each event
// applied; the unified inbox never draws a row above one a slower account has still to send.
import { describe, expect, it } from 'vitest'
import { countInbox } from '@shared/inbox-counts'
import type { ConversationSummary, Folder } from '@shared/types'
import { ALL, useAccountsStore } from '../../renderer/src/stores/accounts'
import { useInboxStore } from '../../renderer/src/stores/inbox'
import { FIRST_PAGE, NEXT_PAGE } from '../../renderer/src/stores/inbox-pages'
import { useLiveStore } from '../../renderer/src/stores/live'
import { FakeNode, account, connect, conversation, message, settings, settle } from './support/fakeNode'

const T = Date.parse('2025-06-01T10:00:00.000Z')
const at = (minutesAgo: number) => new Date(T - minutesAgo * 60_000).toISOString()

/** `n` conversations of one account, one a minute apart (newest first), every third unread. */
function inboxOf(prefix: string, n: number, step = 1): ConversationSummary[] {
  return Array.from({ length: n }, (_, i) =>
    conversation(`${prefix}${i}`, `x_${prefix}${i}`, `${prefix}p${i}`, { lastActivityAt: at(i * step), unread: i % 3 === 0 ? 1 : 0 }),
  )
}

/** A node that pages as the real one does: by folder, limit and an opaque cursor (an offset here). */
function pagingNode(byAccount: Record<string, ConversationSummary[]>): FakeNode {
  const node = new FakeNode()
    .on('GET', '/accounts', { accounts: Object.keys(byAccount).map((id) => account(id, id.slice(2))) })
    .on('GET', '/accounts/:id/settings', { settings: settings() })
  for (const [id, all] of Object.entries(byAccount)) {
    node.on('GET', `/accounts/${id}/conversations`, (call: { query: URLSearchParams }) => {
      const f = call.query.get('folder') as Folder | null
      const list = all.filter((c) => !f || c.folder === f)
      const from = Number(call.query.get('cursor') ?? 0)
      const end = Math.min(list.length, from + Number(call.query.get('limit') ?? list.length))
      return { conversations: list.slice(from, end), nextCursor: end < list.length ? String(end) : null }
    })
    node.on('GET', `/accounts/${id}/counts`, () => ({ counts: countInbox(all) }))
  }
  return node
}

async function signIn(node: FakeNode) {
  connect(node)
  await useAccountsStore().load()
  const inbox = useInboxStore()
  await inbox.refreshAll()
  return inbox
}

describe('paged inbox', () => {
  it('draws the first page and asks for the next one, by cursor, only when the list wants it', async () => {
    const all = inboxOf('c', FIRST_PAGE + NEXT_PAGE + 20)
    const node = pagingNode({ a_n: all })
    const inbox = await signIn(node)
    await settle()
    expect(inbox.rows.map((r) => r.conversation.id)).toEqual(all.slice(0, FIRST_PAGE).map((c) => c.id))
    expect(inbox.complete).toBe(false)
    const inboxPages = () => node.callsTo('GET', '/accounts/a_n/conversations').filter((c) => c.query.get('folder') === 'inbox')
    expect(inboxPages().map((c) => c.query.get('cursor'))).toEqual([null])

    await inbox.loadMore()
    expect(inbox.rows).toHaveLength(FIRST_PAGE + NEXT_PAGE)
    await inbox.loadMore()
    expect(inbox.rows.map((r) => r.conversation.id)).toEqual(all.map((c) => c.id))
    expect(inbox.complete).toBe(true)
    await inbox.loadMore()
    expect(inboxPages().map((c) => c.query.get('cursor'))).toEqual([null, String(FIRST_PAGE), String(FIRST_PAGE + NEXT_PAGE)])
  })

  it('counts unread and requests over the whole inbox, and moves them with each event applied', async () => {
    const all = [...inboxOf('c', 300), conversation('r1', 'x_r1', 'stranger', { folder: 'requests', state: 'request-received', unread: 1, lastActivityAt: at(5) })]
    const node = pagingNode({ a_n: all })
    const inbox = await signIn(node)
    const whole = countInbox(all)
    expect(inbox.unreadOf('a_n')).toBe(whole.unread)
    expect(inbox.requestsOf('a_n')).toBe(1)
    expect(inbox.totalUnreadOf('a_n')).toBe(whole.totalUnread)

    // A message in a conversation on the first page: counted from the event alone.
    const live = useLiveStore()
    const loaded = all[1]
    node.calls = []
    live.handle(
      { type: 'message.sent', seq: 1, at: at(-1), conversationId: loaded.id, message: { ...message('m1', loaded.with.id, 'hi', at(-1)), to: 'a_n', delivery: 'direct' } },
      0,
    )
    await live.settle()
    expect(node.calls).toEqual([])
    expect(inbox.unreadOf('a_n')).toBe(whole.unread + 1)

    // One far down (not loaded): that conversation is fetched, and the counts asked again.
    const far = { ...all[250], unread: all[250].unread + 1, lastActivityAt: at(-2), lastMessage: message('m2', all[250].with.id, 'still there?', at(-2)) }
    all[250] = far
    node.on('GET', `/accounts/a_n/conversations/${far.id}`, { conversation: far })
    live.handle(
      {
        type: 'message.sent',
        seq: 2,
        at: at(-2),
        conversationId: far.id,
        message: { ...message('m2', far.with.id, 'still there?', at(-2)), to: 'a_n', delivery: 'direct' },
      },
      0,
    )
    await live.settle()
    expect(node.calls.map((c) => c.path)).toEqual([`/accounts/a_n/conversations/${far.id}`, '/accounts/a_n/counts'])
    expect(inbox.rows[0].conversation.id).toBe(far.id)
    expect(inbox.unreadOf('a_n')).toBe(countInbox(all).unread)
  })

  it('in "All accounts", holds back rows older than what another account has still to send', async () => {
    // north's conversations are a minute apart, lena's ten: lena's first page reaches far older.
    const north = inboxOf('n', 250)
    const lena = inboxOf('l', 150, 10)
    const node = pagingNode({ a_n: north, a_l: lena })
    const inbox = await signIn(node)
    useAccountsStore().select(ALL)
    await settle()
    const oldestNorth = north[FIRST_PAGE - 1].lastActivityAt
    expect(inbox.rows.every((r) => r.conversation.lastActivityAt >= oldestNorth)).toBe(true)
    expect(inbox.rows.some((r) => r.accountId === 'a_l')).toBe(true)
    await inbox.loadMore()
    await inbox.loadMore()
    expect(inbox.complete).toBe(true)
    const expected = [...north.map((c) => `a_n:${c.id}@${c.lastActivityAt}`), ...lena.map((c) => `a_l:${c.id}@${c.lastActivityAt}`)]
    expect(inbox.rows).toHaveLength(expected.length)
    const times = inbox.rows.map((r) => r.conversation.lastActivityAt)
    expect(times).toEqual([...times].sort().reverse())
  })

  it('a search looks through every page, not only those drawn', async () => {
    const all = inboxOf('c', FIRST_PAGE + 50)
    const node = pagingNode({ a_n: all })
    const inbox = await signIn(node)
    inbox.query = 'cp140'
    await settle(20)
    expect(inbox.rows.map((r) => r.conversation.id)).toEqual(['c140'])
    expect(inbox.complete).toBe(true)
  })

  it('a search started while a page is on its way still reaches the last page', async () => {
    const all = inboxOf('c', FIRST_PAGE + NEXT_PAGE + 50)
    const inbox = await signIn(pagingNode({ a_n: all }))
    const scrolling = inbox.loadMore()
    inbox.query = `cp${all.length - 1}`
    await scrolling
    await settle(30)
    expect(inbox.rows.map((r) => r.conversation.id)).toEqual([`c${all.length - 1}`])
  })
})
