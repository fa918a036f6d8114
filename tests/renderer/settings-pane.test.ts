// Privacy settings (docs/PRODUCT.md 6): options the rules forbid are shown disabled with the reason
// (R4 for 16-17 year olds, R15 for EU/EEA accounts); changes go to the node; refusals show as
// the node's sentence.
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import SettingsPane from '../../renderer/src/panes/SettingsPane.vue'
import { useAccountsStore } from '../../renderer/src/stores/accounts'
import { FakeNode, account, connect, refusal, settings, settle } from './support/fakeNode'

const year = new Date().getUTCFullYear()
const teen = account('a_teen', 'kai', { birthDate: `${year - 17}-01-01` })
const eu = account('a_eu', 'lena', { region: 'DE' })
const adult = account('a_us', 'sam')

async function paneFor(who: typeof teen, s = settings()) {
  const node = new FakeNode()
    .on('GET', '/accounts', { accounts: [who] })
    .on('GET', '/accounts/:id/settings', { settings: s })
    .on('GET', '/accounts/:id/blocks', { accounts: [] })
  connect(node)
  const accounts = useAccountsStore()
  await accounts.load()
  accounts.select(who.id)
  const wrapper = mount(SettingsPane)
  await settle()
  return { wrapper, node }
}

describe('SettingsPane', () => {
  it('R4: a 17-year-old sees "Everyone" disabled with the reason, the other options open', async () => {
    const { wrapper } = await paneFor(teen, settings({ whoCanMessageMe: 'nobody' }))
    expect(wrapper.get('[data-testid="who-option-everyone"]').attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-testid="who-reason-everyone"]').text()).toBe('Accounts under 18 cannot let everyone message them.')
    for (const v of ['followers', 'mutual', 'nobody']) {
      expect(wrapper.get(`[data-testid="who-option-${v}"]`).attributes('disabled')).toBeUndefined()
    }
    expect((wrapper.get('[data-testid="who-option-nobody"]').element as HTMLInputElement).checked).toBe(true)
  })

  it('R15: an EU account sees read receipts off and disabled, with the reason', async () => {
    const { wrapper } = await paneFor(eu, settings({ readReceipts: false }))
    const toggle = wrapper.get('[data-testid="read-receipts-toggle"]')
    expect(toggle.attributes('disabled')).toBeDefined()
    expect((toggle.element as HTMLInputElement).checked).toBe(false)
    expect(wrapper.get('[data-testid="read-receipts-toggle-reason"]').text()).toBe('Read receipts are not available for accounts in the EU/EEA.')
  })

  it('an adult outside the EU may choose every option and toggle receipts', async () => {
    const { wrapper } = await paneFor(adult)
    expect(wrapper.find('[data-testid="who-reason-everyone"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="who-option-everyone"]').attributes('disabled')).toBeUndefined()
    expect(wrapper.get('[data-testid="read-receipts-toggle"]').attributes('disabled')).toBeUndefined()
    expect(wrapper.find('[data-testid="read-receipts-toggle-reason"]').exists()).toBe(false)
  })

  it('saves a choice through the node and shows the saved state', async () => {
    const { wrapper, node } = await paneFor(adult)
    node.on('PATCH', '/accounts/:id/settings', (c: { body: unknown }) => ({ settings: { ...settings(), ...(c.body as object) } }))
    await wrapper.get('[data-testid="who-option-everyone"]').setValue(true)
    await settle()
    expect(node.callsTo('PATCH', '/accounts/a_us/settings').map((c) => c.body)).toEqual([{ whoCanMessageMe: 'everyone' }])
    expect((wrapper.get('[data-testid="who-option-everyone"]').element as HTMLInputElement).checked).toBe(true)
    expect(wrapper.get('[data-testid="settings-status"]').text()).toBe('Who can message you was saved.')
  })

  it('shows a refusal as the node sentence, never the bare code', async () => {
    const { wrapper, node } = await paneFor(adult)
    node.on('PATCH', '/accounts/:id/settings', refusal(403, 'SETTING_NOT_ALLOWED', 'This setting is not allowed for this account.'))
    await wrapper.get('[data-testid="read-receipts-toggle"]').setValue(false)
    await settle()
    const status = wrapper.get('[data-testid="settings-status"]').text()
    expect(status).toBe('This setting is not allowed for this account.')
    expect(status).not.toContain('SETTING_NOT_ALLOWED')
  })

  it('changes notification choices and lists blocked accounts with unblock', async () => {
    const blocked = account('a_x', 'spammer', { local: false })
    const { wrapper, node } = await paneFor(adult)
    node.on('PATCH', '/accounts/:id/settings', (c: { body: { notifications?: object } }) => ({
      settings: settings({ notifications: { ...settings().notifications, ...c.body.notifications } }),
    }))
    await wrapper.get('[data-testid="notify-preview"]').setValue(false)
    await settle()
    expect(node.callsTo('PATCH', '/accounts/a_us/settings').at(-1)?.body).toEqual({ notifications: { showPreview: false } })
    expect((wrapper.get('[data-testid="notify-preview"]').element as HTMLInputElement).checked).toBe(false)

    expect(wrapper.get('[data-testid="blocked-empty"]').text()).toContain('You have not blocked anyone')
    node.on('GET', '/accounts/:id/blocks', { accounts: [blocked] })
    await useAccountsStore().loadBlocked(adult.id)
    await settle()
    node.on('DELETE', '/accounts/:id/blocks/:target', { blocked: false })
    node.on('GET', '/accounts/:id/blocks', { accounts: [] })
    await wrapper.get('[data-testid="unblock-spammer"]').trigger('click')
    await settle()
    expect(node.callsTo('DELETE', '/accounts/a_us/blocks/a_x')).toHaveLength(1)
    expect(wrapper.find('[data-testid="blocked-list"]').exists()).toBe(false)
  })
})
