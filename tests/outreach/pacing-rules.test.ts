// Campaign pacing rules (pure): allowed days and hours in a time zone, the margin kept for the
// person under R12/R13, and the projected finish.
import { describe, expect, it } from 'vitest'
import { DEFAULT_POLICY } from '@shared/policy'
import { isOpen, marginPolicy, nextOpen, projectFinish } from '@shared/outreach/pacing'
import { campaignStats, timeline } from '@shared/outreach/tracking'
import { handlesFrom, parseCsv, recipientsCsv } from '@shared/outreach/csv'

const at = (iso: string) => Date.parse(iso)
const weekdaysNineToFive = { days: [1, 2, 3, 4, 5], hours: { from: '09:00', to: '17:00' }, timeZone: 'Europe/Paris' }

describe('send window', () => {
  it.each([
    // 2026-03-09 is a Monday; Paris is UTC+1 in March before the 29th.
    { t: '2026-03-09T08:00:00Z', open: true, why: 'Monday 09:00 Paris' },
    { t: '2026-03-09T07:59:00Z', open: false, why: 'Monday 08:59 Paris' },
    { t: '2026-03-09T16:00:00Z', open: false, why: 'Monday 17:00 Paris (end is exclusive)' },
    { t: '2026-03-14T10:00:00Z', open: false, why: 'Saturday' },
  ])('$why: open=$open', ({ t, open }) => {
    expect(isOpen(at(t), weekdaysNineToFive)).toBe(open)
  })

  it('nextOpen jumps from Friday evening to Monday 09:00 local', () => {
    expect(new Date(nextOpen(at('2026-03-13T17:30:00Z'), weekdaysNineToFive)!).toISOString()).toBe('2026-03-16T08:00:00.000Z')
  })

  it('an overnight window (22:00-02:00) is open after midnight and closed at noon', () => {
    const night = { days: null, hours: { from: '22:00', to: '02:00' }, timeZone: 'UTC' }
    expect(isOpen(at('2026-03-10T01:00:00Z'), night)).toBe(true)
    expect(isOpen(at('2026-03-10T12:00:00Z'), night)).toBe(false)
    expect(new Date(nextOpen(at('2026-03-10T12:00:00Z'), night)!).toISOString()).toBe('2026-03-10T22:00:00.000Z')
  })

  it('no days and no hours: always open', () => {
    expect(nextOpen(123, { days: null, hours: null, timeZone: 'UTC' })).toBe(123)
  })
})

describe('margin and projected finish (R12, R13)', () => {
  it('R12 R13 the margin is one slot less of each window', () => {
    expect(marginPolicy(DEFAULT_POLICY).caps.personal).toEqual({ messagesPerDay: 499, newConversationsPerDay: 49, newConversationsPerBurst: 9 })
  })

  it('R13 pace alone: 5 sends at 60 an hour finish 4 minutes after the start', () => {
    const now = at('2026-03-10T12:00:00Z')
    const finish = projectFinish({
      now,
      earliest: now,
      perHour: 60,
      window: { days: null, hours: null, timeZone: 'UTC' },
      remaining: 5,
      sender: { kind: 'personal', verified: false },
      history: { messageTimes: [], newConversationTimes: [] },
      policy: DEFAULT_POLICY,
    })
    expect(finish).toBe(now + 4 * 60_000)
  })

  it('R12 R13 caps set the finish: 100 first messages at 3600 an hour take about a day (49 a day)', () => {
    const now = at('2026-03-10T12:00:00Z')
    const finish = projectFinish({
      now,
      earliest: now,
      perHour: 3600,
      window: { days: null, hours: null, timeZone: 'UTC' },
      remaining: 100,
      sender: { kind: 'personal', verified: false },
      history: { messageTimes: [], newConversationTimes: [] },
      policy: DEFAULT_POLICY,
    })!
    // 49 on day one, 49 on day two, 2 on day three.
    expect(finish - now).toBeGreaterThan(2 * 86_400_000)
    expect(finish - now).toBeLessThan(2 * 86_400_000 + 3_600_000)
  })

  it('nothing left: no finish', () => {
    expect(
      projectFinish({
        now: 0,
        earliest: 0,
        perHour: 1,
        window: { days: null, hours: null, timeZone: 'UTC' },
        remaining: 0,
        sender: { kind: 'personal', verified: false },
        history: { messageTimes: [], newConversationTimes: [] },
        policy: DEFAULT_POLICY,
      }),
    ).toBeNull()
  })
})

describe('tracking figures', () => {
  it('response rate counts replies and acceptances among those reached; median time to first reply', () => {
    const sent = '2026-03-10T12:00:00.000Z'
    const stats = campaignStats([
      { status: 'replied', sentAt: sent, repliedAt: '2026-03-10T13:00:00.000Z' },
      { status: 'replied', sentAt: sent, repliedAt: '2026-03-10T15:00:00.000Z' },
      { status: 'accepted', sentAt: sent },
      { status: 'sent_request', sentAt: sent },
      { status: 'skipped' },
    ])
    expect(stats).toEqual({ reached: 4, responseRate: 3 / 4, medianTimeToReplyMs: 2 * 3_600_000 })
  })

  it('timeline buckets sends and replies', () => {
    const { buckets } = timeline(
      [
        { status: 'replied', sentAt: '2026-03-10T12:00:00Z', repliedAt: '2026-03-10T12:30:00Z' },
        { status: 'sent_direct', sentAt: '2026-03-10T12:05:00Z' },
      ],
      3_600_000,
    )
    expect(buckets).toEqual([{ start: at('2026-03-10T12:00:00Z'), sent: 2, replied: 1 }])
  })
})

describe('CSV', () => {
  it('import: bad rows listed with their reason, good ones kept in order', () => {
    const parsed = parseCsv('name,TikTok handle\nMaya,@maya.cooks\nNo one,\nBad,Bad Handle!\nAgain,MAYA.COOKS\nLeo,leo_travels\n')
    expect(parsed.headers).toEqual(['name', 'TikTok handle'])
    const { rows, bad } = handlesFrom(parsed, 1)
    expect(rows).toEqual([
      { line: 2, handle: 'maya.cooks' },
      { line: 6, handle: 'leo_travels' },
    ])
    expect(bad.map((b) => [b.line, b.reason])).toEqual([
      [3, 'The handle cell is empty.'],
      [4, 'A handle is 2-24 characters of a-z, 0-9, dot and underscore.'],
      [5, '@maya.cooks appears earlier in the file.'],
    ])
  })

  it('export: a formula-looking cell is escaped, commas quoted', () => {
    const csv = recipientsCsv([
      { account: { id: 'a_1', handle: 'x', displayName: '=HYPERLINK("evil")' }, status: 'skipped', step: 0, code: 'BLOCKED', reason: 'No, blocked.' },
    ])
    const [row] = parseCsv(csv).rows
    expect(row[1].startsWith("'=")).toBe(true)
    expect(row[6]).toBe('No, blocked.')
  })
})
