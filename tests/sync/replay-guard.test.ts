// The replay guard of peer requests (main/sync/replay-guard.ts) on a hand-moved clock: the
// skew window, one admission per nonce, and the bounded memory whose floor keeps forgotten
// nonces refused; and across a restart, the start floor and the nonces kept on disk.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AHEAD_NONCES_FILE, ReplayGuard } from '../../main/sync/replay-guard'

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

describe('ReplayGuard across a restart (ReplayGuard.open on a data folder)', () => {
  const NOW = 1_000_000_000
  async function folder() {
    return mkdtemp(join(tmpdir(), 'envelope-replay-'))
  }

  it('refuses anything stamped at or before the start, admits what is stamped after it', async () => {
    const dir = await folder()
    const clock = { now: NOW }
    const g = ReplayGuard.open(dir, () => clock.now)
    clock.now += 1000
    const cases: [string, number, 'fresh' | 'replayed'][] = [
      ['a minute before the start', NOW - 60_000, 'replayed'],
      ['at the start', NOW, 'replayed'],
      ['after the start', NOW + 1, 'fresh'],
      ['ahead of the clock', clock.now + 60_000, 'fresh'],
    ]
    for (const [name, stamp, verdict] of cases) {
      expect(g.admit('n_a', String(stamp), `nonce-${name.replace(/\W/g, '')}-000`), name).toBe(verdict)
    }
    await rm(dir, { recursive: true, force: true })
  })

  it('keeps on disk only the nonces stamped ahead of the clock, and refuses them after a restart while still ahead', async () => {
    const dir = await folder()
    const clock = { now: NOW }
    const g = ReplayGuard.open(dir, () => clock.now)
    clock.now += 10
    expect(g.admit('n_a', String(clock.now - 5), 'nonce-in-time-00001')).toBe('fresh')
    expect(g.admit('n_a', String(clock.now + 120_000), 'nonce-ahead-000001')).toBe('fresh')
    expect(g.admit('n_b', String(clock.now + 1_000), 'nonce-ahead-000002')).toBe('fresh')
    const file = join(dir, AHEAD_NONCES_FILE)
    expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(2)

    // Restarted 5 s later: the 2-minute one is still ahead of the clock, the 1-second one is not
    // (the start floor covers it), and the in-time one was never written.
    clock.now += 5_000
    const after = ReplayGuard.open(dir, () => clock.now)
    clock.now += 1
    expect(after.admit('n_a', String(NOW + 10 + 120_000), 'nonce-ahead-000001')).toBe('replayed')
    expect(after.admit('n_b', String(NOW + 10 + 1_000), 'nonce-ahead-000002')).toBe('replayed')
    expect(after.admit('n_a', String(NOW + 5), 'nonce-in-time-00001')).toBe('replayed')
    expect((await readFile(file, 'utf8')).trim().split('\n')).toEqual([`${NOW + 10 + 120_000} n_a nonce-ahead-000001`])
    await rm(dir, { recursive: true, force: true })
  })

  it('reads past a torn last line (a crash in the middle of an append)', async () => {
    const dir = await folder()
    await writeFile(join(dir, AHEAD_NONCES_FILE), `${NOW + 60_000} n_a nonce-kept-0000001\n${NOW + 60_000} n_a nonce-to`)
    const g = ReplayGuard.open(dir, () => NOW)
    expect(g.admit('n_a', String(NOW + 60_000), 'nonce-kept-0000001')).toBe('replayed')
    // The torn nonce is too short to be one: dropped, and the file rewritten without it.
    expect(g.size).toBe(1)
    expect(await readFile(join(dir, AHEAD_NONCES_FILE), 'utf8')).toBe(`${NOW + 60_000} n_a nonce-kept-0000001\n`)
    await rm(dir, { recursive: true, force: true })
  })
})
