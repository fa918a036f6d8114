// Display helpers of the Network pane: what people paste as an address, loopback or LAN, short
// fingerprints, ages and countdowns.
import { describe, expect, it } from 'vitest'
import { behindLabel, countdown, isLoopbackAddress, normalizeNodeAddress, relativeAge, shortFingerprint } from '../../renderer/src/lib/network'

describe('network display helpers', () => {
  it('reduces a pasted address to the origin the node prints, never forwarding a sign-in code', () => {
    expect(normalizeNodeAddress('http://192.168.1.20:4870')).toBe('http://192.168.1.20:4870')
    expect(normalizeNodeAddress('  http://192.168.1.20:4870/  ')).toBe('http://192.168.1.20:4870')
    expect(normalizeNodeAddress('192.168.1.20:4870')).toBe('http://192.168.1.20:4870')
    expect(normalizeNodeAddress('http://127.0.0.1:4870/#code=SECRET')).toBe('http://127.0.0.1:4870')
    expect(normalizeNodeAddress('http://[fd00::5]:4870')).toBe('http://[fd00::5]:4870')
    expect(normalizeNodeAddress('')).toBe('')
    // Not a web address: left as typed, for the node to refuse with its sentence.
    expect(normalizeNodeAddress('ftp://host')).toBe('ftp://host')
  })

  it('tells loopback addresses from LAN ones', () => {
    for (const url of ['http://127.0.0.1:4870', 'http://localhost:1', 'http://[::1]:4870', 'http://127.4.5.6:80']) {
      expect(isLoopbackAddress(url)).toBe(true)
    }
    for (const url of ['http://192.168.1.20:4870', 'http://[fd00::5]:4870', 'http://desk.local:4870', 'nonsense']) {
      expect(isLoopbackAddress(url)).toBe(false)
    }
  })

  it('shortens a fingerprint for the eye and leaves short ones alone', () => {
    expect(shortFingerprint('AB:CD:EF:01:23:45:67:89:AB:CD')).toBe('AB:CD:EF:01…AB:CD')
    expect(shortFingerprint('AB:CD')).toBe('AB:CD')
  })

  it('says how long ago, and counts down', () => {
    const now = Date.parse('2025-06-01T12:00:00Z')
    const ago = (ms: number) => new Date(now - ms).toISOString()
    expect(relativeAge(null, now)).toBe('never')
    expect(relativeAge(ago(2_000), now)).toBe('just now')
    expect(relativeAge(ago(-2_000), now)).toBe('just now')
    expect(relativeAge(ago(42_000), now)).toBe('42 s ago')
    expect(relativeAge(ago(3 * 60_000), now)).toBe('3 min ago')
    expect(relativeAge(ago(2 * 3_600_000), now)).toBe('2 h ago')
    expect(relativeAge(ago(86_400_000), now)).toBe('1 day ago')
    expect(relativeAge(ago(5 * 86_400_000), now)).toBe('5 days ago')
    expect(countdown(600_000)).toBe('10:00')
    expect(countdown(65_001)).toBe('1:06')
    expect(countdown(-5)).toBe('0:00')
    expect(behindLabel(0)).toBe('In sync')
    expect(behindLabel(1)).toBe('1 event behind')
    expect(behindLabel(1200)).toBe('1,200 events behind')
  })
})
