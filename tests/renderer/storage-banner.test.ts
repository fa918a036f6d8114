// The storage banner: when the node's disk refuses writes (GET /health storage 'unavailable'),
// one alert above the pane says so in the node's words, and it goes once writes are taken again;
// the store asks again sooner while writes are refused.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import StorageBanner from '../../renderer/src/components/StorageBanner.vue'
import { CHECK_EVERY_MS, useStorageStore } from '../../renderer/src/stores/storage'
import { FakeNode, connect, settle } from './support/fakeNode'

const OK = { state: 'ok', since: null, message: null }
const FULL = {
  state: 'unavailable',
  since: '2026-03-10T13:00:00.000Z',
  message: 'Envelope is not saving anything now: the disk is full. Everything it acknowledged is safe; writes resume by themselves once the disk takes them again.',
}

const mounted: VueWrapper[] = []
afterEach(() => {
  while (mounted.length) {
    mounted.pop()!.unmount()
  }
  vi.useRealTimers()
})

function world() {
  const health = { storage: OK as typeof OK | typeof FULL }
  const node = new FakeNode().on('GET', '/health', () => ({ ok: true, node: { id: 'n_1', name: 'Desk' }, storage: health.storage }))
  connect(node)
  const wrapper = mount(StorageBanner, { attachTo: document.body })
  mounted.push(wrapper)
  return { node, health, wrapper, storage: useStorageStore() }
}

describe('storage banner', () => {
  it('shows nothing while the node saves, an alert with its sentence while it cannot, and nothing again after', async () => {
    const { health, wrapper, storage } = world()
    await storage.check()
    await settle()
    expect(wrapper.find('[data-testid="storage-banner"]').exists()).toBe(false)

    health.storage = FULL
    await storage.check()
    await settle()
    const banner = wrapper.get('[data-testid="storage-banner"]')
    expect(banner.attributes('role')).toBe('alert')
    expect(banner.text()).toContain(FULL.message)
    expect(banner.text()).toMatch(/Since .*2026/)

    health.storage = OK
    await storage.check()
    await settle()
    expect(wrapper.find('[data-testid="storage-banner"]').exists()).toBe(false)
  })

  it('asks every few seconds while writes are refused, less often while they are taken, and stops when told', async () => {
    vi.useFakeTimers()
    const { node, health, storage } = world()
    health.storage = FULL
    storage.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(node.callsTo('GET', '/health')).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(CHECK_EVERY_MS.unavailable)
    expect(node.callsTo('GET', '/health')).toHaveLength(2)
    health.storage = OK
    await vi.advanceTimersByTimeAsync(CHECK_EVERY_MS.unavailable)
    expect(node.callsTo('GET', '/health')).toHaveLength(3)
    expect(storage.unavailable).toBe(false)
    // Taken again: the next question waits the longer interval.
    await vi.advanceTimersByTimeAsync(CHECK_EVERY_MS.unavailable)
    expect(node.callsTo('GET', '/health')).toHaveLength(3)
    await vi.advanceTimersByTimeAsync(CHECK_EVERY_MS.ok)
    expect(node.callsTo('GET', '/health')).toHaveLength(4)
    storage.stop()
    await vi.advanceTimersByTimeAsync(CHECK_EVERY_MS.ok * 2)
    expect(node.callsTo('GET', '/health')).toHaveLength(4)
  })
})
