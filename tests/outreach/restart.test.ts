// A campaign survives restarts without sending anyone twice: a real node process killed with
// SIGKILL mid-campaign resumes on the same data folder; and a step persisted and sent just
// before a crash (its outcome not yet stored) is answered by R18 on resume, not sent again.
import { rm } from 'node:fs/promises'
import { afterAll, describe, expect, it } from 'vitest'
import type { AccountView } from '@shared/types'
import { stepClientId } from '../../main/outreach/scheduler'
import { assertBuilt, cluster, eventually } from '../sync/harness'
import { startOutreachNode } from './support'

describe('campaign restart', { timeout: 120_000 }, () => {
  const c = cluster()
  afterAll(() => c.cleanup())

  it('SIGKILL of the node mid-campaign: it resumes after restart and every creator gets exactly one message', async () => {
    assertBuilt()
    const node = await c.node('outreach')
    const sender = await node.account('agency_kill')
    const creators: AccountView[] = []
    for (let i = 0; i < 8; i++) {
      const creator = await node.account(`creator_kill_${i}`, { topics: ['travel'] })
      await node.client.patchSettings(creator.id, { whoCanMessageMe: 'everyone' })
      creators.push(creator)
    }
    const { list } = await node.client.createList({ name: 'Kill test', members: creators.map((x) => x.id) })
    const { template } = await node.client.createTemplate({ name: 'Hi', text: 'Hi {displayName}, a {topic} trip together?' })
    // 3600 an hour: one a second, so the kill lands mid-campaign.
    const { campaign } = await node.client.createCampaign({ account: sender.id, name: 'Kill', listId: list.id, templateId: template.id, perHour: 3600 })
    await eventually('three sends', async () => {
      const { counts } = (await node.client.campaign(campaign.id)).campaign
      return counts.sent_request >= 3
    })
    await node.kill('SIGKILL')
    await node.start()
    const done = await eventually('the campaign to finish after the restart', async () => {
      const { campaign: now } = await node.client.campaign(campaign.id)
      return now.state === 'done' && now
    })
    expect(done.counts.sent_request).toBe(creators.length)
    for (const creator of creators) {
      const { conversations } = await node.client.conversations(creator.id, 'requests')
      const conv = conversations.find((x) => x.with.id === sender.id)!
      expect((await node.client.messages(creator.id, conv.id)).messages, `@${creator.handle}`).toHaveLength(1)
    }
  })

  it('a step persisted and sent, its outcome lost in a crash: the resend after restart is a no-op (R18)', async () => {
    const first = await startOutreachNode()
    const sender = await first.account()
    const [creator] = await first.creators(1, {}, 'everyone')
    const { list } = await first.client.createList({ name: 'One', members: [creator.id] })
    const { template } = await first.client.createTemplate({ name: 'Hi', text: 'Hi {displayName}!' })
    const { campaign } = await first.client.createCampaign({ account: sender.id, name: 'Crash', listId: list.id, templateId: template.id, perHour: 60 })
    // What the scheduler does before a crash: the step is stored, then the send with its clientId.
    const clientId = stepClientId(campaign.id, creator.id, 0)
    await first.node.store.commit([{ type: 'campaign.step', campaignId: campaign.id, recipientId: creator.id, step: 0, clientId }]).durable
    const sent = await first.client.send(sender.id, { to: creator.id, text: 'Hi Creator 0!', clientId })
    await first.stop(true)

    const second = await startOutreachNode({ dataDir: first.dataDir, clock: first.clock })
    try {
      expect((await second.client.campaignRecipients(campaign.id)).recipients[0].status).toBe('queued')
      expect(await second.drain()).toBe(1)
      const [recipient] = (await second.client.campaignRecipients(campaign.id)).recipients
      expect(recipient).toMatchObject({ status: 'sent_request', sentAt: sent.message.sentAt, conversationId: sent.conversationId })
      expect((await second.client.messages(sender.id, sent.conversationId)).messages.map((m) => m.id)).toEqual([sent.message.id])
    } finally {
      await second.stop()
      await rm(first.dataDir, { recursive: true, force: true })
    }
  })
})
