// Outreach API (docs/API.md "Usage", "Outreach") on a real node with a hand-moved clock: lists,
// templates and previews, campaigns with their skips, tracking of replies and acceptances,
// the creator pipeline, usage (R12, R13) and the results CSV.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccountView } from '@shared/types'
import { parseCsv } from '@shared/outreach/csv'
import { MINUTE, policyWith, refused, TOKEN } from '../api/support'
import type { OutreachNode } from './support'
import { startOutreachNode } from './support'

describe('outreach API', () => {
  let t: OutreachNode
  let brand: AccountView
  beforeAll(async () => {
    t = await startOutreachNode({ policy: policyWith({ personal: { messagesPerDay: 20, newConversationsPerDay: 10, newConversationsPerBurst: 5 } }) })
    brand = await t.account({ displayName: 'Acme Brand' })
  })
  afterAll(async () => {
    await t.stop()
  })

  it('lists: create with ids and @handles (stored as ids), patch add/remove, 404 for an unknown member, delete', async () => {
    const [a, b, c] = await t.creators(3)
    const { list } = await t.client.createList({ name: 'Food creators', members: [a.id, `@${b.handle}`, a.id] })
    expect(list.members).toEqual([a.id, b.id])
    await refused(t.client.createList({ name: 'Bad', members: [a.id, '@nobody_here_xyz'] }), 404, 'NOT_FOUND')
    const patched = await t.client.updateList(list.id, { add: [`@${c.handle}`], remove: [a.id], name: 'Food, round 2' })
    expect(patched.list).toMatchObject({ name: 'Food, round 2', members: [b.id, c.id] })
    // One unknown member and nothing changes.
    await refused(t.client.updateList(list.id, { add: ['@nobody_here_xyz', a.id] }), 404, 'NOT_FOUND')
    expect((await t.client.list(list.id)).list.members).toEqual([b.id, c.id])
    expect((await t.client.lists()).lists.map((l) => l.id)).toContain(list.id)
    await t.client.deleteList(list.id)
    await refused(t.client.list(list.id), 404, 'NOT_FOUND')
  })

  it('templates: 400 TEMPLATE_INVALID for an unknown variable; preview fills per recipient in order, an empty variable is a skip with its code', async () => {
    await refused(t.client.createTemplate({ name: 'Bad', text: 'Hi {name}' }), 400, 'TEMPLATE_INVALID')
    const { template } = await t.client.createTemplate({ name: 'Intro', text: 'Hi {displayName} (@{handle}), love your {topic} videos!' })
    const [withTopic] = await t.creators(1, { displayName: 'Maya' }, 'everyone')
    const [noTopic] = await t.creators(1, { topics: [] })
    const { previews } = await t.client.previewTemplate(template.id, { account: brand.id, recipients: [`@${noTopic.handle}`, withTopic.id] })
    expect(previews[0]).toMatchObject({ recipient: `@${noTopic.handle}`, text: null, skip: { code: 'TEMPLATE_VARIABLE_EMPTY' } })
    expect(previews[1]).toMatchObject({ recipient: withTopic.id, text: `Hi Maya (@${withTopic.handle}), love your food videos!`, skip: null, delivery: 'request' })
    // A creator open only to followers: a skip with the rule's code, unless the campaign follows first (R6).
    const [followersOnly] = await t.creators(1)
    const asked = { account: brand.id, recipients: [followersOnly.id] }
    expect((await t.client.previewTemplate(template.id, asked)).previews[0].skip?.code).toBe('NOT_FOLLOWING')
    expect((await t.client.previewTemplate(template.id, { ...asked, followFirst: true })).previews[0]).toMatchObject({ skip: null, delivery: 'direct' })
  })

  it('a campaign decides uncurable skips at its start, each with its code; sends go out paced; replies and acceptances update tracking and the pipeline', async () => {
    const sender = await t.account({ displayName: 'Sender' })
    const open = await t.creators(3, {}, 'everyone')
    const [contacted, blocker, minorOptOut] = await t.creators(3)
    const [noTopic] = await t.creators(1, { topics: [] })
    await t.client.follow(sender.id, contacted.id)
    await t.client.send(sender.id, { to: contacted.id, text: 'Hello before the campaign', clientId: 'pre-1' })
    await t.client.block(blocker.id, sender.id)
    await t.client.patchSettings(minorOptOut.id, { whoCanMessageMe: 'nobody' })
    await t.client.follow(sender.id, minorOptOut.id)
    const members = [...open, contacted, blocker, minorOptOut, noTopic].map((a) => a.id)
    const { list } = await t.client.createList({ name: 'Mixed', members })
    const { template } = await t.client.createTemplate({ name: 'Pitch', text: 'Hi {displayName}, a {topic} collab?' })
    const { campaign } = await t.client.createCampaign({ account: sender.id, name: 'Spring', listId: list.id, templateId: template.id, perHour: 60 })
    expect(campaign.state).toBe('running')
    expect(campaign.counts).toMatchObject({ queued: 3, skipped: 4 })
    const skips = Object.fromEntries(
      (await t.client.campaignRecipients(campaign.id)).recipients.filter((r) => r.status === 'skipped').map((r) => [r.account.id, r]),
    )
    expect(skips[contacted.id].code).toBe('ALREADY_CONTACTED')
    expect(skips[blocker.id].code).toBe('BLOCKED')
    expect(skips[minorOptOut.id].code).toBe('RECIPIENT_NOT_ACCEPTING')
    expect(skips[noTopic.id].code).toBe('TEMPLATE_VARIABLE_EMPTY')
    for (const skip of Object.values(skips)) {
      expect(skip.reason).toMatch(/\.$/)
    }

    // perHour 60: one send a minute, the first at once.
    expect(await t.drain()).toBe(1)
    expect(await t.drain()).toBe(0)
    t.clock.advance(MINUTE)
    expect(await t.drain()).toBe(1)
    t.clock.advance(MINUTE)
    expect(await t.drain()).toBe(1)
    const sent = (await t.client.campaignRecipients(campaign.id)).recipients.filter((r) => r.status === 'sent_request')
    expect(sent.map((r) => r.account.id).sort()).toEqual(open.map((a) => a.id).sort())

    // Replies, acceptances and declines come from the creators' own actions.
    const [replier, accepter, decliner] = open
    const convOf = (a: AccountView) => sent.find((r) => r.account.id === a.id)!.conversationId!
    t.clock.advance(30 * MINUTE)
    await t.client.send(replier.id, { to: sender.id, text: 'Sounds good!', clientId: 'reply-1' })
    await t.client.acceptRequest(accepter.id, convOf(accepter))
    await t.client.deleteRequest(decliner.id, convOf(decliner))
    t.clock.advance(MINUTE)
    await t.drain()
    const after = Object.fromEntries((await t.client.campaignRecipients(campaign.id)).recipients.map((r) => [r.account.id, r]))
    expect(after[replier.id].status).toBe('replied')
    expect(after[replier.id].repliedAt).toBeDefined()
    expect(after[accepter.id].status).toBe('accepted')
    expect(after[decliner.id].status).toBe('declined')
    const { campaign: done } = await t.client.campaign(campaign.id)
    expect(done.state).toBe('done')
    expect(done.counts).toMatchObject({ queued: 0, replied: 1, accepted: 1, declined: 1, skipped: 4 })
    expect(done.stats.responseRate).toBeCloseTo(2 / 3)
    expect(done.stats.medianTimeToReplyMs).toBeGreaterThan(29 * MINUTE)
    await refused(t.client.setCampaignState(campaign.id, 'running'), 409, 'CAMPAIGN_FINISHED')

    // The pipeline: reached creators are "contacted"; the reply moved its creator to "in talks".
    const creators = Object.fromEntries((await t.client.creators()).creators.map((c) => [c.account.id, c]))
    expect(creators[replier.id]).toMatchObject({ stage: 'in_talks', campaigns: [{ id: campaign.id, name: 'Spring' }], conversationId: convOf(replier) })
    expect(creators[accepter.id].stage).toBe('contacted')
    expect(creators[decliner.id].stage).toBe('declined')
    const { creator } = await t.client.updateCreator(replier.id, {
      stage: 'agreed',
      notes: 'Two reels in May',
      fee: { amount: 1200, currency: 'USD' },
      deliverables: [{ title: 'Reel 1', dueDate: '2026-05-01' }],
    })
    expect(creator).toMatchObject({ stage: 'agreed', fee: { amount: 1200, currency: 'USD' }, deliverables: [{ title: 'Reel 1', dueDate: '2026-05-01', done: false }] })
    expect(creator.deliverables[0].id).toMatch(/^d_/)

    // CSV export: one row per recipient, codes included.
    const raw = await fetch(`${t.url}/api/v1/campaigns/${campaign.id}/recipients.csv`, { headers: { Authorization: `Bearer ${TOKEN}` } })
    expect(raw.headers.get('content-type')).toMatch(/^text\/csv/)
    const csv = parseCsv(await raw.text())
    expect(csv.headers.slice(0, 4)).toEqual(['handle', 'displayName', 'accountId', 'status'])
    expect(csv.rows).toHaveLength(7)
    expect(csv.rows.find((r) => r[2] === blocker.id)?.[5]).toBe('BLOCKED')
  })

  it('pause holds sends, resume continues, cancel ends; a campaign before its startAt shows as scheduled', async () => {
    const sender = await t.account()
    const people = await t.creators(3, {}, 'everyone')
    const { list } = await t.client.createList({ name: 'Later', members: people.map((p) => p.id) })
    const { template } = await t.client.createTemplate({ name: 'Short', text: 'Hi {displayName}!' })
    const startAt = new Date(t.clock.peek().getTime() + 10 * MINUTE).toISOString()
    const { campaign } = await t.client.createCampaign({ account: sender.id, name: 'Later', listId: list.id, templateId: template.id, perHour: 3600, startAt })
    expect(campaign.state).toBe('scheduled')
    expect(await t.drain()).toBe(0)
    t.clock.advance(10 * MINUTE)
    expect(await t.drain()).toBe(1)
    await t.client.setCampaignState(campaign.id, 'paused')
    t.clock.advance(MINUTE)
    expect(await t.drain()).toBe(0)
    expect((await t.client.setCampaignState(campaign.id, 'running')).campaign.state).toBe('running')
    expect(await t.drain()).toBe(1)
    expect((await t.client.setCampaignState(campaign.id, 'cancelled')).campaign.state).toBe('cancelled')
    t.clock.advance(MINUTE)
    expect(await t.drain()).toBe(0)
    expect((await t.client.campaign(campaign.id)).campaign.counts.queued).toBe(1)
  })

  it('usage (R12, R13): what the windows counted, the limits, and when the next slot frees', async () => {
    const sender = await t.account()
    const people = await t.creators(5)
    expect((await t.client.usage(sender.id)).usage).toEqual({
      messages: { used: 0, limit: 20 },
      newConversations: { used: 0, limit: 10 },
      burst: { used: 0, limit: 5 },
      nextFreeAt: null,
    })
    let first = ''
    for (const p of people) {
      await t.client.follow(sender.id, p.id)
      const { message } = await t.client.send(sender.id, { to: p.id, text: 'hi', clientId: `u-${p.id}` })
      first ||= message.sentAt
      t.clock.advance(MINUTE)
    }
    const { usage } = await t.client.usage(`@${sender.handle}`)
    expect(usage.messages).toEqual({ used: 5, limit: 20 })
    expect(usage.newConversations).toEqual({ used: 5, limit: 10 })
    // The burst window (R13) is full: the next new conversation is possible 10 minutes after the first.
    expect(usage.burst).toEqual({ used: 5, limit: 5 })
    expect(usage.nextFreeAt).toBe(new Date(Date.parse(first) + 10 * MINUTE).toISOString())
  })

  it('bad campaign input is 400 naming the field, unknown list 404, and nothing is stored', async () => {
    const before = (await t.client.campaigns()).campaigns.length
    const { list } = await t.client.createList({ name: 'x', members: [] })
    const { template } = await t.client.createTemplate({ name: 'x', text: 'Hi' })
    const base = { account: brand.id, name: 'x', listId: list.id, templateId: template.id, perHour: 10 }
    expect((await refused(t.client.createCampaign({ ...base, perHour: 0 }), 400, 'INVALID_INPUT')).field).toBe('perHour')
    expect((await refused(t.client.createCampaign({ ...base, timeZone: 'Mars/Olympus' }), 400, 'INVALID_INPUT')).field).toBe('timeZone')
    expect((await refused(t.client.createCampaign({ ...base, hours: { from: '9:00', to: '17:00' } }), 400, 'INVALID_INPUT')).field).toBe('hours.from')
    await refused(t.client.createCampaign({ ...base, listId: 'l_missing' }), 404, 'NOT_FOUND')
    expect((await t.client.campaigns()).campaigns.length).toBe(before)
  })
})
