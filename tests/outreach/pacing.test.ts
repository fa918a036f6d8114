// A 1,000-creator campaign paced over days by the scheduler with a hand-moved clock, while the
// person sends by hand in between: no send ever exceeds R12/R13, the campaign alone never uses
// the last slot of a window (the person's margin), and no campaign send is refused for caps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccountView } from '@shared/types'
import type { CampaignRecipient } from '@shared/outreach/types'
import { DAY, MINUTE, policyWith } from '../api/support'
import type { OutreachNode } from './support'
import { startOutreachNode } from './support'

const CAPS = { messagesPerDay: 300, newConversationsPerDay: 250, newConversationsPerBurst: 30 }
const CREATORS = 1000

/** The most events in any window of `windowMs` (times ascending). */
function busiestWindow(times: number[], windowMs: number): number {
  let most = 0
  let from = 0
  for (let i = 0; i < times.length; i++) {
    while (times[i] - times[from] >= windowMs) {
      from++
    }
    most = Math.max(most, i - from + 1)
  }
  return most
}

describe('campaign pacing (R12, R13) over days', { timeout: 240_000 }, () => {
  let t: OutreachNode
  let sender: AccountView
  let creators: AccountView[]
  let friends: AccountView[]
  beforeAll(async () => {
    t = await startOutreachNode({ policy: policyWith({ personal: CAPS }) })
    sender = await t.account({ displayName: 'Agency' })
    creators = await t.creators(CREATORS, {}, 'everyone')
    friends = await t.creators(40)
    for (const f of friends) {
      await t.client.follow(sender.id, f.id)
    }
  }, 120_000)
  afterAll(async () => {
    await t.stop()
  })

  it('1,000 creators: every one reached (as requests, R7), caps never exceeded, a slot always left for the person', async () => {
    const { list } = await t.client.createList({ name: 'Big list', members: creators.map((c) => c.id) })
    const { template } = await t.client.createTemplate({ name: 'Hello', text: 'Hi {displayName}, fancy a {topic} collab?' })
    const startedAt = t.clock.peek().getTime()
    const { campaign } = await t.client.createCampaign({ account: sender.id, name: 'Big', listId: list.id, templateId: template.id, perHour: 600 })
    expect(campaign.counts.queued).toBe(CREATORS)
    // 249 a day (the daily cap less the margin): about four days.
    expect(Date.parse(campaign.projectedFinishAt!)).toBeGreaterThan(startedAt + 3 * DAY)

    const manual: number[] = []
    let waits = 0
    let sawMovedProjection = false
    for (let i = 0; i < 20_000; i++) {
      const result = await t.node.outreach.tick()
      if (result.nextAt === null) {
        break
      }
      const now = t.clock.peek().getTime()
      if (result.sent === 0 && result.nextAt - now > MINUTE) {
        // The campaign waits for a cap window: the person still has a slot (the margin).
        waits++
        if (waits % 3 === 1 && manual.length < friends.length) {
          const friend = friends[manual.length]
          const { message } = await t.client.send(sender.id, { to: friend.id, text: 'Quick hello from the agency', clientId: `manual-${friend.id}` })
          manual.push(Date.parse(message.sentAt))
        }
        if (!sawMovedProjection && result.nextAt - now > 6 * 3_600_000) {
          const { campaign: waiting } = await t.client.campaign(campaign.id)
          expect(Date.parse(waiting.projectedFinishAt!)).toBeGreaterThan(result.nextAt)
          sawMovedProjection = true
        }
      }
      t.clock.set(new Date(Math.max(result.nextAt, t.clock.peek().getTime())))
    }

    const { campaign: done } = await t.client.campaign(campaign.id)
    expect(done.state).toBe('done')
    expect(done.counts.sent_request).toBe(CREATORS)
    expect(done.projectedFinishAt).toBeNull()
    expect(manual.length).toBeGreaterThan(5)
    expect(sawMovedProjection).toBe(true)
    const { recipients } = await t.client.campaignRecipients(campaign.id)
    expect(recipients.filter((r: CampaignRecipient) => r.status === 'failed')).toEqual([])
    const campaignTimes = recipients.map((r) => Date.parse(r.sentAt!)).sort((a, b) => a - b)
    const all = [...campaignTimes, ...manual].sort((a, b) => a - b)
    // Every send here is a first message: each counts for all three windows.
    expect(busiestWindow(all, DAY)).toBeLessThanOrEqual(CAPS.newConversationsPerDay)
    expect(busiestWindow(all, 10 * MINUTE)).toBeLessThanOrEqual(CAPS.newConversationsPerBurst)
    expect(busiestWindow(campaignTimes, DAY)).toBeLessThanOrEqual(CAPS.newConversationsPerDay - 1)
    expect(busiestWindow(campaignTimes, 10 * MINUTE)).toBeLessThanOrEqual(CAPS.newConversationsPerBurst - 1)
    // perHour 600: never two campaign sends closer than 6 seconds.
    for (let i = 1; i < campaignTimes.length; i++) {
      expect(campaignTimes[i] - campaignTimes[i - 1]).toBeGreaterThanOrEqual(6000)
    }
    // Days, not hours: the caps, not the pace, set the finish.
    expect(campaignTimes.at(-1)! - campaignTimes[0]).toBeGreaterThan(3 * DAY)
    // Each creator got exactly one message.
    const sample = recipients.slice(0, 20)
    for (const r of sample) {
      expect((await t.client.messages(sender.id, r.conversationId!)).messages).toHaveLength(1)
    }
  })
})
