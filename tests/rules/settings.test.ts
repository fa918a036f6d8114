// R4 who-can-message-me defaults and limits for minors; R5 the setting's values;
// R15 read receipts (EU/EEA count as off); R16 mute with an optional end time.
import { DEFAULT_POLICY } from '@shared/policy'
import {
  checkSettingsChange,
  defaultSettings,
  isEuRegion,
  muteActive,
  readReceiptsProblem,
  receiptsActive,
  seenVisible,
  WHO_CAN_MESSAGE_ME,
  whoCanMessageMeProblem,
} from '@shared/rules'
import { patchSettingsSchema } from '@shared/schemas'
import type { WhoCanMessageMe } from '@shared/types'
import { describe, expect, it } from 'vitest'
import { bornOneDayShortOf, bornYearsAgo, expectRefusal, HOUR, iso, NOW, T } from './fixtures'

describe('R5 who-can-message-me values', () => {
  it('R5 the setting is one of everyone | followers | mutual | nobody', () => {
    expect([...WHO_CAN_MESSAGE_ME]).toEqual(['everyone', 'followers', 'mutual', 'nobody'])
    for (const value of WHO_CAN_MESSAGE_ME) {
      expect(patchSettingsSchema.safeParse({ whoCanMessageMe: value }).success).toBe(true)
    }
    expect(patchSettingsSchema.safeParse({ whoCanMessageMe: 'friends' }).success).toBe(false)
  })
})

describe('R4 defaults and limits of who-can-message-me by age', () => {
  const defaults: { name: string; birthDate: string; who: WhoCanMessageMe }[] = [
    { name: '13-year-old', birthDate: bornYearsAgo(13), who: 'nobody' },
    { name: '15-year-old', birthDate: bornYearsAgo(15), who: 'nobody' },
    { name: '16-year-old', birthDate: bornYearsAgo(16), who: 'nobody' },
    { name: '17-year-old (turns 18 tomorrow)', birthDate: bornOneDayShortOf(17), who: 'nobody' },
    { name: '18-year-old (18 today)', birthDate: bornYearsAgo(18), who: 'followers' },
    { name: '40-year-old', birthDate: bornYearsAgo(40), who: 'followers' },
  ]
  it.each(defaults)('R4 default for a $name is $who', ({ birthDate, who }) => {
    const settings = defaultSettings({ birthDate, region: 'US' }, NOW)
    expect(settings.whoCanMessageMe).toBe(who)
    expect(settings.notifications).toEqual({ enabled: true, showPreview: true, countInBadge: true, quietHours: null })
  })

  const ages: { name: string; birthDate: string; adult: boolean }[] = [
    { name: '15', birthDate: bornYearsAgo(15), adult: false },
    { name: '16', birthDate: bornYearsAgo(16), adult: false },
    { name: '17 (turns 18 tomorrow)', birthDate: bornOneDayShortOf(17), adult: false },
    { name: '18', birthDate: bornYearsAgo(18), adult: true },
    { name: '30', birthDate: bornYearsAgo(30), adult: true },
  ]
  const matrix = ages.flatMap((a) => WHO_CAN_MESSAGE_ME.map((value) => ({ ...a, value, allowed: value !== 'everyone' || a.adult })))
  it.each(matrix)('R4 age $name choosing "$value" → allowed: $allowed', ({ birthDate, value, allowed }) => {
    const account = { birthDate, region: 'US' }
    const problem = whoCanMessageMeProblem(value, account, NOW)
    const change = checkSettingsChange({ whoCanMessageMe: value }, account, NOW)
    if (allowed) {
      expect(problem).toBeNull()
      expect(change).toEqual({ ok: true })
    } else {
      expect(problem).toMatch(/under 18/)
      const refusal = expectRefusal(change, 'SETTING_NOT_ALLOWED')
      expect(refusal.message).toBe(problem)
    }
  })

  it('R4 the limit follows the policy object (operator can change the age)', () => {
    const policy = { ...DEFAULT_POLICY, minAgeForEveryone: 21 }
    expect(whoCanMessageMeProblem('everyone', { birthDate: bornYearsAgo(20) }, NOW, policy)).toMatch(/under 21/)
    expect(whoCanMessageMeProblem('everyone', { birthDate: bornYearsAgo(21) }, NOW, policy)).toBeNull()
  })

  it('R4 a settings change without whoCanMessageMe is not judged by age', () => {
    expect(checkSettingsChange({ readReceipts: false }, { birthDate: bornYearsAgo(16), region: 'US' }, NOW)).toEqual({ ok: true })
  })
})

