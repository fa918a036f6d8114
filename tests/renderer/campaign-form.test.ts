// The campaign form's follow-ups (docs/API.md "Outreach"): as many steps as the API takes (5),
// added and removed by keyboard with focus kept on the form, each sent with its own days and
// template; Start waits until every step has a template.
import { afterEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import { MAX_FOLLOW_UPS } from '@shared/outreach/schemas'
import CampaignForm from '../../renderer/src/components/CampaignForm.vue'
import { useAccountsStore } from '../../renderer/src/stores/accounts'
import { useOutreachStore } from '../../renderer/src/stores/outreach'
import { FakeNode, account, connect, settings, settle } from './support/fakeNode'

const mounted: VueWrapper[] = []
afterEach(() => {
  while (mounted.length) {
    mounted.pop()!.unmount()
  }
})

const AT = '2026-01-01T00:00:00.000Z'

async function form() {
  const node = new FakeNode()
    .on('GET', '/accounts', { accounts: [account('a1', 'acme')] })
    .on('GET', '/accounts/:id/settings', { settings: settings() })
    .on('POST', '/templates/:id/preview', { previews: [] })
    .on('GET', '/campaigns', { campaigns: [] })
    .on('POST', '/campaigns', { campaign: { id: 'c1' } })
  connect(node)
  const accounts = useAccountsStore()
  await accounts.load()
  accounts.select('a1')
  const outreach = useOutreachStore()
  outreach.lists = [{ id: 'l1', name: 'Runners', members: ['a9'], createdAt: AT, updatedAt: AT }]
  outreach.templates = ['First', 'Nudge', 'Last call'].map((name, i) => ({ id: `t${i + 1}`, name, text: `${name} {displayName}`, createdAt: AT }))
  const wrapper = mount(CampaignForm, { attachTo: document.body })
  mounted.push(wrapper)
  await wrapper.get('[data-testid="campaign-list"]').setValue('l1')
  await wrapper.get('[data-testid="template-select"]').setValue('t1')
  const followUp = wrapper.findAll('label.check').find((l) => l.text().startsWith('Follow up with creators'))!
  await followUp.get('input').setValue(true)
  await settle()
  return { node, wrapper }
}

const steps = (w: VueWrapper) => w.findAll('[data-testid="campaign-follow-up"]')

describe('campaign form follow-ups', () => {
  it('adds steps up to the API limit, each labelled with its number, focus on the new step', async () => {
    const { wrapper } = await form()
    expect(steps(wrapper)).toHaveLength(1)
    for (let n = 2; n <= MAX_FOLLOW_UPS; n++) {
      await wrapper.get('[data-testid="follow-up-add"]').trigger('click')
      await settle()
      expect(steps(wrapper)).toHaveLength(n)
      expect(document.activeElement).toBe(steps(wrapper)[n - 1].get('[data-testid="follow-up-days"]').element)
    }
    expect(wrapper.find('[data-testid="follow-up-add"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="campaign-follow-ups"]').text()).toContain(`${MAX_FOLLOW_UPS} follow-ups at most.`)
    // Accessible names contain the visible text and say which step they belong to.
    expect(steps(wrapper)[2].get('label').text()).toBe('Follow-up 3: days after the previous message')
    expect(steps(wrapper)[2].get('[data-testid="follow-up-remove"]').text()).toBe('Remove follow-up 3')
  })

  it('sends every step with its own days and template; Start waits for each template', async () => {
    const { wrapper, node } = await form()
    const start = wrapper.get('[data-testid="campaign-start"]')
    expect(start.attributes('disabled')).toBeDefined()
    await steps(wrapper)[0].get('[data-testid="follow-up-template"]').setValue('t2')
    await wrapper.get('[data-testid="follow-up-add"]').trigger('click')
    await settle()
    await steps(wrapper)[1].get('[data-testid="follow-up-days"]').setValue('5')
    await steps(wrapper)[1].get('[data-testid="follow-up-template"]').setValue('t3')
    expect(start.attributes('disabled')).toBeUndefined()
    await wrapper.get('[data-testid="campaign-form"]').trigger('submit')
    await settle()
    const body = node.callsTo('POST', '/campaigns')[0].body as { followUps: unknown }
    expect(body.followUps).toEqual([
      { afterDays: 3, templateId: 't2' },
      { afterDays: 5, templateId: 't3' },
    ])
    expect(wrapper.emitted('created')).toEqual([['c1']])
  })

  it('removes a step and keeps focus on the form; removing the last one turns follow-ups off', async () => {
    const { wrapper, node } = await form()
    await wrapper.get('[data-testid="follow-up-add"]').trigger('click')
    await settle()
    await steps(wrapper)[1].get('[data-testid="follow-up-remove"]').trigger('click')
    await settle()
    expect(steps(wrapper)).toHaveLength(1)
    expect(document.activeElement).toBe(steps(wrapper)[0].get('[data-testid="follow-up-days"]').element)
    await steps(wrapper)[0].get('[data-testid="follow-up-remove"]').trigger('click')
    await settle()
    expect(wrapper.find('[data-testid="campaign-follow-ups"]').exists()).toBe(false)
    await wrapper.get('[data-testid="campaign-form"]').trigger('submit')
    await settle()
    expect((node.callsTo('POST', '/campaigns')[0].body as { followUps?: unknown }).followUps).toBeUndefined()
  })
})
