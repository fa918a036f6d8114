// The Network pane's LAN switch (issue 15, desktop part): off by default with a plain warning;
// in the desktop app it asks the shell to move the node and shows the result; in a browser it
// is disabled and says why.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import type { PeerInfo } from '@shared/api/contract'
import type { EnvelopeBridge, LanResult } from '@shared/ipc'
import NetworkPane from '../../renderer/src/panes/NetworkPane.vue'
import { FakeNode, connect, settle } from './support/fakeNode'

const FP = 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89'
const mounted: VueWrapper[] = []
afterEach(() => {
  while (mounted.length) {
    mounted.pop()!.unmount()
  }
  delete window.envelope
})

/** A node that answers /peers with `self`, which the test (as the shell) can move. */
async function pane(self: PeerInfo) {
  const state = { self }
  connect(new FakeNode().on('GET', '/peers', () => ({ self: state.self, peers: [] })))
  const wrapper = mount(NetworkPane, { attachTo: document.body })
  mounted.push(wrapper)
  await settle()
  return { wrapper, state }
}

const loopbackSelf: PeerInfo = { nodeId: 'n_self', name: 'Desk', url: 'http://127.0.0.1:4870', peerUrl: 'https://127.0.0.1:4871', fingerprint: FP, lan: false }
const lanSelf: PeerInfo = { ...loopbackSelf, url: 'http://192.168.1.20:4870', peerUrl: 'https://192.168.1.20:4871', lan: true }

function bridge(setLan: (on: boolean) => Promise<LanResult>): EnvelopeBridge {
  return { getConfig: vi.fn(), notify: vi.fn(), setBadge: vi.fn(), setLan: vi.fn(setLan) }
}

describe('LAN setting', () => {
  it('in a browser, is off, disabled, and says why', async () => {
    const { wrapper } = await pane(loopbackSelf)
    const toggle = wrapper.get<HTMLInputElement>('[data-testid="lan-toggle"]')
    expect(toggle.element.checked).toBe(false)
    expect(toggle.element.disabled).toBe(true)
    expect(wrapper.get('[data-testid="lan-toggle-reason"]').text()).toContain('npm run serve -- --host 0.0.0.0')
    expect(wrapper.get('#lan-toggle-help').text()).toContain('only on networks you trust')
    expect(wrapper.get('[data-testid="node-reach-help"]').text()).toContain('--host 0.0.0.0')
  })

  it('in the desktop app, turns the LAN on through the shell, then shows the address and fingerprint to compare', async () => {
    let moveTo: (self: PeerInfo) => void = () => undefined
    window.envelope = bridge(async (on) => {
      moveTo(on ? lanSelf : loopbackSelf)
      return { ok: true, lan: on }
    })
    const { wrapper, state } = await pane(loopbackSelf)
    moveTo = (self) => (state.self = self)
    expect(wrapper.get('[data-testid="node-reach-help"]').text()).toContain('Reachable on this network')
    const toggle = wrapper.get<HTMLInputElement>('[data-testid="lan-toggle"]')
    expect(toggle.element.disabled).toBe(false)
    expect(wrapper.find('[data-testid="lan-toggle-reason"]').exists()).toBe(false)

    toggle.element.checked = true
    await toggle.trigger('change')
    await settle()
    expect(window.envelope!.setLan).toHaveBeenCalledWith(true)
    expect(toggle.element.checked).toBe(true)
    expect(wrapper.get('[data-testid="node-reach"]').attributes('data-reach')).toBe('lan')
    const compare = wrapper.get('[data-testid="lan-compare"]').text()
    expect(compare).toContain('http://192.168.1.20:4870')
    expect(compare).toContain(FP)
  })

  it('shows the shell’s sentence when the node could not move, and stays off', async () => {
    window.envelope = bridge(async () => ({ ok: false, lan: false, message: 'Envelope could not open this node to the LAN: address in use' }))
    const { wrapper } = await pane(loopbackSelf)
    const toggle = wrapper.get<HTMLInputElement>('[data-testid="lan-toggle"]')
    toggle.element.checked = true
    await toggle.trigger('change')
    await settle()
    expect(wrapper.get('[data-testid="lan-error"]').text()).toBe('Envelope could not open this node to the LAN: address in use')
    expect(toggle.element.checked).toBe(false)
    expect(wrapper.find('[data-testid="lan-compare"]').exists()).toBe(false)
  })
})
