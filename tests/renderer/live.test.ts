// Live updates (issue 3): an event refetches what it touches; a new message raises a toast in
// the browser or a native notification in Electron, never for a muted conversation (R16) and
// never while the account's notifications are off; a remote refusal marks the message failed.
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ClientEvent, ConversationSummary } from '@shared/types'
import { useAccountsStore } from '../../renderer/src/stores/accounts'
import { useInboxStore } from '../../renderer/src/stores/inbox'
import { useLiveStore } from '../../renderer/src/stores/live'
import { useThreadStore } from '../../renderer/src/stores/thread'
import { useUiStore } from '../../renderer/src/stores/ui'
import { FakeNode, account, connect, conversation, message, refusal, settings } from './support/fakeNode'

const north = account('a_n', 'north')

async function world(summary: Partial<ConversationSummary> = {}, s = settings()) {
  let convs: ConversationSummary[] = []
  const node = new FakeNode()
    .on('GET', '/accounts', { accounts: [north] })
    .on('GET', '/accounts/:id/settings', { settings: s })
    .on('GET', '/accounts/:id/conversations', () => ({ conversations: convs }))
    .on('GET', '/accounts/:id/conversations/:c', (c: { path: string }) => {
      const found = convs.find((x) => c.path.endsWith(`/${x.id}`))
      return found ? { conversation: found } : refusal(404, 'NOT_FOUND', 'The conversation was not found.')
    })
  connect(node)
  await useAccountsStore().load()
  await useInboxStore().refreshAll()
  convs = [conversation('c1', 'x1', 'ava', { unread: 1, lastMessage: message('m1', 'x1', 'New here!', '2025-06-01T10:00:00.000Z'), ...summary })]
  return { node, live: useLiveStore(), ui: useUiStore(), inbox: useInboxStore() }
}

const arrival = (seq = 7): ClientEvent => ({
  type: 'message.sent',
  seq,
  at: '2025-06-01T10:00:00.000Z',
  conversationId: 'c1',
  message: { ...message('m1', 'x1', 'New here!', '2025-06-01T10:00:00.000Z'), to: 'a_n', delivery: 'direct' },
})

afterEach(() => {
  delete (window as { envelope?: unknown }).envelope
})

describe('live store', () => {
  it('refetches the conversation the message belongs to and shows a toast with sender and text', async () => {
    const { node, live, ui, inbox } = await world()
    live.handle(arrival(), 0)
    await live.settle()
    expect(node.callsTo('GET', '/accounts/a_n/conversations/c1')).toHaveLength(1)
    expect(inbox.unreadOf('a_n')).toBe(1)
    expect(ui.toasts.map((t) => [t.title, t.body])).toEqual([['Ava', 'New here!']])
  })

  it('debounces a burst of events into one refetch', async () => {
    const { node, live } = await world()
    for (let i = 0; i < 5; i++) {
      live.handle({ type: 'conversation.read', seq: 10 + i, at: '', conversationId: 'c1', by: 'a_n' }, 0)
    }
    await live.settle()
    expect(node.callsTo('GET', '/accounts/a_n/conversations/c1')).toHaveLength(1)
  })

  it('drops a conversation that is gone for the account (deleted for me, R17) and refetches lists on a block', async () => {
    const { node, live, inbox } = await world()
    await inbox.refresh('a_n')
    expect(inbox.lists.a_n.map((c) => c.id)).toEqual(['c1'])
    node.on('GET', '/accounts/:id/conversations/:c', refusal(404, 'NOT_FOUND', 'The conversation was not found.'))
    live.handle({ type: 'conversation.hidden', seq: 20, at: '', conversationId: 'c1', by: 'a_n' }, 0)
    await live.settle()
    expect(inbox.lists.a_n).toEqual([])
    const lists = node.callsTo('GET', '/accounts/a_n/conversations').length
    live.handle({ type: 'block.added', seq: 21, at: '', from: 'a_n', to: 'x1' }, 0)
    await live.settle()
    // One first page per folder.
    expect(node.callsTo('GET', '/accounts/a_n/conversations')).toHaveLength(lists + 2)
  })

  it('R16: no toast for a muted conversation, though unread still counts', async () => {
    const { live, ui, inbox } = await world({ muted: true, mutedUntil: null })
    live.handle(arrival(), 0)
    await live.settle()
    expect(ui.toasts).toEqual([])
    expect(inbox.unreadOf('a_n')).toBe(1)
  })

  it('no toast when the account turned notifications off', async () => {
    const { live, ui } = await world({}, settings({ notifications: { enabled: false, showPreview: true, countInBadge: true, quietHours: null } }))
    live.handle(arrival(), 0)
    await live.settle()
    expect(ui.toasts).toEqual([])
  })

  it('in Electron, notifies through the preload instead of a toast', async () => {
    const notify = vi.fn()
    ;(window as { envelope?: unknown }).envelope = { notify, setBadge: vi.fn(), getConfig: vi.fn() }
    const { live, ui } = await world()
    live.handle(arrival(), 0)
    await live.settle()
    expect(notify).toHaveBeenCalledWith({ title: 'Ava', body: 'New here!', silent: false })
    expect(ui.toasts).toEqual([])
  })

  it('no notification for a message this window sent (both sides may be signed in here)', async () => {
    const { node, live, ui } = await world()
    node.on('POST', '/accounts/:a/messages', { message: message('m1', 'x1', 'New here!', '2025-06-01T10:00:00.000Z'), conversationId: 'c1', delivery: 'direct' })
    await useThreadStore().send('x1', 'a_n', 'New here!')
    live.handle(arrival(), 0)
    await live.settle()
    expect(ui.toasts).toEqual([])
  })

  it('message.verdict marks the message failed with the remote node’s reason', async () => {
    const { live } = await world()
    const thread = useThreadStore()
    live.handle(
      { type: 'message.verdict', seq: 9, at: '', messageId: 'm5', conversationId: 'c1', refused: { code: 'BLOCKED', message: 'You cannot message this account.' } },
      0,
    )
    await live.settle()
    expect(thread.verdicts).toEqual({ m5: 'You cannot message this account.' })
  })
})
