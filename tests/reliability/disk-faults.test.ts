// Disk faults on a whole node (real Hono app on a real port, real files behind a fault
// wrapper of the store's file steps): a full disk (ENOSPC, the last write cut short) and a
// read-only data folder (EROFS). The node answers writes 503 STORAGE_UNAVAILABLE with a
// sentence, keeps serving reads and the event stream of what is durable, never acknowledges
// what is not on disk, loses nothing it acknowledged, and takes writes again by itself once
// the disk does, with no restart (docs/RELIABILITY.md "Disk faults").
import { afterEach, describe, expect, it } from 'vitest'
import { openEventStream } from '@shared/api'
import type { ClientEvent } from '@shared/types'
import type { DiskFault } from '../store/disk-faults'
import { DiskFaults, untilAccepted } from '../store/disk-faults'
import type { TestNode } from '../api/support'
import { cid, expectSentence, MINUTE, pair, refused, startTestNode, tempDir, TestClock, TOKEN } from '../api/support'

const running: TestNode[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((t) => t.stop()))
})

async function start(disk: DiskFaults, dataDir?: string): Promise<TestNode> {
  const t = await startTestNode({ files: disk.files, storageProbeMs: 20, dataDir })
  running.push(t)
  return t
}

for (const fault of ['ENOSPC', 'EROFS'] as DiskFault[]) {
  describe(`a node whose disk fails with ${fault}`, () => {
    it('refuses writes with 503 STORAGE_UNAVAILABLE, serves reads and durable events, recovers by itself, and a restart finds exactly what was acknowledged', async () => {
      const disk = new DiskFaults()
      const dataDir = await tempDir('envelope-disk-')
      let t = await start(disk, dataDir)
      const [a, b] = await pair(t)
      const acknowledged: string[] = []
      for (let i = 0; i < 3; i++) {
        acknowledged.push((await t.client.send(a.id, { to: b.id, text: `before ${i}`, clientId: `before-${i}` })).message.id)
      }
      const conversationId = (await t.client.conversations(b.id)).conversations[0].id
      const events: ClientEvent[] = []
      let live: () => void = () => undefined
      const isLive = new Promise<void>((resolve) => (live = resolve))
      const stream = openEventStream({ baseUrl: t.url, token: TOKEN, onEvent: (e) => events.push(e), onStatus: (s) => s === 'live' && live() })
      try {
        await isLive
        const before = t.node.store.snapshot()
        disk.fault = fault

        // The write that meets the fault: refused, with the error format and a sentence.
        const response = await fetch(`${t.url}/api/v1/accounts/${a.id}/messages`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ to: b.id, text: 'during the fault', clientId: 'during' }),
        })
        expect(response.status).toBe(503)
        expect(response.headers.get('retry-after')).toBe('5')
        const body = (await response.json()) as { error: { code: string; message: string } }
        expect(Object.keys(body)).toEqual(['error'])
        expect(body.error.code).toBe('STORAGE_UNAVAILABLE')
        expectSentence(body.error.message)
        expect(body.error.message).toMatch(fault === 'ENOSPC' ? /disk is full/ : /read-only/)

        // While it lasts: every write is refused, and nothing half-done shows.
        await refused(t.client.send(a.id, { to: b.id, text: 'during the fault', clientId: 'during' }), 503, 'STORAGE_UNAVAILABLE')
        await refused(t.client.send(b.id, { to: a.id, text: 'a reply', clientId: cid() }), 503, 'STORAGE_UNAVAILABLE')
        await refused(t.client.patchSettings(b.id, { readReceipts: false }), 503, 'STORAGE_UNAVAILABLE')

        // Reads go on, and show only what is on disk.
        const page = await t.client.messages(b.id, conversationId, { limit: 50 })
        expect(page.messages.map((m) => m.id)).toEqual(acknowledged)
        expect((await t.client.getSettings(b.id)).settings.readReceipts).toBe(true)
        expect((await t.client.listAccounts()).accounts.map((x) => x.id).sort()).toEqual([a.id, b.id].sort())
        expect((await t.client.conversations(a.id)).conversations).toHaveLength(1)
        expect(disk.refused).toBeGreaterThan(0)
        // Memory was rolled back to exactly what it held before the failed write.
        expect(t.node.store.snapshot()).toEqual(before)

        // The disk comes back: the node takes writes again by itself, no restart.
        disk.fault = null
        const retried = await untilAccepted(() => t.client.send(a.id, { to: b.id, text: 'during the fault', clientId: 'during' }))
        acknowledged.push(retried.message.id)
        acknowledged.push((await t.client.send(a.id, { to: b.id, text: 'after', clientId: 'after' })).message.id)
        await t.client.patchSettings(b.id, { readReceipts: false })
        // The retry with the same clientId is one message, not two (R18 holds across the fault).
        expect((await t.client.send(a.id, { to: b.id, text: 'during the fault', clientId: 'during' })).message.id).toBe(retried.message.id)
        expect((await t.client.messages(b.id, conversationId, { limit: 50 })).messages.map((m) => m.id)).toEqual(acknowledged)

        // The event stream saw every acknowledged message once, nothing of the refused writes,
        // and seqs without a gap: the void ones were taken back, not skipped.
        await untilAccepted(async () => {
          if (!events.some((e) => e.type === 'message.sent' && e.message?.text === 'after')) {
            throw new Error('the last message has not reached the stream yet')
          }
        })
        const sent = events.filter((e) => e.type === 'message.sent').map((e) => e.message?.text)
        expect(sent).toEqual(['during the fault', 'after'])
        const seqs = events.map((e) => e.seq)
        expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i))
      } finally {
        stream.close()
      }

      await t.stop(true)
      running.splice(running.indexOf(t), 1)
      t = await start(new DiskFaults(), dataDir)
      expect((await t.client.messages(b.id, conversationId, { limit: 50 })).messages.map((m) => m.id)).toEqual(acknowledged)
      expect((await t.client.getSettings(b.id)).settings.readReceipts).toBe(false)
    })
  })
}

