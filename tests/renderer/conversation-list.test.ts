// Inbox keyboard navigation (docs/PRODUCT.md 2): arrow keys move the highlight, Enter opens; the
// unified inbox labels each row with its account; empty folders say what to do.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import ConversationList from '../../renderer/src/components/ConversationList.vue'
import { ALL, useAccountsStore } from '../../renderer/src/stores/accounts'
import { useInboxStore } from '../../renderer/src/stores/inbox'
import { useUiStore } from '../../renderer/src/stores/ui'
import { FakeNode, account, connect, conversation, settings, settle } from './support/fakeNode'

// happy-dom lays nothing out: give every element a window-sized box so the virtualiser renders.
beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600)
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(340)
})
afterEach(() => vi.restoreAllMocks())

async function world() {
  const node = new FakeNode()
    .on('GET', '/accounts', { accounts: [account('a_n', 'north'), account('a_l', 'lena')] })
    .on('GET', '/accounts/:id/settings', { settings: settings() })
    .on('GET', '/accounts/a_n/conversations', {
      conversations: [
        conversation('c1', 'x1', 'ava', { lastActivityAt: '2025-06-01T12:00:00.000Z' }),
        conversation('c2', 'x2', 'noah', { lastActivityAt: '2025-06-01T11:00:00.000Z', muted: true, mutedUntil: null }),
      ],
    })
    .on('GET', '/accounts/a_l/conversations', { conversations: [conversation('c3', 'x3', 'mia', { lastActivityAt: '2025-06-01T10:00:00.000Z' })] })
  connect(node)
  await useAccountsStore().load()
  await useInboxStore().refreshAll()
  const wrapper = mount(ConversationList, { attachTo: document.body })
  await settle()
  return wrapper
}

describe('ConversationList', () => {
  it('moves with the arrow keys and opens with Enter', async () => {
    const w = await world()
    useAccountsStore().select(ALL)
    await settle()
    const list = w.get('[data-testid="conversation-list"]')
    expect(list.attributes('aria-activedescendant')).toBe('conv-option-0')
    await list.trigger('keydown', { key: 'ArrowDown' })
    await list.trigger('keydown', { key: 'ArrowDown' })
    await list.trigger('keydown', { key: 'ArrowUp' })
    expect(list.attributes('aria-activedescendant')).toBe('conv-option-1')
    await list.trigger('keydown', { key: 'Enter' })
    expect(useInboxStore().selectedKey).toBe('a_n:c2')
    expect(useUiStore().view).toBe('conversation')
    await list.trigger('keydown', { key: 'End' })
    await list.trigger('keydown', { key: 'Enter' })
    expect(useInboxStore().selectedKey).toBe('a_l:c3')
    w.unmount()
  })

  it('labels each row with its account in "All accounts", and shows the muted icon', async () => {
    const w = await world()
    const rows = w.findAll('[data-testid="conversation-row"]')
    expect(rows.map((r) => [r.attributes('data-with'), r.get('[data-testid="row-account"]').text()])).toEqual([
      ['ava', '@north'],
      ['noah', '@north'],
      ['mia', '@lena'],
    ])
    expect(rows[1].find('[data-testid="muted-icon"]').exists()).toBe(true)
    expect(rows[0].find('[data-testid="muted-icon"]').exists()).toBe(false)
    w.unmount()
  })

  it('opens the context menu with the keyboard, offering mute durations and block', async () => {
    const w = await world()
    await w.get('[data-testid="conversation-list"]').trigger('keydown', { key: 'F10', shiftKey: true })
    const menu = useUiStore().menu
    expect(menu?.items.map((i) => i.id)).toEqual(['mute-1h', 'mute-8h', 'mute-24h', 'mute-forever', 'profile', 'block', 'delete-conversation'])
    w.unmount()
  })

  it('an empty Requests folder says what it is for', async () => {
    const w = await world()
    useInboxStore().setFolder('requests')
    await settle()
    expect(w.get('[data-testid="conversation-list-empty"]').text()).toContain('No message requests')
    w.unmount()
  })
})