describe('R15 read receipts', () => {
  const regions: { region: string; eu: boolean }[] = [
    { region: 'DE', eu: true },
    { region: 'FR', eu: true },
    { region: 'IE', eu: true },
    { region: 'NO', eu: true }, // EEA
    { region: 'IS', eu: true }, // EEA
    { region: 'LI', eu: true }, // EEA
    { region: 'US', eu: false },
    { region: 'GB', eu: false }, // left the EU
    { region: 'CH', eu: false }, // not in the EEA
    { region: 'TR', eu: false },
  ]
  it.each(regions)('R15 region $region is EU/EEA: $eu', ({ region, eu }) => {
    expect(isEuRegion(region)).toBe(eu)
    const problem = readReceiptsProblem({ region })
    if (eu) {
      expect(problem).toMatch(/EU\/EEA/)
    } else {
      expect(problem).toBeNull()
    }
    const change = checkSettingsChange({ readReceipts: true }, { birthDate: bornYearsAgo(30), region }, NOW)
    if (eu) {
      expect(expectRefusal(change, 'SETTING_NOT_ALLOWED').message).toBe(problem)
    } else {
      expect(change).toEqual({ ok: true })
    }
    // Turning them off is always allowed.
    expect(checkSettingsChange({ readReceipts: false }, { birthDate: bornYearsAgo(30), region }, NOW)).toEqual({ ok: true })
    // Default on (R15) except where they count as off anyway.
    expect(defaultSettings({ birthDate: bornYearsAgo(30), region }, NOW).readReceipts).toBe(!eu)
  })

  const receipts: { name: string; region: string; on: boolean; active: boolean }[] = [
    { name: 'US, on', region: 'US', on: true, active: true },
    { name: 'US, off', region: 'US', on: false, active: false },
    { name: 'DE, on in settings still counts as off', region: 'DE', on: true, active: false },
    { name: 'DE, off', region: 'DE', on: false, active: false },
  ]
  it.each(receipts)('R15 receiptsActive: $name', ({ region, on, active }) => {
    expect(receiptsActive({ region }, { readReceipts: on })).toBe(active)
  })

  type Side = { name: string; region: string; on: boolean; counts: boolean }
  const sides: Side[] = [
    { name: 'US on', region: 'US', on: true, counts: true },
    { name: 'US off', region: 'US', on: false, counts: false },
    { name: 'EU(FR) with receipts true in settings', region: 'FR', on: true, counts: false },
    { name: 'EEA(NO) with receipts true in settings', region: 'NO', on: true, counts: false },
  ]
  const seenRows = sides.flatMap((s) =>
    sides.flatMap((r) =>
      [true, false].map((read) => ({
        sender: s.name,
        recipient: r.name,
        s,
        r,
        read,
        seen: read && s.counts && r.counts,
      })),
    ),
  )
  it.each(seenRows)('R15 seenVisible sender [$sender] recipient [$recipient] read=$read → $seen', ({ s, r, read, seen }) => {
    const sender = { region: s.region, settings: { readReceipts: s.on } }
    const recipient = { region: r.region, settings: { readReceipts: r.on } }
    expect(seenVisible(sender, recipient, read)).toBe(seen)
  })
})

describe('R16 mute', () => {
  const rows: { name: string; muted: boolean; until: string | null; active: boolean }[] = [
    { name: 'muted until unmuted (until null)', muted: true, until: null, active: true },
    { name: 'muted for 1 h, 1 ms in', muted: true, until: iso(T + HOUR - 1), active: true },
    { name: 'muted for 8 h, in force', muted: true, until: iso(T + 8 * HOUR), active: true },
    { name: 'muted for 24 h, in force', muted: true, until: iso(T + 24 * HOUR), active: true },
    { name: 'end time in the past', muted: true, until: iso(T - 1), active: false },
    { name: 'end time exactly now has ended', muted: true, until: iso(T), active: false },
    { name: 'not muted', muted: false, until: null, active: false },
    { name: 'not muted, stale end time in the future', muted: false, until: iso(T + HOUR), active: false },
  ]
  it.each(rows)('R16 muteActive: $name → $active', ({ muted, until, active }) => {
    expect(muteActive({ muted, until }, NOW)).toBe(active)
  })

  it('R16 a timed mute ends by itself: active before the end time, inactive after', () => {
    const mute = { muted: true, until: iso(T + 8 * HOUR) }
    expect(muteActive(mute, new Date(T + 8 * HOUR - 1))).toBe(true)
    expect(muteActive(mute, new Date(T + 8 * HOUR + 1))).toBe(false)
  })

  it('R16 the offered mute durations are 1 h, 8 h and 24 h', () => {
    expect(DEFAULT_POLICY.muteDurationsMs).toEqual([HOUR, 8 * HOUR, 24 * HOUR])
  })
})
