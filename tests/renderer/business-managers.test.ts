// Editing what an account keeps for itself (docs/API.md "Business tools"): a label renamed and
// recoloured in place (an inbox filtered by its old name follows it), a saved reply edited in the
// add form; both by keyboard, focus back on the Edit button, Escape cancels.
import { afterEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import type { Label, SavedReply } from '@shared/business/types'
import LabelsManager from '../../renderer/src/components/LabelsManager.vue'
import SavedRepliesManager from '../../renderer/src/components/SavedRepliesManager.vue'
import { useBusinessStore } from '../../renderer/src/stores/business'
import { FakeNode, connect, refusal, settle } from './support/fakeNode'
import type { Call } from './support/fakeNode'

const mounted: VueWrapper[] = []
afterEach(() => {
  while (mounted.length) {
    mounted.pop()!.unmount()
  }
})

const AT = '2026-01-01T00:00:00.000Z'

function labelsNode() {
  const labels: Label[] = [{ id: 'l1', name: 'Lead', color: 'green', createdAt: AT }]
  const node = new FakeNode()
    .on('GET', '/accounts/a1/labels', () => ({ labels }))
    .on('GET', '/accounts/a1/conversations', { conversations: [], nextCursor: null })
    .on('PATCH', '/accounts/a1/labels/l1', (call: Call) => {
      const body = call.body as { name: string; color: Label['color'] }
      if (body.name === 'Taken') {
        return refusal(409, 'LABEL_EXISTS', 'This account already has a label named “Taken”.', { field: 'name' })
      }
      Object.assign(labels[0], body)
      return { label: labels[0] }
    })
  return node
}

describe('LabelsManager: rename a label', () => {
  it('edits name and colour in place, the filter follows, focus returns to Edit', async () => {
    const node = labelsNode()
    connect(node)
    const business = useBusinessStore()
    await business.loadLabels('a1')
    business.labelFilter = 'Lead'
    const w = mount(LabelsManager, { props: { accountId: 'a1' }, attachTo: document.body })
    mounted.push(w)
    await w.get('[data-testid="label-edit"]').trigger('click')
    await settle()
    const name = w.get('[data-testid="label-edit-name"]')
    expect(document.activeElement).toBe(name.element)
    expect((name.element as HTMLInputElement).value).toBe('Lead')
    await name.setValue('Hot lead')
    await w.get('[data-testid="label-edit-color"]').setValue('pink')
    await w.get('[data-testid="label-row"] form').trigger('submit')
    await settle()
    expect(node.callsTo('PATCH', '/accounts/a1/labels/l1').map((c) => c.body)).toEqual([{ name: 'Hot lead', color: 'pink' }])
    expect(w.get('[data-testid="label-row"] [data-testid="label-chip"]').text()).toBe('Hot lead')
    expect(business.labelFilter).toBe('Hot lead')
    expect(document.activeElement).toBe(w.get('[data-testid="label-edit"]').element)
    expect(w.get('[data-testid="label-edit"]').attributes('aria-label')).toBe('Edit the label Hot lead')
  })

  it("keeps the form open with the node's sentence on a refusal; Escape cancels", async () => {
    connect(labelsNode())
    await useBusinessStore().loadLabels('a1')
    const w = mount(LabelsManager, { props: { accountId: 'a1' }, attachTo: document.body })
    mounted.push(w)
    await w.get('[data-testid="label-edit"]').trigger('click')
    await settle()
    await w.get('[data-testid="label-edit-name"]').setValue('Taken')
    await w.get('[data-testid="label-row"] form').trigger('submit')
    await settle()
    expect(w.get('[role="alert"]').text()).toBe('This account already has a label named “Taken”.')
    expect(w.find('[data-testid="label-edit-name"]').exists()).toBe(true)
    await w.get('[data-testid="label-row"] form').trigger('keydown', { key: 'Escape' })
    await settle()
    expect(w.find('[data-testid="label-edit-name"]').exists()).toBe(false)
    expect(w.get('[data-testid="label-chip"]').text()).toBe('Lead')
    expect(document.activeElement).toBe(w.get('[data-testid="label-edit"]').element)
  })
})

describe('SavedRepliesManager: edit a saved reply', () => {
  it('fills the form with the reply, saves it with PATCH, then the form adds again', async () => {
    const replies: SavedReply[] = [{ id: 'r1', title: 'rates', text: 'Our rates are {topic}.', createdAt: AT, updatedAt: AT }]
    const node = new FakeNode()
      .on('GET', '/accounts/a1/saved-replies', () => ({ savedReplies: replies }))
      .on('PATCH', '/accounts/a1/saved-replies/r1', (call: Call) => {
        Object.assign(replies[0], call.body)
        return { savedReply: replies[0] }
      })
    connect(node)
    await useBusinessStore().loadSavedReplies('a1')
    const w = mount(SavedRepliesManager, { props: { accountId: 'a1' }, attachTo: document.body })
    mounted.push(w)
    await w.get('[data-testid="saved-reply-edit"]').trigger('click')
    await settle()
    const title = w.get('[data-testid="saved-reply-title"]')
    expect(document.activeElement).toBe(title.element)
    expect(w.get('[data-testid="saved-reply-form"]').attributes('aria-label')).toBe('Edit “rates”')
    expect((w.get('[data-testid="saved-reply-text"]').element as HTMLTextAreaElement).value).toBe('Our rates are {topic}.')
    await w.get('[data-testid="saved-reply-text"]').setValue('Our rates start at 500 USD.')
    expect(w.get('[data-testid="saved-reply-add"]').text()).toBe('Save changes')
    await w.get('[data-testid="saved-reply-form"]').trigger('submit')
    await settle()
    expect(node.callsTo('PATCH', '/accounts/a1/saved-replies/r1').map((c) => c.body)).toEqual([{ title: 'rates', text: 'Our rates start at 500 USD.' }])
    expect(node.callsTo('POST', '/accounts/a1/saved-replies')).toHaveLength(0)
    expect(w.get('[data-testid="saved-reply-row"]').text()).toContain('Our rates start at 500 USD.')
    expect(w.get('[data-testid="saved-reply-add"]').text()).toBe('Save reply')
    expect((w.get('[data-testid="saved-reply-title"]').element as HTMLInputElement).value).toBe('')
    expect(document.activeElement).toBe(w.get('[data-testid="saved-reply-edit"]').element)
  })

  it('Escape leaves editing without saving', async () => {
    const replies: SavedReply[] = [{ id: 'r1', title: 'rates', text: 'Our rates.', createdAt: AT, updatedAt: AT }]
    const node = new FakeNode().on('GET', '/accounts/a1/saved-replies', () => ({ savedReplies: replies }))
    connect(node)
    await useBusinessStore().loadSavedReplies('a1')
    const w = mount(SavedRepliesManager, { props: { accountId: 'a1' }, attachTo: document.body })
    mounted.push(w)
    await w.get('[data-testid="saved-reply-edit"]').trigger('click')
    await settle()
    await w.get('[data-testid="saved-reply-form"]').trigger('keydown', { key: 'Escape' })
    await settle()
    expect(w.find('[data-testid="saved-reply-cancel"]').exists()).toBe(false)
    expect(node.calls.filter((c) => c.method !== 'GET')).toHaveLength(0)
    expect(document.activeElement).toBe(w.get('[data-testid="saved-reply-edit"]').element)
  })
})
