// The Network pane (docs/PRODUCT.md 8, docs/SYNC.md "API for the Network pane"), against a fake node:
// this node's identity and reach, peers with their live status (polled every 3 s while open),
// the one-time pairing code, pairing by address + code with the node's sentence on failure, and
// Unpair only after confirming.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { mount } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import type { PeerInfo, PeerView } from '@shared/api/contract'
import ConfirmDialog from '../../renderer/src/components/ConfirmDialog.vue'
import NetworkPane from '../../renderer/src/panes/NetworkPane.vue'
import { useNetworkStore } from '../../renderer/src/stores/network'
import { FakeNode, Reply, connect, refusal, settle } from './support/fakeNode'

const FP = 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89'
const selfInfo = (url = 'http://127.0.0.1:4870'): PeerInfo => ({ nodeId: 'n_self', name: 'Desk', url, peerUrl: 'https://127.0.0.1:4871', fingerprint: FP })

function peer(id: string, name: string, extra: Partial<PeerView> = {}): PeerView {
  return {
    id,
    name,
    url: `http://192.168.1.${id.length}:4870`,
    peerUrl: `https://192.168.1.${id.length}:4871`,
    fingerprint: FP,
    pairedAt: new Date(Date.now() - 3_600_000).toISOString(),
    online: true,
    lastSeenAt: new Date(Date.now() - 12_000).toISOString(),
    lastError: null,
    eventsBehind: 0,
    ...extra,
  }
}

const mounted: VueWrapper[] = []
afterEach(() => {
  while (mounted.length) {
    mounted.pop()!.unmount()
  }
  vi.useRealTimers()
})

/** The pane together with the app's confirm dialog, as AppShell renders them. */
async function paneWith(peers: PeerView[], self = selfInfo()) {
  const state = { peers }
  const node = new FakeNode().on('GET', '/peers', () => ({ self, peers: state.peers }))
  connect(node)
  const wrapper = mount(defineComponent({ render: () => [h(NetworkPane), h(ConfirmDialog)] }), { attachTo: document.body })
  mounted.push(wrapper)
  await settle()
  return { wrapper, node, state }
}

const rowOf = (w: VueWrapper, name: string) => w.get(`[data-testid="peer-row"][data-name="${name}"]`)
const hasRow = (w: VueWrapper, name: string) => w.find(`[data-testid="peer-row"][data-name="${name}"]`).exists()

