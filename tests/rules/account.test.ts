// R1: what an account is made of, and how its fields are validated (handle, phone, region, birth date).
import { birthDateProblem, handleProblem, isE164, normalizeHandle, parseBirthDate, regionProblem } from '@shared/rules'
import { birthDateSchema, createAccountSchema, handleSchema, phoneSchema, regionSchema } from '@shared/schemas'
import { describe, expect, it } from 'vitest'
import { NOW } from './fixtures'

describe('R1 handles', () => {
  const normalized: { name: string; input: string; stored: string }[] = [
    { name: 'upper case is lower-cased', input: 'ALICE', stored: 'alice' },
    { name: 'mixed case is lower-cased', input: 'Alice.Smith_99', stored: 'alice.smith_99' },
    { name: 'surrounding spaces are dropped', input: '  bob  ', stored: 'bob' },
    { name: 'already normal stays', input: 'carol_1', stored: 'carol_1' },
  ]
  it.each(normalized)('R1 normalizeHandle: $name', ({ input, stored }) => {
    expect(normalizeHandle(input)).toBe(stored)
  })

  const rows: { name: string; input: string; valid: boolean; stored?: string }[] = [
    { name: 'length 1 is too short', input: 'a', valid: false },
    { name: 'length 2 is the minimum', input: 'ab', valid: true, stored: 'ab' },
    { name: 'length 24 is the maximum', input: 'a'.repeat(24), valid: true, stored: 'a'.repeat(24) },
    { name: 'length 25 is too long', input: 'a'.repeat(25), valid: false },
    { name: 'empty', input: '', valid: false },
    { name: 'digits, dot and underscore allowed', input: 'a.b_c9', valid: true, stored: 'a.b_c9' },
    { name: 'only digits allowed', input: '2024', valid: true, stored: '2024' },
    { name: 'dots and underscores only allowed', input: '._', valid: true, stored: '._' },
    { name: 'uppercase accepted after lower-casing', input: 'ALICE', valid: true, stored: 'alice' },
    { name: 'uppercase 24 chars accepted', input: 'A'.repeat(24), valid: true, stored: 'a'.repeat(24) },
    { name: 'dash refused', input: 'al-ice', valid: false },
    { name: 'inner space refused', input: 'al ice', valid: false },
    { name: 'emoji refused', input: 'ali😀', valid: false },
    { name: 'accented letter refused', input: 'josé', valid: false },
    { name: 'leading @ is not part of a handle', input: '@alice', valid: false },
    { name: 'plus refused', input: 'a+b', valid: false },
    { name: 'non-string refused', input: 42 as unknown as string, valid: false },
  ]
  it.each(rows)('R1 handleSchema: $name', ({ input, valid, stored }) => {
    const result = handleSchema.safeParse(input)
    expect(result.success).toBe(valid)
    if (valid) {
      expect(result.data).toBe(stored)
    } else {
      expect(result.error?.issues[0].message).toMatch(/handle/i)
    }
  })

  it.each(rows.filter((r) => typeof r.input === 'string'))('R1 handleProblem agrees after normalizeHandle: $name', ({ input, valid }) => {
    const problem = handleProblem(normalizeHandle(input))
    if (valid) {
      expect(problem).toBeNull()
    } else {
      expect(problem).toMatch(/handle/i)
    }
  })
})

describe('R1 phone numbers (E.164)', () => {
  const rows: { name: string; phone: string; valid: boolean }[] = [
    { name: 'US number', phone: '+14155550123', valid: true },
    { name: 'German mobile', phone: '+4915112345678', valid: true },
    { name: '15 digits is the E.164 maximum', phone: '+123456789012345', valid: true },
    { name: '16 digits is too long', phone: '+1234567890123456', valid: false },
    { name: '7 digits is the shortest accepted', phone: '+1234567', valid: true },
    { name: '6 digits is too short', phone: '+123456', valid: false },
    { name: 'missing plus', phone: '14155550123', valid: false },
    { name: 'country code starting with 0', phone: '+04155550123', valid: false },
    { name: 'spaces inside', phone: '+1 415 555 0123', valid: false },
    { name: 'dashes inside', phone: '+1-415-555-0123', valid: false },
    { name: 'letters', phone: '+1415555abcd', valid: false },
    { name: 'double plus', phone: '++14155550123', valid: false },
    { name: 'empty', phone: '', valid: false },
  ]
  it.each(rows)('R1 isE164: $name', ({ phone, valid }) => {
    expect(isE164(phone)).toBe(valid)
  })
  it.each(rows)('R1 phoneSchema: $name', ({ phone, valid }) => {
    expect(phoneSchema.safeParse(phone).success).toBe(valid)
  })
  it('R1 phoneSchema trims surrounding spaces and stores the bare number', () => {
    expect(phoneSchema.parse('  +14155550123 ')).toBe('+14155550123')
  })
})

describe('R1 regions (ISO country)', () => {
  const rows: { name: string; input: string; valid: boolean; stored?: string }[] = [
    { name: 'US', input: 'US', valid: true, stored: 'US' },
    { name: 'DE', input: 'DE', valid: true, stored: 'DE' },
    { name: 'lowercase de is upper-cased', input: 'de', valid: true, stored: 'DE' },
    { name: 'spaces trimmed', input: ' fr ', valid: true, stored: 'FR' },
    { name: 'XX is not a country', input: 'XX', valid: false },
    { name: 'EU is not a country', input: 'EU', valid: false },
    { name: 'three letters', input: 'DEU', valid: false },
    { name: 'empty', input: '', valid: false },
  ]
  it.each(rows)('R1 regionSchema: $name', ({ input, valid, stored }) => {
    const result = regionSchema.safeParse(input)
    expect(result.success).toBe(valid)
    if (valid) {
      expect(result.data).toBe(stored)
    }
  })
  it.each([
    { region: 'US', ok: true },
    { region: 'GB', ok: true },
    { region: 'XX', ok: false },
    { region: 'de', ok: false },
  ])('R1 regionProblem($region) on stored (upper-case) codes', ({ region, ok }) => {
    const problem = regionProblem(region)
    if (ok) {
      expect(problem).toBeNull()
    } else {
      expect(problem).toMatch(/ISO country/)
    }
  })
})