describe('GET /health reports the storage state', () => {
  it('unavailable, since when and why, while the disk is full; ok again once it takes writes', async () => {
    const disk = new DiskFaults()
    const clock = new TestClock('2026-03-10T12:00:00.000Z')
    const t = await startTestNode({ files: disk.files, storageProbeMs: 20, clock })
    running.push(t)
    const [a, b] = await pair(t)
    expect((await t.client.health()).storage).toEqual({ state: 'ok', since: null, message: null })

    clock.set('2026-03-10T13:00:00.000Z')
    disk.fault = 'ENOSPC'
    await refused(t.client.send(a.id, { to: b.id, text: 'on a full disk', clientId: cid() }), 503, 'STORAGE_UNAVAILABLE')
    const after = clock.peek().toISOString()
    // Public like the rest of /health: a monitor without the token sees it too.
    const response = await fetch(`${t.url}/api/v1/health`)
    expect(response.status).toBe(200)
    const health = (await response.json()) as Awaited<ReturnType<typeof t.client.health>>
    expect(health.ok).toBe(true)
    expect(health.storage.state).toBe('unavailable')
    expectSentence(health.storage.message)
    expect(health.storage.message).toMatch(/disk is full/)
    expect(health.storage.since! >= '2026-03-10T13:00:00.000Z' && health.storage.since! <= after, health.storage.since!).toBe(true)
    // Still unavailable while the disk stays full: the probe finds nothing to recover.
    await refused(t.client.send(a.id, { to: b.id, text: 'still full', clientId: cid() }), 503, 'STORAGE_UNAVAILABLE')
    expect((await t.client.health()).storage).toEqual(health.storage)

    disk.fault = null
    await untilAccepted(() => t.client.send(a.id, { to: b.id, text: 'space again', clientId: 'space-again' }))
    expect((await t.client.health()).storage).toEqual({ state: 'ok', since: null, message: null })
  })
})

