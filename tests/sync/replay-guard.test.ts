// The replay guard of peer requests (main/sync/replay-guard.ts) on a hand-moved clock: the
// skew window, one admission per nonce, and the bounded memory whose floor keeps forgotten
// nonces refused.
import { describe, expect, it } from 'vitest'
import { ReplayGuard } from '../../main/sync/replay-guard'

function guard(capacity = 100) {
  const clock = { now: 1_000_000 }
  return { clock, g: new ReplayGuard(60_000, capacity, () => clock.now) }
}

describe('ReplayGuard', () => {
  it('admits a nonce once, per peer', () => {
    const { g } = guard()
    expect(g.admit('n_a', '1000000', 'nonce-0000000001')).toBe('fresh')
    expect(g.admit('n_a', '1000000', 'nonce-0000000001')).toBe('replayed')
    expect(g.admit('n_b', '1000000', 'nonce-0000000001')).toBe('fresh')
  })

  it('refuses timestamps outside the window, or not a number of ms', () => {
    const { g } = guard()
    expect(g.admit('n_a', String(1_000_000 - 60_001), 'nonce-0000000001')).toBe('skewed')
    expect(g.admit('n_a', String(1_000_000 + 60_001), 'nonce-0000000002')).toBe('skewed')
    expect(g.admit('n_a', String(1_000_000 - 60_000), 'nonce-0000000003')).toBe('fresh')
    for (const bad of ['', 'abc', '1e6', '-1000000', '1000000.5', '9'.repeat(20)]) {
      expect(g.admit('n_a', bad, `nonce-${bad}-000000000`)).toBe('skewed')
    }
  })

  it('forgets nonces once their timestamp left the window (they are refused as skewed then)', () => {
    const { clock, g } = guard()
    expect(g.admit('n_a', '1000000', 'nonce-0000000001')).toBe('fresh')
    clock.now += 60_001
    expect(g.admit('n_a', String(clock.now), 'nonce-0000000002')).toBe('fresh')
    expect(g.size).toBe(1)
    expect(g.admit('n_a', '1000000', 'nonce-0000000001')).toBe('skewed')
    // Even if this clock stepped back, the forgotten nonce stays refused (the floor).
    clock.now = 1_000_000
    expect(g.admit('n_a', '1000000', 'nonce-0000000001')).toBe('replayed')
  })

  it('stays bounded when full, and a forgotten nonce is still refused', () => {
    const { clock, g } = guard(10)
    for (let i = 0; i < 25; i++) {
      clock.now += 1
      expect(g.admit('n_a', String(clock.now), `nonce-${String(i).padStart(10, '0')}`)).toBe('fresh')
      expect(g.size).toBeLessThanOrEqual(10)
    }
    // nonce 0 was forgotten for room; replaying it exactly is still refused.
    expect(g.admit('n_a', String(1_000_001), 'nonce-0000000000')).toBe('replayed')
    // A fresh request of now passes.
    expect(g.admit('n_a', String(clock.now), 'nonce-fresh-00000001')).toBe('fresh')
  })
})