describe('NetworkPane', () => {
  it('shows this node: name, id, address, short fingerprint, and that it is bound to loopback', async () => {
    const { wrapper } = await paneWith([])
    expect(wrapper.get('[data-testid="node-name"]').text()).toBe('Desk')
    expect(wrapper.get('[data-testid="node-id"]').text()).toBe('n_self')
    expect(wrapper.get('[data-testid="node-address"]').text()).toBe('http://127.0.0.1:4870')
    expect(wrapper.get('[data-testid="node-peer-url"]').text()).toBe('https://127.0.0.1:4871')
    expect(wrapper.get('[data-testid="node-fingerprint"]').text()).toBe('AB:CD:EF:01…67:89')
    expect(wrapper.get('[data-testid="node-fingerprint"]').attributes('title')).toBe(FP)
    expect(wrapper.get('[data-testid="node-reach"]').attributes('data-reach')).toBe('loopback')
    expect(wrapper.get('[data-testid="node-reach-help"]').text()).toContain('--host 0.0.0.0')
  })

  it('says a node advertising a LAN address is reachable on the LAN', async () => {
    const { wrapper } = await paneWith([], selfInfo('http://192.168.1.20:4870'))
    expect(wrapper.get('[data-testid="node-reach"]').attributes('data-reach')).toBe('lan')
    expect(wrapper.get('[data-testid="node-reach"]').text()).toBe('On the LAN')
  })

  it('with no peers, says what to do', async () => {
    const { wrapper } = await paneWith([])
    const empty = wrapper.get('[data-testid="peers-empty"]').text()
    expect(empty).toContain('npm run serve')
    expect(empty).toContain('open its Network pane, show its code, and pair here')
  })

  it('renders peers with their status: online or offline in words, last seen, events behind, the last error', async () => {
    const { wrapper } = await paneWith([
      peer('n_a', 'Studio'),
      peer('n_b', 'Laptop', { online: false, lastSeenAt: new Date(Date.now() - 5 * 60_000).toISOString(), eventsBehind: 42, lastError: 'The node did not answer.' }),
      peer('n_c', 'Attic', { online: false, lastSeenAt: null, eventsBehind: 1 }),
    ])
    expect(wrapper.get('[data-testid="peer-count"]').text()).toBe('3')
    const studio = rowOf(wrapper, 'Studio')
    expect(studio.attributes('data-online')).toBe('true')
    expect(studio.get('[data-testid="peer-status"]').text()).toBe('Online')
    expect(studio.get('[data-testid="peer-last-seen"]').text()).toBe('Last seen 12 s ago')
    expect(studio.get('[data-testid="peer-behind"]').text()).toBe('In sync')
    expect(studio.find('[data-testid="peer-error"]').exists()).toBe(false)

    const laptop = rowOf(wrapper, 'Laptop')
    expect(laptop.attributes('data-online')).toBe('false')
    expect(laptop.get('[data-testid="peer-status"]').text()).toBe('Offline')
    expect(laptop.get('[data-testid="peer-last-seen"]').text()).toBe('Last seen 5 min ago')
    expect(laptop.get('[data-testid="peer-behind"]').text()).toBe('42 events behind')
    expect(laptop.get('[data-testid="peer-error"]').text()).toBe('The node did not answer.')

    const attic = rowOf(wrapper, 'Attic')
    expect(attic.get('[data-testid="peer-last-seen"]').text()).toBe('Last seen never')
    expect(attic.get('[data-testid="peer-behind"]').text()).toBe('1 event behind')
    expect(attic.get('[data-testid="peer-unpair"]').attributes('aria-label')).toBe('Unpair Attic')
  })

  it('polls GET /peers every 3 s while open, shows the change, and stops when closed', async () => {
    vi.useFakeTimers()
    const state = { peers: [peer('n_a', 'Studio')] }
    const node = new FakeNode().on('GET', '/peers', () => ({ self: selfInfo(), peers: state.peers }))
    connect(node)
    const wrapper = mount(NetworkPane)
    await vi.advanceTimersByTimeAsync(0)
    expect(node.callsTo('GET', '/peers')).toHaveLength(1)
    expect(rowOf(wrapper, 'Studio').attributes('data-online')).toBe('true')

    state.peers = [peer('n_a', 'Studio', { online: false, lastError: 'Connection refused.' })]
    await vi.advanceTimersByTimeAsync(2_900)
    expect(node.callsTo('GET', '/peers')).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(200)
    expect(node.callsTo('GET', '/peers')).toHaveLength(2)
    expect(rowOf(wrapper, 'Studio').attributes('data-online')).toBe('false')
    await vi.advanceTimersByTimeAsync(3_000)
    expect(node.callsTo('GET', '/peers')).toHaveLength(3)

    wrapper.unmount()
    await vi.advanceTimersByTimeAsync(15_000)
    expect(node.callsTo('GET', '/peers')).toHaveLength(3)
  })

  it('keeps the last list and shows the sentence when a refresh fails', async () => {
    const { wrapper, node } = await paneWith([peer('n_a', 'Studio')])
    node.on('GET', '/peers', refusal(503, 'STORAGE_UNAVAILABLE', 'The data folder cannot be read.'))
    await useNetworkStore().refresh()
    await settle()
    expect(wrapper.get('[data-testid="network-problem"]').text()).toBe('The data folder cannot be read.')
    expect(hasRow(wrapper, 'Studio')).toBe(true)
  })

  it('pairing submits {url, code} (the address reduced to what the node prints) and shows the new peer', async () => {
    const { wrapper, node, state } = await paneWith([])
    node.on('POST', '/peers', (c: { body: { url: string; code: string } }) => {
      const added = peer('n_new', 'Studio', { url: c.body.url })
      state.peers = [added]
      return new Reply(201, { peer: added })
    })
    await wrapper.get('[data-testid="pair-address"]').setValue('  192.168.1.20:4870/#code=SIGNIN ')
    await wrapper.get('[data-testid="pair-code"]').setValue(' ABCDE-FGHJK ')
    await wrapper.get('[data-testid="pair-form"]').trigger('submit')
    await settle()
    expect(node.callsTo('POST', '/peers').map((c) => c.body)).toEqual([{ url: 'http://192.168.1.20:4870', code: 'ABCDE-FGHJK' }])
    expect(wrapper.get('[data-testid="pair-done"]').text()).toContain('Paired with “Studio”')
    expect(rowOf(wrapper, 'Studio').get('[data-testid="peer-url"]').text()).toBe('http://192.168.1.20:4870')
    expect((wrapper.get('[data-testid="pair-address"]').element as HTMLInputElement).value).toBe('')
    expect(wrapper.find('[data-testid="peers-empty"]').exists()).toBe(false)
  })

  it('a 400 PAIRING_FAILED shows the node sentence, never the code, and keeps what was typed', async () => {
    const { wrapper, node } = await paneWith([])
    const sentence = 'The pairing code is wrong, used or expired. Show a new code on the other node and try again.'
    node.on('POST', '/peers', refusal(400, 'PAIRING_FAILED', sentence))
    await wrapper.get('[data-testid="pair-address"]').setValue('http://192.168.1.20:4870')
    await wrapper.get('[data-testid="pair-code"]').setValue('WRONG-CODE1')
    await wrapper.get('[data-testid="pair-form"]').trigger('submit')
    await settle()
    const error = wrapper.get('[data-testid="pair-error"]')
    expect(error.text()).toBe(sentence)
    expect(error.text()).not.toContain('PAIRING_FAILED')
    expect(error.attributes('role')).toBe('alert')
    expect((wrapper.get('[data-testid="pair-code"]').element as HTMLInputElement).value).toBe('WRONG-CODE1')
    expect(wrapper.find('[data-testid="pair-done"]').exists()).toBe(false)
  })

  it('marks the field the node names, and asks for missing fields before calling it', async () => {
    const { wrapper, node } = await paneWith([])
    await wrapper.get('[data-testid="pair-form"]').trigger('submit')
    await settle()
    expect(node.callsTo('POST', '/peers')).toHaveLength(0)
    expect(wrapper.get('[data-testid="pair-address"]').attributes('aria-invalid')).toBe('true')

    node.on('POST', '/peers', refusal(400, 'INVALID_INPUT', 'The pairing code is required.', { field: 'code' }))
    await wrapper.get('[data-testid="pair-address"]').setValue('http://192.168.1.20:4870')
    await wrapper.get('[data-testid="pair-code"]').setValue('x')
    await wrapper.get('[data-testid="pair-form"]').trigger('submit')
    await settle()
    expect(wrapper.get('[data-testid="pair-code"]').attributes('aria-invalid')).toBe('true')
    expect(wrapper.get('[data-testid="pair-address"]').attributes('aria-invalid')).toBeUndefined()
    expect(wrapper.get('[data-testid="pair-error"]').text()).toBe('The pairing code is required.')
  })

  it('unpair asks for confirmation: cancel keeps the peer, confirm unpairs it', async () => {
    const { wrapper, node, state } = await paneWith([peer('n_a', 'Studio'), peer('n_bb', 'Laptop')])
    node.on('DELETE', '/peers/:id', (c: { path: string }) => {
      state.peers = state.peers.filter((p) => `/peers/${p.id}` !== c.path)
      return { unpaired: true }
    })
    await rowOf(wrapper, 'Studio').get('[data-testid="peer-unpair"]').trigger('click')
    await settle()
    const dialog = wrapper.get('[data-testid="confirm-dialog"]')
    expect(dialog.attributes('role')).toBe('alertdialog')
    expect(dialog.text()).toContain('Unpair “Studio”?')
    expect(node.callsTo('DELETE', '/peers/n_a')).toHaveLength(0)

    await wrapper.get('[data-testid="confirm-cancel"]').trigger('click')
    await settle()
    expect(wrapper.find('[data-testid="confirm-dialog"]').exists()).toBe(false)
    expect(node.calls.filter((c) => c.method === 'DELETE')).toHaveLength(0)
    expect(hasRow(wrapper, 'Studio')).toBe(true)

    await rowOf(wrapper, 'Studio').get('[data-testid="peer-unpair"]').trigger('click')
    await settle()
    await wrapper.get('[data-testid="confirm-ok"]').trigger('click')
    await settle()
    expect(node.callsTo('DELETE', '/peers/n_a')).toHaveLength(1)
    expect(hasRow(wrapper, 'Studio')).toBe(false)
    expect(hasRow(wrapper, 'Laptop')).toBe(true)
    expect(wrapper.get('[data-testid="unpair-done"]').text()).toBe('Unpaired “Studio”.')
  })

  it('shows the pairing code with its countdown, copies it, makes a new one, and notices when it was used', async () => {
    const writeText = vi.fn(async () => undefined)
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    const { wrapper, node, state } = await paneWith([])
    const expires = (ms: number) => new Date(Date.now() + ms).toISOString()
    node.on('GET', '/pairing-code', { code: 'ABCDE-FGHJK', expiresAt: expires(9 * 60_000 + 30_000) })
    node.on('POST', '/pairing-code', { code: 'KLMNP-QRSTU', expiresAt: expires(10 * 60_000) })

    await wrapper.get('[data-testid="show-pairing-code"]').trigger('click')
    await settle()
    expect(wrapper.get('[data-testid="pairing-code"]').text()).toBe('ABCDE-FGHJK')
    expect(wrapper.get('[data-testid="pairing-code-expiry"]').text()).toMatch(/^Expires in 9:(30|29)$/)

    await wrapper.get('[data-testid="copy-pairing-code"]').trigger('click')
    await settle()
    expect(writeText).toHaveBeenCalledWith('ABCDE-FGHJK')
    expect(wrapper.get('[data-testid="copy-pairing-code"]').attributes('data-state')).toBe('copied')

    await wrapper.get('[data-testid="new-pairing-code"]').trigger('click')
    await settle()
    expect(node.callsTo('POST', '/pairing-code')).toHaveLength(1)
    expect(wrapper.get('[data-testid="pairing-code"]').text()).toBe('KLMNP-QRSTU')

    // Another node pairs with it: the next poll lists it, and the spent code goes away.
    state.peers = [peer('n_a', 'Studio')]
    await useNetworkStore().refresh()
    await settle()
    expect(wrapper.find('[data-testid="pairing-code"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="pairing-code-used"]').text()).toContain('“Studio” paired with this node')
  })

  it('where the clipboard is refused, Copy selects the code so Ctrl+C works', async () => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: vi.fn(async () => Promise.reject(new Error('denied'))) }, configurable: true })
    const { wrapper, node } = await paneWith([])
    node.on('GET', '/pairing-code', { code: 'ABCDE-FGHJK', expiresAt: new Date(Date.now() + 600_000).toISOString() })
    await wrapper.get('[data-testid="show-pairing-code"]').trigger('click')
    await settle()
    await wrapper.get('[data-testid="copy-pairing-code"]').trigger('click')
    await settle()
    expect(wrapper.get('[data-testid="copy-pairing-code"]').attributes('data-state')).toBe('failed')
    expect(window.getSelection()?.toString()).toBe('ABCDE-FGHJK')
  })

  it('an expired code says so and offers a new one', async () => {
    const { wrapper, node } = await paneWith([])
    node.on('GET', '/pairing-code', { code: 'ABCDE-FGHJK', expiresAt: new Date(Date.now() - 1000).toISOString() })
    await wrapper.get('[data-testid="show-pairing-code"]').trigger('click')
    await settle()
    expect(wrapper.get('[data-testid="pairing-code-expiry"]').text()).toBe('This code has expired. Show a new one.')
    expect(wrapper.find('[data-testid="copy-pairing-code"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="new-pairing-code"]').classes()).toContain('btn-primary')
  })
})

