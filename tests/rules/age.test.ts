// R2: direct messages are off for anyone under 16, both ways; age in UTC on the day of the action.
// R3: sending requires a phone number on the sender.
import { ageOn, canUseMessages, decideSend, isMinor } from '@shared/rules'
import { describe, expect, it } from 'vitest'
import { bornOneDayShortOf, bornYearsAgo, ctx, expectRefusal, NOW } from './fixtures'

describe('R2 ageOn (whole years, UTC day of the action)', () => {
  const rows: { name: string; birthDate: string; now: string; age: number }[] = [
    { name: 'on the 16th birthday', birthDate: '2010-03-10', now: '2026-03-10T00:00:00Z', age: 16 },
    { name: 'the day before the 16th birthday', birthDate: '2010-03-11', now: '2026-03-10T12:00:00Z', age: 15 },
    { name: 'the day after the birthday', birthDate: '2010-03-09', now: '2026-03-10T12:00:00Z', age: 16 },
    { name: 'last second before the birthday, UTC', birthDate: '2010-03-11', now: '2026-03-10T23:59:59Z', age: 15 },
    { name: 'first second of the birthday, UTC', birthDate: '2010-03-11', now: '2026-03-11T00:00:00Z', age: 16 },
    // 23:30 in New York on 10 March is already 11 March in UTC: UTC decides.
    { name: 'UTC day, not local day (-04:00 offset)', birthDate: '2010-03-11', now: '2026-03-10T23:30:00-04:00', age: 16 },
    // 00:30 in Berlin on 11 March is still 10 March in UTC.
    { name: 'UTC day, not local day (+01:00 offset)', birthDate: '2010-03-11', now: '2026-03-11T00:30:00+01:00', age: 15 },
    { name: 'later month, same year', birthDate: '2010-12-31', now: '2026-03-10T12:00:00Z', age: 15 },
    { name: 'earlier month', birthDate: '2010-01-01', now: '2026-03-10T12:00:00Z', age: 16 },
    { name: 'Feb 29 birthday, non-leap year, Feb 28: not yet', birthDate: '2008-02-29', now: '2025-02-28T23:59:59Z', age: 16 },
    { name: 'Feb 29 birthday, non-leap year, Mar 1: had it', birthDate: '2008-02-29', now: '2025-03-01T00:00:00Z', age: 17 },
    { name: 'Feb 29 birthday, leap year, Feb 29: had it', birthDate: '2008-02-29', now: '2024-02-29T00:00:00Z', age: 16 },
    { name: 'Feb 29 birthday, leap year, Feb 28: not yet', birthDate: '2008-02-29', now: '2024-02-28T12:00:00Z', age: 15 },
    { name: 'born today', birthDate: '2026-03-10', now: '2026-03-10T12:00:00Z', age: 0 },
  ]
  it.each(rows)('R2 $name → $age', ({ birthDate, now, age }) => {
    expect(ageOn(birthDate, new Date(now))).toBe(age)
  })

  it('R2 an unreadable birth date has no age (NaN) and cannot use messages', () => {
    expect(ageOn('2023-02-29', NOW)).toBeNaN()
    expect(canUseMessages('2023-02-29', NOW)).toBe(false)
  })

  it.each([
    { age: 15, canMessage: false, minor: true },
    { age: 16, canMessage: true, minor: true },
    { age: 17, canMessage: true, minor: true },
    { age: 18, canMessage: true, minor: false },
  ])('R2 canUseMessages / isMinor at exactly $age', ({ age, canMessage, minor }) => {
    expect(canUseMessages(bornYearsAgo(age), NOW)).toBe(canMessage)
    expect(isMinor(bornYearsAgo(age), NOW)).toBe(minor)
  })
})

