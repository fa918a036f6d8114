// Delivery states (docs/PRODUCT.md 3): sending, sent, request sent, seen (R15), failed with the
// node's reason and a Retry that sends the same client id again (R18).
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import MessageBubble from '../../renderer/src/components/MessageBubble.vue'
import { useInboxStore } from '../../renderer/src/stores/inbox'
import { deliveryState, useThreadStore } from '../../renderer/src/stores/thread'
import type { ThreadItem } from '../../renderer/src/stores/types'
import { FakeNode, Reply, connect, conversation, message, refusal, settle } from './support/fakeNode'

const me = 'a_me'
const bob = 'a_bob'

function item(state: ThreadItem['state'], error?: string): ThreadItem {
  return { key: 'k1', message: message('m1', me, 'Hi Bob', '2025-06-01T10:00:00.000Z'), mine: true, state, error, clientId: 'c1' }
}

describe('delivery state rendering', () => {
  it.each([
    ['sending', 'Sending…'],
    ['pending', 'Waiting for their node…'],
    ['sent', 'Sent'],
    ['request', 'Request sent'],
    ['seen', 'Seen'],
  ] as const)('shows %s as "%s"', (state, text) => {
    const w = mount(MessageBubble, { props: { item: item(state), showState: true } })
    expect(w.get('[data-testid="delivery-state"]').attributes('data-state')).toBe(state)
    expect(w.get('[data-testid="delivery-text"]').text()).toBe(text)
    expect(w.find('[data-testid="retry-button"]').exists()).toBe(false)
  })

  it('shows a failure with the reason and a Retry button that emits retry', async () => {
    const w = mount(MessageBubble, { props: { item: item('failed', 'Bob does not accept messages from you.'), showState: true } })
    expect(w.get('[data-testid="delivery-text"]').text()).toBe('Not sent: Bob does not accept messages from you.')
    await w.get('[data-testid="retry-button"]').trigger('click')
    expect(w.emitted('retry')).toHaveLength(1)
  })

  it('R15: a message reads "Seen" only when the node marks it seen; a pending request stays "Request sent"', () => {
    const m = message('m1', me, 'hi', '2025-06-01T10:00:00.000Z')
    expect(deliveryState({ ...m, seen: true }, 'open', undefined)).toBe('seen')
    expect(deliveryState(m, 'open', undefined)).toBe('sent')
    expect(deliveryState(m, 'request-sent', undefined)).toBe('request')
    expect(deliveryState({ ...m, seen: true }, 'open', 'Refused by their node.')).toBe('failed')
    expect(deliveryState({ ...m, delivery: 'pending' }, 'open', undefined)).toBe('pending')
    expect(deliveryState({ ...m, delivery: 'refused' }, 'open', undefined)).toBe('failed')
  })
})