describe('background work on a full disk', () => {
  it('the campaign scheduler backs off while the disk is full (no crash, nothing sent twice) and finishes the campaign once it is not', async () => {
    const disk = new DiskFaults()
    const clock = new TestClock('2026-03-09T08:00:00.000Z')
    const t = await startTestNode({ files: disk.files, storageProbeMs: 20, clock, schedulerTickMs: 10 })
    running.push(t)
    const sender = await t.account({ displayName: 'Brand' })
    const creators = []
    for (let i = 0; i < 3; i++) {
      const creator = await t.account({ displayName: `Creator ${i}`, topics: ['food'] })
      await t.client.patchSettings(creator.id, { whoCanMessageMe: 'everyone' })
      creators.push(creator)
    }
    const { list } = await t.client.createList({ name: 'Disk test', members: creators.map((c) => c.id) })
    const { template } = await t.client.createTemplate({ name: 'Hi', text: 'Hi {displayName}!' })
    disk.fault = 'ENOSPC'
    // A campaign cannot even be created: the write is refused, nothing half-made remains.
    await refused(t.client.createCampaign({ account: sender.id, name: 'Refused', listId: list.id, templateId: template.id, perHour: 60 }), 503, 'STORAGE_UNAVAILABLE')
    disk.fault = null
    const { campaign } = await untilAccepted(() =>
      t.client.createCampaign({ account: sender.id, name: 'Full disk', listId: list.id, templateId: template.id, perHour: 60 }),
    )
    expect((await t.client.campaigns()).campaigns.map((c) => c.name)).toEqual(['Full disk'])

    disk.fault = 'ENOSPC'
    const refusedBefore = disk.refused
    // Every scheduler tick meets the full disk for a while; the node stays up and serves reads.
    for (let i = 0; i < 10; i++) {
      clock.advance(MINUTE)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    expect((await t.client.campaign(campaign.id)).campaign.name).toBe('Full disk')
    disk.fault = null
    const isSent = (status: string) => status === 'sent_request' || status === 'sent_direct'
    await untilAccepted(async () => {
      clock.advance(MINUTE)
      const { recipients } = await t.client.campaignRecipients(campaign.id)
      if (!recipients.every((r) => isSent(r.status))) {
        throw new Error(`not all sent yet: ${recipients.map((r) => r.status).join(', ')}`)
      }
    })
    expect(disk.refused).toBeGreaterThan(refusedBefore)
    // Each creator got the campaign's message exactly once.
    for (const creator of creators) {
      const [conversation] = (await t.client.conversations(creator.id, 'requests')).conversations
      expect((await t.client.messages(creator.id, conversation.id)).messages.map((m) => m.text)).toEqual([`Hi ${creator.displayName}!`])
    }
  })

  it('an auto-message (a business welcome) refused by a full disk is sent once the disk takes writes again, once, with no restart', async () => {
    const disk = new DiskFaults()
    const t = await startTestNode({ files: disk.files, storageProbeMs: 20 })
    running.push(t)
    const business = await t.account({ kind: 'business', displayName: 'Acme' })
    await t.client.patchSettings(business.id, { whoCanMessageMe: 'everyone' })
    await t.client.putBusiness(business.id, { welcome: 'Thanks for writing to Acme!', suggestedQuestions: [], keywordReplies: [] })
    const contact = await t.account()
    // The contact's message (with the business's decision to welcome) is written; the welcome's own send meets a full disk.
    disk.failAfter(1, 'ENOSPC')
    const first = await t.client.send(contact.id, { to: business.id, text: 'Hello there', clientId: 'hello' })
    await t.node.autoMessages.idle()
    expect(disk.fault).toBe('ENOSPC')
    const texts = async () => (await t.client.messages(contact.id, first.conversationId)).messages.map((m) => m.text)
    expect(await texts()).toEqual(['Hello there'])
    disk.fault = null
    await untilAccepted(async () => {
      await t.node.autoMessages.idle()
      if ((await texts()).length < 2) {
        throw new Error('no welcome yet')
      }
    })
    expect(await texts()).toEqual(['Hello there', 'Thanks for writing to Acme!'])
  })
})
