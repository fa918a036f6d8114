// Inbox (docs/PRODUCT.md 1-2): most recent activity first, unread and request counts per account,
// the unified "All accounts" list labelled per account, search, and the mute durations (R16).
import { describe, expect, it } from 'vitest'
import { ALL, useAccountsStore } from '../../renderer/src/stores/accounts'
import { useInboxStore } from '../../renderer/src/stores/inbox'
import { matchesQuery, rowOrder } from '../../renderer/src/stores/inbox-rows'
import { FakeNode, account, connect, conversation, message, settings } from './support/fakeNode'

const north = account('a_n', 'north')
const lena = account('a_l', 'lena', { region: 'DE' })

async function world() {
  const node = new FakeNode()
    .on('GET', '/accounts', { accounts: [north, lena] })
    .on('GET', '/accounts/:id/settings', { settings: settings() })
    .on('GET', '/accounts/a_n/conversations', {
      conversations: [
        conversation('c1', 'x1', 'ava', {
          lastActivityAt: '2025-06-01T08:00:00.000Z',
          unread: 2,
          lastMessage: message('m1', 'x1', 'Morning!', '2025-06-01T08:00:00.000Z'),
        }),
        conversation('c2', 'x2', 'noah', {
          lastActivityAt: '2025-06-01T12:00:00.000Z',
          unread: 1,
          muted: true,
          lastMessage: message('m2', 'x2', 'Lunch?', '2025-06-01T12:00:00.000Z'),
        }),
        conversation('c3', 'x3', 'mia', { folder: 'requests', state: 'request-received', lastActivityAt: '2025-06-01T13:00:00.000Z', unread: 1 }),
      ],
    })
    .on('GET', '/accounts/a_l/conversations', {
      conversations: [
        conversation('c4', 'x4', 'theo', {
          lastActivityAt: '2025-06-01T10:00:00.000Z',
          unread: 3,
          lastMessage: message('m4', 'a_l', 'See you', '2025-06-01T10:00:00.000Z'),
        }),
      ],
    })
  connect(node)
  const accounts = useAccountsStore()
  await accounts.load()
  const inbox = useInboxStore()
  await inbox.refreshAll()
  return { node, accounts, inbox }
}

describe('inbox store', () => {
  it('sorts one account’s inbox by last activity, newest first, without the requests', async () => {
    const { accounts, inbox } = await world()
    accounts.select(north.id)
    expect(inbox.rows.map((r) => r.conversation.id)).toEqual(['c2', 'c1'])
    inbox.setFolder('requests')
    expect(inbox.rows.map((r) => r.conversation.id)).toEqual(['c3'])
  })

  it('counts unread (muted ones too, R16) and requests per account', async () => {
    const { inbox } = await world()
    expect(inbox.unreadOf(north.id)).toBe(3)
    expect(inbox.requestsOf(north.id)).toBe(1)
    expect(inbox.totalUnreadOf(north.id)).toBe(4)
    expect(inbox.unreadOf(lena.id)).toBe(3)
    expect(inbox.requestsOf(lena.id)).toBe(0)
  })

  it('merges every account in "All accounts", each row knowing its account', async () => {
    const { accounts, inbox } = await world()
    accounts.select(ALL)
    expect(inbox.rows.map((r) => [r.conversation.id, r.accountId])).toEqual([
      ['c2', 'a_n'],
      ['c4', 'a_l'],
      ['c1', 'a_n'],
    ])
    expect(inbox.inboxUnread).toBe(6)
    expect(inbox.requestCount).toBe(1)
  })

  it('filters by name, @handle or message text', async () => {
    const { accounts, inbox } = await world()
    accounts.select(ALL)
    inbox.query = '@the'
    expect(inbox.rows.map((r) => r.conversation.id)).toEqual(['c4'])
    inbox.query = 'lunch'
    expect(inbox.rows.map((r) => r.conversation.id)).toEqual(['c2'])
    expect(matchesQuery(conversation('c', 'x', 'ava'), '  ')).toBe(true)
  })

  it('orders one conversation held by two accounts by account, so the list never flickers', () => {
    const c = conversation('c', 'x', 'ava')
    const a = { key: 'a:c', accountId: 'a', conversation: c }
    const b = { key: 'b:c', accountId: 'b', conversation: c }
    expect([b, a].sort(rowOrder).map((r) => r.key)).toEqual(['a:c', 'b:c'])
    expect([a, b].sort(rowOrder).map((r) => r.key)).toEqual(['a:c', 'b:c'])
  })

  it('orders rows of equal times as the node pages them: greater conversation id first, whatever the account', () => {
    const at = '2025-06-01T10:00:00.000Z'
    const row = (accountId: string, id: string) => ({ key: `${accountId}:${id}`, accountId, conversation: conversation(id, 'x', 'ava', { lastActivityAt: at }) })
    const rows = [row('a', 'c1'), row('b', 'c3'), row('a', 'c2')]
    expect(rows.sort(rowOrder).map((r) => r.key)).toEqual(['b:c3', 'a:c2', 'a:c1'])
  })

  it('R16: mutes for 8 hours from now, until unmuted, or unmutes', async () => {
    const { node, inbox } = await world()
    node.on('POST', '/accounts/:a/conversations/:c/mute', { muted: true, until: null })
    const now = new Date('2025-06-01T12:00:00.000Z')
    await inbox.mute(north.id, 'c1', '8h', now)
    await inbox.mute(north.id, 'c1', 'forever', now)
    await inbox.mute(north.id, 'c1', 'off', now)
    expect(node.callsTo('POST', '/accounts/a_n/conversations/c1/mute').map((c) => c.body)).toEqual([
      { muted: true, until: '2025-06-01T20:00:00.000Z' },
      { muted: true, until: null },
      { muted: false },
    ])
  })

  it('marks read only when something is unread', async () => {
    const { node, inbox } = await world()
    node.on('POST', '/accounts/:a/conversations/:c/read', { readUpTo: 'm1' })
    await inbox.markRead(north.id, 'c1')
    await inbox.markRead(north.id, 'c3x')
    expect(node.callsTo('POST', '/accounts/a_n/conversations/c1/read')).toHaveLength(1)
    expect(node.calls.filter((c) => c.path.endsWith('/read'))).toHaveLength(1)
  })
})
