// Business inbox components (R5): the counters at TikTok's limits, the saved-reply list driven
// from the compose box's keys, and the live preview of what a new contact sees.
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import type { SavedReply } from '@shared/business/types'
import BusinessPreview from '../../renderer/src/components/BusinessPreview.vue'
import CountedField from '../../renderer/src/components/CountedField.vue'
import SavedReplyPicker from '../../renderer/src/components/SavedReplyPicker.vue'

const reply = (id: string, title: string, text: string): SavedReply => ({ id, title, text, createdAt: '', updatedAt: '' })
const REPLIES = [reply('r1', 'rates', 'Our rates are {topic}.'), reply('r2', 'address', 'We are at 1 Main St.'), reply('r3', 'thanks', 'Thank you, {displayName}!')]

describe('CountedField', () => {
  it('R5 counts like the node (code points, trimmed) and says when the limit is passed', async () => {
    const w = mount(CountedField, { props: { label: 'Welcome message', max: 5, modelValue: ' 🙂🙂🙂 ', testid: 'f' } })
    expect(w.get('[data-testid="f-count"]').text()).toBe('3 / 5')
    expect(w.find('[role="alert"]').exists()).toBe(false)
    await w.setProps({ modelValue: '123456' })
    expect(w.get('[data-testid="f-count"]').text()).toBe('6 / 5')
    expect(w.get('[role="alert"]').text()).toBe('Welcome message is 6 characters long; the limit is 5.')
    expect(w.get('[data-testid="f"]').attributes('aria-invalid')).toBe('true')
    // The label names the field, so its accessible name contains the visible text.
    expect(w.get('label').attributes('for')).toBe(w.get('[data-testid="f"]').attributes('id'))
  })
})

describe('SavedReplyPicker', () => {
  function picker(query = '') {
    return mount(SavedReplyPicker, { props: { replies: REPLIES, query, listId: 'list' } })
  }
  const key = (k: string, shiftKey = false) => new KeyboardEvent('keydown', { key: k, shiftKey })

  it('searches titles and texts with the words after "/"', () => {
    expect(
      picker('ad')
        .findAll('[role="option"]')
        .map((o) => o.find('strong').text()),
    ).toEqual(['address'])
    expect(
      picker('thank')
        .findAll('[role="option"]')
        .map((o) => o.find('strong').text()),
    ).toEqual(['thanks'])
    expect(picker('').findAll('[role="option"]')).toHaveLength(3)
  })

  it('moves with the arrows (wrapping), inserts on Enter, closes on Escape', async () => {
    const w = picker()
    const vm = w.vm as unknown as { onKey: (e: KeyboardEvent) => boolean; activeId: string | undefined }
    expect(vm.activeId).toBe('list-0')
    expect(vm.onKey(key('ArrowUp'))).toBe(true)
    await w.vm.$nextTick()
    expect(vm.activeId).toBe('list-2')
    expect(w.findAll('[role="option"]')[2].attributes('aria-selected')).toBe('true')
    expect(vm.onKey(key('ArrowDown'))).toBe(true)
    expect(vm.onKey(key('Enter'))).toBe(true)
    expect(w.emitted('choose')).toEqual([[REPLIES[0]]])
    expect(vm.onKey(key('a'))).toBe(false)
    expect(vm.onKey(key('Escape'))).toBe(true)
    expect(w.emitted('close')).toHaveLength(1)
  })

  it('with nothing matching, says so and keeps Enter from sending the "/" text', () => {
    const w = picker('zzz')
    expect(w.text()).toContain('No saved reply matches “zzz”.')
    const vm = w.vm as unknown as { onKey: (e: KeyboardEvent) => boolean }
    expect(vm.onKey(key('Enter'))).toBe(true)
    expect(vm.onKey(key('Enter', true))).toBe(false)
  })
})

describe('BusinessPreview', () => {
  it('R5 shows the welcome as automatic and the questions as a new contact sees them', () => {
    const w = mount(BusinessPreview, {
      props: {
        businessName: 'Acme',
        active: false,
        tools: {
          welcome: ' Hello! ',
          suggestedQuestions: [
            { question: 'Hours?', answer: '9-5' },
            { question: ' ', answer: '' },
          ],
          keywordReplies: [],
        },
      },
    })
    expect(w.get('[data-testid="preview-welcome"]').text()).toBe('Hello!')
    expect(w.text()).toContain('Automatic welcome message')
    expect(w.findAll('[data-testid="preview-question"]').map((q) => q.text())).toEqual(['Hours?'])
    expect(w.text()).toContain('Nothing is sent while the tools are off')
  })
})