describe('R2 decideSend refuses under-16 senders and recipients', () => {
  const rows: { name: string; sender: string; recipient: string; code: string | null }[] = [
    { name: 'sender 15 (turns 16 tomorrow)', sender: bornOneDayShortOf(15), recipient: bornYearsAgo(30), code: 'AGE_RESTRICTED' },
    { name: 'recipient 15 (turns 16 tomorrow)', sender: bornYearsAgo(30), recipient: bornOneDayShortOf(15), code: 'AGE_RESTRICTED' },
    { name: 'both 15', sender: bornYearsAgo(15), recipient: bornYearsAgo(15), code: 'AGE_RESTRICTED' },
    { name: 'sender 12', sender: bornYearsAgo(12), recipient: bornYearsAgo(30), code: 'AGE_RESTRICTED' },
    { name: 'sender exactly 16 today', sender: bornYearsAgo(16), recipient: bornYearsAgo(30), code: null },
    { name: 'recipient exactly 16 today', sender: bornYearsAgo(30), recipient: bornYearsAgo(16), code: null },
    { name: 'both exactly 16 today', sender: bornYearsAgo(16), recipient: bornYearsAgo(16), code: null },
  ]
  it.each(rows)('R2 $name', ({ sender, recipient, code }) => {
    const decision = decideSend(ctx({ sender: { birthDate: sender }, recipient: { birthDate: recipient } }), 'hi')
    if (code) {
      const refusal = expectRefusal(decision, 'AGE_RESTRICTED')
      expect(refusal.retryAt).toBeUndefined()
    } else {
      expect(decision).toMatchObject({ ok: true, delivery: 'direct', text: 'hi' })
    }
  })

  it('R2 the same pair is refused at 23:59:59 UTC the day before and allowed at 00:00 UTC on the birthday', () => {
    const sender = { birthDate: '2010-03-11' }
    const before = decideSend(ctx({ now: new Date('2026-03-10T23:59:59Z'), sender }), 'hi')
    const on = decideSend(ctx({ now: new Date('2026-03-11T00:00:00Z'), sender }), 'hi')
    expectRefusal(before, 'AGE_RESTRICTED')
    expect(on).toMatchObject({ ok: true, delivery: 'direct' })
  })

  it('R2 applies to replies as well: an under-16 recipient cannot receive a reply in an open conversation', () => {
    const decision = decideSend(
      ctx({
        recipient: { birthDate: bornYearsAgo(15) },
        conversation: { status: 'open', starterId: 'bob', senderHasWritten: false, recipientHasWritten: true, declinedAt: null },
      }),
      'hi back',
    )
    expectRefusal(decision, 'AGE_RESTRICTED')
  })
})

describe('R3 sending requires a phone number on the sender', () => {
  const rows: { name: string; senderPhone: string | null; recipientPhone: string | null; code: string | null }[] = [
    { name: 'sender without phone is refused', senderPhone: null, recipientPhone: '+14155550123', code: 'PHONE_REQUIRED' },
    { name: 'sender with empty phone is refused', senderPhone: '', recipientPhone: '+14155550123', code: 'PHONE_REQUIRED' },
    { name: 'recipient without phone may still receive', senderPhone: '+14155550123', recipientPhone: null, code: null },
    { name: 'both with phones', senderPhone: '+14155550123', recipientPhone: '+4915112345678', code: null },
  ]
  it.each(rows)('R3 $name', ({ senderPhone, recipientPhone, code }) => {
    const decision = decideSend(ctx({ sender: { phone: senderPhone }, recipient: { phone: recipientPhone } }), 'hello')
    if (code) {
      expectRefusal(decision, 'PHONE_REQUIRED')
    } else {
      expect(decision).toMatchObject({ ok: true, delivery: 'direct', text: 'hello' })
    }
  })

  it('R3 applies to replies too (R10: "Blocks, R2 and R3 always apply")', () => {
    const decision = decideSend(
      ctx({
        sender: { phone: null },
        conversation: { status: 'open', starterId: 'bob', senderHasWritten: false, recipientHasWritten: true, declinedAt: null },
      }),
      'hi back',
    )
    expectRefusal(decision, 'PHONE_REQUIRED')
  })
})
