// Compose (docs/PRODUCT.md 3, R14): Enter sends, Shift+Enter does not, the counter appears near the
// 2,000-character limit and counts like the node (code points after trimming).
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ComposeBox from '../../renderer/src/components/ComposeBox.vue'
import { COUNTER_FROM, MESSAGE_LIMIT, composeLength } from '../../renderer/src/lib/compose'

function box(text = '', props: Record<string, unknown> = {}) {
  return mount(ComposeBox, { props: { modelValue: text, ...props } })
}

describe('ComposeBox', () => {
  it('sends the trimmed text on Enter', async () => {
    const w = box('  hello there  ')
    await w.get('[data-testid="compose-input"]').trigger('keydown', { key: 'Enter' })
    expect(w.emitted('send')).toEqual([['hello there']])
  })

  it('does not send on Shift+Enter (the textarea keeps its new line)', async () => {
    const w = box('first line')
    const input = w.get('[data-testid="compose-input"]').element
    const shiftEnter = new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, cancelable: true })
    input.dispatchEvent(shiftEnter)
    expect(shiftEnter.defaultPrevented).toBe(false)
    expect(w.emitted('send')).toBeUndefined()
    const enter = new KeyboardEvent('keydown', { key: 'Enter', cancelable: true })
    input.dispatchEvent(enter)
    expect(enter.defaultPrevented).toBe(true)
    expect(w.emitted('send')).toEqual([['first line']])
  })

  it('keeps the inner new lines of a Shift+Enter message when it is sent', async () => {
    const w = box('line one\nline two\n')
    await w.get('[data-testid="compose-input"]').trigger('keydown', { key: 'Enter' })
    expect(w.emitted('send')).toEqual([['line one\nline two']])
  })

  it('does not send while an input method is composing', async () => {
    const w = box('ni')
    await w.get('[data-testid="compose-input"]').trigger('keydown', { key: 'Enter', isComposing: true })
    expect(w.emitted('send')).toBeUndefined()
  })

  it('does not send an empty or blank message, and the send button is disabled', async () => {
    const w = box('   \n ')
    await w.get('[data-testid="compose-input"]').trigger('keydown', { key: 'Enter' })
    expect(w.emitted('send')).toBeUndefined()
    expect(w.get('[data-testid="compose-send"]').attributes('disabled')).toBeDefined()
  })

  it('R14: hides the counter well below the limit and shows it from 90 % on', async () => {
    expect(
      box('a'.repeat(COUNTER_FROM - 1))
        .find('[data-testid="compose-counter"]')
        .exists(),
    ).toBe(false)
    const near = box('a'.repeat(COUNTER_FROM))
    expect(near.get('[data-testid="compose-counter"]').text()).toBe(`${COUNTER_FROM} / ${MESSAGE_LIMIT}`)
    expect(near.get('[data-testid="compose-send"]').attributes('disabled')).toBeUndefined()
  })

  it('R14: over 2,000 characters the counter turns red, the reason shows and nothing is sent', async () => {
    const w = box('b'.repeat(MESSAGE_LIMIT + 1))
    expect(w.get('[data-testid="compose-counter"]').classes()).toContain('over')
    expect(w.text()).toContain(`the limit is ${MESSAGE_LIMIT}`)
    expect(w.get('[data-testid="compose-send"]').attributes('disabled')).toBeDefined()
    await w.get('[data-testid="compose-input"]').trigger('keydown', { key: 'Enter' })
    expect(w.emitted('send')).toBeUndefined()
  })

  it('R14: counts an emoji as one character and a CRLF as one new line, like the node', () => {
    expect(composeLength('👋')).toBe(1)
    expect(composeLength(' a\r\nb ')).toBe(3)
    const w = box('😀'.repeat(MESSAGE_LIMIT))
    expect(w.get('[data-testid="compose-counter"]').text()).toBe(`${MESSAGE_LIMIT} / ${MESSAGE_LIMIT}`)
    expect(w.get('[data-testid="compose-send"]').attributes('disabled')).toBeUndefined()
  })

  it('shows the reason when sending is not possible and disables the input', () => {
    const w = box('', { disabled: true, disabledReason: 'You cannot message this account.' })
    expect(w.get('[data-testid="compose-disabled-reason"]').text()).toBe('You cannot message this account.')
    expect(w.get('[data-testid="compose-input"]').attributes('disabled')).toBeDefined()
  })

  it('refuses a lone carriage return with the rule sentence instead of sending', async () => {
    const w = box('a\rb')
    await w.get('[data-testid="compose-input"]').trigger('keydown', { key: 'Enter' })
    expect(w.emitted('send')).toBeUndefined()
    expect(w.get('[data-testid="compose-problem"]').text()).toContain('carriage return')
  })
})
