// Create account (docs/PRODUCT.md 1, R1): per-field messages come from the shared schema, a taken
// handle shows the node's sentence beside the handle, a valid form creates and selects.
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import CreateAccountDialog from '../../renderer/src/components/CreateAccountDialog.vue'
import { checkAccountForm, emptyAccountForm } from '../../renderer/src/lib/accountForm'
import { useAccountsStore } from '../../renderer/src/stores/accounts'
import { FakeNode, account, connect, refusal, settings, settle } from './support/fakeNode'

function dialog() {
  const node = new FakeNode()
    .on('GET', '/accounts', { accounts: [] })
    .on('GET', '/accounts/:id/settings', { settings: settings() })
    .on('GET', '/accounts/:id/conversations', { conversations: [] })
  connect(node)
  return { node, wrapper: mount(CreateAccountDialog) }
}

const err = (w: ReturnType<typeof dialog>['wrapper'], field: string) => w.find(`[data-testid="ca-error-${field}"]`)

describe('create-account form', () => {
  it('R1: an empty form shows one message per field, in words, and sends nothing', async () => {
    const { wrapper, node } = dialog()
    await wrapper.get('form').trigger('submit')
    expect(err(wrapper, 'handle').text()).toBe('A handle is 2 to 24 characters long.')
    expect(err(wrapper, 'displayName').text()).toBe('A display name is required.')
    expect(err(wrapper, 'birthDate').text()).toBe('A birth date is a real date written YYYY-MM-DD.')
    expect(err(wrapper, 'phone').exists()).toBe(false)
    expect(node.callsTo('POST', '/accounts')).toHaveLength(0)
    expect(wrapper.get('[data-testid="ca-handle"]').attributes('aria-invalid')).toBe('true')
  })

  it('R1: rejects a handle with other characters and a phone that is not E.164', async () => {
    const { wrapper } = dialog()
    await wrapper.get('[data-testid="ca-handle"]').setValue('Maya Chen!')
    await wrapper.get('[data-testid="ca-phone"]').setValue('0151 234')
    await wrapper.get('form').trigger('submit')
    expect(err(wrapper, 'handle').text()).toBe('A handle may use only letters a-z, digits, dots and underscores.')
    expect(err(wrapper, 'phone').text()).toBe('A phone number is in international format, e.g. +14155550123.')
  })

  it('messages clear as the person fixes the field', async () => {
    const { wrapper } = dialog()
    await wrapper.get('form').trigger('submit')
    expect(err(wrapper, 'displayName').exists()).toBe(true)
    await wrapper.get('[data-testid="ca-display-name"]').setValue('Maya')
    await wrapper.get('form').trigger('input')
    expect(err(wrapper, 'displayName').exists()).toBe(false)
  })

  it('R1: a taken handle shows the node sentence beside the handle field', async () => {
    const { wrapper, node } = dialog()
    node.on('POST', '/accounts', refusal(409, 'HANDLE_TAKEN', 'The handle @maya is taken.', { field: 'handle' }))
    await fill(wrapper)
    await wrapper.get('form').trigger('submit')
    await settle()
    expect(err(wrapper, 'handle').text()).toBe('The handle @maya is taken.')
    expect(wrapper.emitted('close')).toBeUndefined()
  })

  it('creates the account with the normalised body, selects it and closes', async () => {
    const { wrapper, node } = dialog()
    const maya = account('a_maya', 'maya')
    node.on('POST', '/accounts', { account: maya })
    node.on('GET', '/accounts', { accounts: [maya] })
    await fill(wrapper)
    await wrapper.get('form').trigger('submit')
    await settle()
    expect(node.callsTo('POST', '/accounts')[0].body).toEqual({
      handle: 'maya',
      displayName: 'Maya',
      birthDate: '1995-03-02',
      phone: '+14155550123',
      region: 'US',
      kind: 'business',
    })
    expect(useAccountsStore().scope).toBe('a_maya')
    expect(wrapper.emitted('close')).toHaveLength(1)
  })

  it('leaves an empty phone out of the body', () => {
    const r = checkAccountForm({ ...emptyAccountForm(), handle: 'ok.name', displayName: 'Ok', birthDate: '2000-01-01' })
    expect(r.ok && 'phone' in r.body).toBe(false)
  })
})

async function fill(wrapper: ReturnType<typeof dialog>['wrapper']) {
  await wrapper.get('[data-testid="ca-handle"]').setValue('@maya')
  await wrapper.get('[data-testid="ca-display-name"]').setValue('Maya')
  await wrapper.get('[data-testid="ca-birth-date"]').setValue('1995-03-02')
  await wrapper.get('[data-testid="ca-phone"]').setValue('+14155550123')
  await wrapper.get('[data-testid="ca-kind-business"]').setValue(true)
}