describe('NetworkPane: the network map and nodes nearby', () => {
  it('shows every node with its links, state and lag, and which peer reaches a far node', async () => {
    const now = new Date().toISOString()
    const link = (peerId: string, name: string, online: boolean, eventsBehind = 0, lagMs = 0) => ({ peerId, name, online, eventsBehind, lagMs })
    const node = new FakeNode()
      .on('GET', '/peers', () => ({ self: selfInfo(), peers: [peer('n_b', 'Hub')] }))
      .on('GET', '/network', () => ({
        self: selfInfo(),
        nodes: [
          { nodeId: 'n_self', name: 'Desk', url: 'http://127.0.0.1:4870', reportedAt: now, links: [link('n_b', 'Hub', true, 3, 1500)] },
          { nodeId: 'n_b', name: 'Hub', url: 'http://127.0.0.1:4871', reportedAt: now, links: [link('n_self', 'Desk', true), link('n_far', 'Far', false, 2, 200)] },
          { nodeId: 'n_far', name: 'Far', url: 'http://127.0.0.1:4872', reportedAt: now, links: [link('n_b', 'Hub', false)] },
        ],
        routes: [{ nodeId: 'n_far', via: 'n_b' }],
      }))
      .on('GET', '/nearby', () => ({ discovering: false, nearby: [] }))
    connect(node)
    const wrapper = mount(NetworkPane, { attachTo: document.body })
    mounted.push(wrapper)
    await settle()
    const map = wrapper.get('[data-testid="network-map"]')
    expect(map.findAll('[data-testid="map-node"]').map((n) => n.attributes('data-name'))).toEqual(['Desk', 'Hub', 'Far'])
    expect(map.get('[data-testid="map-node"][data-name="Far"] [data-testid="map-route"]').text()).toBe('reached through Hub')
    const rows = map.findAll('[data-testid="map-node"][data-name="Desk"] [data-testid="map-link"]')
    expect(rows.map((r) => r.findAll('th, td').map((c) => c.text()))).toEqual([['Hub', 'Online', '3', '1.5 s behind']])
    expect(map.get('[data-testid="map-node"][data-name="Hub"] [data-peer="Far"]').text()).toContain('Offline')
    expect(wrapper.get('[data-testid="nearby-off"]').text()).toContain('this computer only')
  })

  it('pairs with a node nearby in one click plus the code it shows', async () => {
    const near = { nodeId: 'n_near', name: 'Studio B', url: 'http://192.168.1.30:4870', fingerprint: FP, paired: false }
    const node = new FakeNode()
      .on('GET', '/peers', () => ({ self: selfInfo('http://192.168.1.20:4870'), peers: [] }))
      .on('GET', '/nearby', () => ({ discovering: true, nearby: [near] }))
      .on('POST', '/peers', () => new Reply(201, { peer: peer('n_near', 'Studio B') }))
    connect(node)
    const wrapper = mount(NetworkPane, { attachTo: document.body })
    mounted.push(wrapper)
    await settle()
    const item = wrapper.get('[data-testid="nearby-node"][data-name="Studio B"]')
    await item.get('button').trigger('click')
    await item.get('[data-testid="nearby-code"]').setValue('abcde-fghjk')
    await item.get('form').trigger('submit')
    await settle()
    expect(node.callsTo('POST', '/peers').map((c) => c.body)).toEqual([{ url: 'http://192.168.1.30:4870', code: 'abcde-fghjk' }])
    expect(wrapper.get('[data-testid="nearby-nodes"]').text()).toContain('Paired with “Studio B”.')
  })
})