describe('thread store sends', () => {
  function world() {
    const node = new FakeNode()
      .on('GET', '/accounts/:a/conversations', { conversations: [conversation('c_1', bob, 'bob')] })
      .on('GET', '/accounts/:a/conversations/:c', { conversation: conversation('c_1', bob, 'bob') })
      .on('GET', '/accounts/:a/conversations/:c/messages', { messages: [message('m0', bob, 'Hello', '2025-06-01T09:00:00.000Z')], hasMore: false })
      .on('GET', '/accounts/:a/relations/:t', {
        relation: {
          following: true,
          followedBy: true,
          blocking: false,
          blockedBy: false,
          conversationId: 'c_1',
          preview: { ok: true, delivery: 'direct' },
          previewIfFollowing: null,
        },
      })
    connect(node)
    return node
  }

  it('shows "Sending" at once, then the stored message as "Sent"', async () => {
    const node = world()
    let release: (v: unknown) => void = () => {}
    node.on(
      'POST',
      '/accounts/:a/messages',
      () =>
        new Promise(
          (r) => (release = () => r(new Reply(201, { message: message('m1', me, 'Hi Bob', '2025-06-01T10:00:00.000Z'), conversationId: 'c_1', delivery: 'direct' }))),
        ),
    )
    await useInboxStore().refresh(me)
    const thread = useThreadStore()
    await thread.open(me, 'c_1', bob)
    const sent = thread.send(me, bob, 'Hi Bob', 'c_1')
    await settle()
    expect(thread.items.map((i) => [i.message.text, i.state])).toEqual([
      ['Hello', null],
      ['Hi Bob', 'sending'],
    ])
    release(undefined)
    await sent
    expect(thread.items.map((i) => [i.message.id, i.state])).toEqual([
      ['m0', null],
      ['m1', 'sent'],
    ])
  })

  it('R18: a failed send shows the node sentence, and Retry reuses the same client id', async () => {
    const node = world()
    node.on(
      'POST',
      '/accounts/:a/messages',
      refusal(429, 'RATE_LIMITED', 'You started too many conversations in 10 minutes. Try again at 10:40.', { retryAt: '2025-06-01T10:40:00.000Z' }),
    )
    await useInboxStore().refresh(me)
    const thread = useThreadStore()
    await thread.open(me, 'c_1', bob)
    await thread.send(me, bob, 'Hi Bob', 'c_1')
    const failed = thread.items.at(-1)!
    expect(failed.state).toBe('failed')
    expect(failed.error).toBe('You started too many conversations in 10 minutes. Try again at 10:40.')

    node.on(
      'POST',
      '/accounts/:a/messages',
      new Reply(201, { message: message('m9', me, 'Hi Bob', '2025-06-01T10:41:00.000Z'), conversationId: 'c_1', delivery: 'direct' }),
    )
    await thread.retry(failed.clientId!)
    const posts = node.callsTo('POST', '/accounts/a_me/messages').map((c) => (c.body as { clientId: string }).clientId)
    expect(posts).toHaveLength(2)
    expect(posts[0]).toBe(posts[1])
    expect(thread.items.at(-1)).toMatchObject({ key: 'm9', state: 'sent' })
    expect(thread.pending).toHaveLength(0)
  })

  it('a remote refusal (message.verdict) marks a sent message failed with its reason', async () => {
    const node = world()
    node.on('GET', '/accounts/:a/conversations/:c/messages', { messages: [message('m7', me, 'Hi', '2025-06-01T09:00:00.000Z')], hasMore: false })
    await useInboxStore().refresh(me)
    const thread = useThreadStore()
    await thread.open(me, 'c_1', bob)
    expect(thread.items[0].state).toBe('sent')
    thread.applyVerdict('m7', 'Bob does not accept messages from you.')
    expect(thread.items[0]).toMatchObject({ state: 'failed', error: 'Bob does not accept messages from you.' })
  })

  it('a message the recipient’s node refused (LAN sync) shows as failed with its reason', async () => {
    const node = world()
    const refused = { code: 'RECIPIENT_NOT_ACCEPTING' as const, message: 'Bob does not accept messages from you.' }
    node.on('GET', '/accounts/:a/conversations/:c/messages', {
      messages: [message('m8', me, 'Hi', '2025-06-01T09:00:00.000Z', { delivery: 'refused', refused })],
      hasMore: false,
    })
    await useInboxStore().refresh(me)
    const thread = useThreadStore()
    await thread.open(me, 'c_1', bob)
    expect(thread.items[0]).toMatchObject({ state: 'failed', error: 'Bob does not accept messages from you.' })
  })

  it('loads older pages before the oldest message shown', async () => {
    const node = world()
    node.on('GET', '/accounts/:a/conversations/:c/messages', (c: { query: URLSearchParams }) =>
      c.query.get('before') === 'm50'
        ? { messages: [message('m49', bob, 'older', '2025-05-01T09:00:00.000Z')], hasMore: false }
        : { messages: [message('m50', bob, 'newer', '2025-06-01T09:00:00.000Z')], hasMore: true },
    )
    const thread = useThreadStore()
    await thread.open(me, 'c_1', bob)
    expect(thread.hasMore).toBe(true)
    expect(await thread.loadOlder()).toBe(1)
    expect(thread.messages.map((m) => m.id)).toEqual(['m49', 'm50'])
    expect(thread.hasMore).toBe(false)
  })
})