describe('R1 birth dates', () => {
  const rows: { name: string; date: string; real: boolean; problem: RegExp | null }[] = [
    { name: '2024-02-29 exists (leap year)', date: '2024-02-29', real: true, problem: null },
    { name: '2023-02-29 does not exist', date: '2023-02-29', real: false, problem: /real date/ },
    { name: '1900-02-29 does not exist (century)', date: '1900-02-29', real: false, problem: /real date/ },
    { name: '2000-02-29 exists (400-year leap)', date: '2000-02-29', real: true, problem: null },
    { name: 'month 13', date: '2000-13-01', real: false, problem: /real date/ },
    { name: 'day 0', date: '2000-01-00', real: false, problem: /real date/ },
    { name: 'April 31', date: '2000-04-31', real: false, problem: /real date/ },
    { name: 'not zero-padded', date: '2000-1-5', real: false, problem: /real date/ },
    { name: 'other format', date: '05/17/1990', real: false, problem: /real date/ },
    { name: 'with a time', date: '1990-05-17T00:00:00Z', real: false, problem: /real date/ },
    { name: '1900-01-01 is the earliest', date: '1900-01-01', real: true, problem: null },
    { name: 'before 1900', date: '1899-12-31', real: true, problem: /before 1900/ },
    { name: 'today is allowed', date: '2026-03-10', real: true, problem: null },
    { name: 'tomorrow is in the future', date: '2026-03-11', real: true, problem: /future/ },
    { name: 'far future', date: '2099-01-01', real: true, problem: /future/ },
  ]
  it.each(rows)('R1 birthDateProblem: $name', ({ date, problem }) => {
    if (problem === null) {
      expect(birthDateProblem(date, NOW)).toBeNull()
    } else {
      expect(birthDateProblem(date, NOW)).toMatch(problem)
    }
  })
  it.each(rows)('R1 birthDateSchema / parseBirthDate accept only real calendar dates: $name', ({ date, real }) => {
    expect(birthDateSchema.safeParse(date).success).toBe(real)
    expect(parseBirthDate(date) !== null).toBe(real)
  })
  it('R1 parseBirthDate returns the UTC parts', () => {
    expect(parseBirthDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 })
  })
})

describe('R1 createAccountSchema', () => {
  const good = {
    handle: 'Alice.Smith',
    displayName: ' Alice Smith ',
    birthDate: '1990-05-17',
    phone: '+14155550123',
    region: 'de',
    kind: 'personal' as const,
  }

  it('R1 happy path: handle lower-cased, region upper-cased, display name trimmed', () => {
    const parsed = createAccountSchema.parse(good)
    expect(parsed).toEqual({
      handle: 'alice.smith',
      displayName: 'Alice Smith',
      birthDate: '1990-05-17',
      phone: '+14155550123',
      region: 'DE',
      kind: 'personal',
    })
  })

  it('R1 happy path with every optional field (business, verified, bio, topics, null phone)', () => {
    const parsed = createAccountSchema.parse({
      ...good,
      kind: 'business',
      verified: true,
      phone: null,
      bio: 'We sell envelopes.',
      topics: [' Stationery ', 'POST'],
    })
    expect(parsed.kind).toBe('business')
    expect(parsed.verified).toBe(true)
    expect(parsed.phone).toBeNull()
    expect(parsed.topics).toEqual(['stationery', 'post'])
  })

  it('R1 phone is optional', () => {
    const { phone: _phone, ...noPhone } = good
    expect(createAccountSchema.safeParse(noPhone).success).toBe(true)
  })

  const bad: { name: string; patch: Record<string, unknown>; path: string }[] = [
    { name: 'handle with a dash', patch: { handle: 'al-ice' }, path: 'handle' },
    { name: 'handle of one char', patch: { handle: 'a' }, path: 'handle' },
    { name: 'handle missing', patch: { handle: undefined }, path: 'handle' },
    { name: 'phone not E.164', patch: { phone: '0415 555 0123' }, path: 'phone' },
    { name: 'region XX', patch: { region: 'XX' }, path: 'region' },
    { name: 'birth date 2023-02-29', patch: { birthDate: '2023-02-29' }, path: 'birthDate' },
    { name: 'birth date missing', patch: { birthDate: undefined }, path: 'birthDate' },
    { name: 'empty display name', patch: { displayName: '   ' }, path: 'displayName' },
    { name: 'display name of 51 chars', patch: { displayName: 'x'.repeat(51) }, path: 'displayName' },
    { name: 'kind other than personal/business', patch: { kind: 'creator' }, path: 'kind' },
    { name: 'verified not a boolean', patch: { verified: 'yes' }, path: 'verified' },
    { name: 'bio over 280 chars', patch: { bio: 'x'.repeat(281) }, path: 'bio' },
    { name: 'more than 10 topics', patch: { topics: Array.from({ length: 11 }, (_, i) => `t${i}`) }, path: 'topics' },
    { name: 'unknown field', patch: { isAdmin: true }, path: '' },
  ]
  it.each(bad)('R1 refuses $name', ({ patch, path }) => {
    const result = createAccountSchema.safeParse({ ...good, ...patch })
    expect(result.success).toBe(false)
    const paths = result.error!.issues.map((i) => i.path.join('.'))
    expect(paths).toContain(path)
  })
})
