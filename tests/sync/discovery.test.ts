// LAN discovery: two nodes bound to LAN-visible addresses find each other over mDNS
// (`_envelope._tcp`) and pair from the nearby list with the other's code; a loopback-only
// node never announces. The LAN is a veth pair inside a network namespace made for the test
// (tests/sync/discovery-probe.mjs), so no packet leaves this machine.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { assertBuilt, cluster, ENTRY, ROOT } from './harness'
import type { TestNode } from './harness'

/** Why this machine cannot host the namespaced LAN, or null when it can. */
function noNamespaceReason(): string | null {
  if (process.platform !== 'linux') {
    return 'network namespaces (the private test LAN) exist on Linux only'
  }
  const probe = spawnSync('unshare', ['--net', 'ip', 'link', 'add', 'envlt0', 'type', 'veth', 'peer', 'name', 'envlt1'], { encoding: 'utf8' })
  if (probe.error) {
    return `unshare/ip are not available (${probe.error.message})`
  }
  if (probe.status !== 0) {
    return `cannot make a private network namespace with a veth pair for multicast: ${probe.stderr.trim() || `exit ${probe.status}`}`
  }
  return null
}

const reason = noNamespaceReason()
if (reason) {
  console.warn(`LAN discovery test skipped: ${reason}`)
}

describe('LAN discovery', { timeout: 90_000 }, () => {
  test.skipIf(reason !== null)('two nodes on a LAN address find each other and pair from the nearby list', () => {
    assertBuilt()
    const run = spawnSync('unshare', ['--net', process.execPath, join(ROOT, 'tests/sync/discovery-probe.mjs'), ENTRY], { encoding: 'utf8', timeout: 80_000 })
    const last = run.stdout.trim().split('\n').pop() ?? ''
    const result = JSON.parse(last || '{}')
    expect(result.error, run.stderr).toBeUndefined()
    const { a, b } = result.nodes
    expect(result.seenByA.discovering).toBe(true)
    expect(result.seenByA.nearby).toEqual([expect.objectContaining({ nodeId: b.nodeId, name: 'disc-b', url: b.url, paired: false })])
    expect(result.seenByB.nearby).toEqual([expect.objectContaining({ nodeId: a.nodeId, name: 'disc-a', url: a.url, paired: false })])
    expect(result.seenByA.nearby[0].fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)
    expect(result.pair.status).toBe(201)
    expect(result.afterPairing.nearby).toEqual([expect.objectContaining({ nodeId: b.nodeId, paired: true })])
  })

  describe('a loopback-only node', () => {
    const c = cluster()
    let node: TestNode
    beforeAll(async () => {
      assertBuilt()
      node = await c.node('loop')
    })
    afterAll(() => c.cleanup())
    test('neither announces nor looks for others', async () => {
      expect(await node.client.nearby()).toEqual({ discovering: false, nearby: [] })
    })
  })
})
