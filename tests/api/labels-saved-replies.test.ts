// Labels on conversations (per viewer: create, colour, several per conversation, filter the
// inbox) and saved replies (per account, with the outreach templates' variables), on a real node.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestNode } from './support'
import { pair, refused, send, startTestNode, tempDir } from './support'

let t: TestNode
let dataDir: string
beforeAll(async () => {
  dataDir = await tempDir()
  t = await startTestNode({ dataDir })
})
afterAll(async () => {
  await t.stop()
})

describe('labels', () => {
  it('are made per viewer with a colour, several go on one conversation, and ?label= filters the inbox', async () => {
    const [a, b] = await pair(t)
    const c = await t.account()
    await t.client.follow(c.id, b.id)
    const ab = await send(t, a, b, 'from a')
    const cb = await send(t, c, b, 'from c')
    const { label: lead } = await t.client.createLabel(b.id, { name: 'Lead', color: 'green' })
    const { label: vip } = await t.client.createLabel(b.id, { name: 'VIP' })
    expect(lead).toEqual({ id: expect.any(String), name: 'Lead', color: 'green', createdAt: expect.any(String) })
    expect(vip.color).toBe('blue')
    await refused(t.client.createLabel(b.id, { name: 'lead' }), 409, 'LABEL_EXISTS')
    const bad = await refused(t.client.createLabel(b.id, { name: 'x', color: 'neon' as never }), 400, 'INVALID_INPUT')
    expect(bad.field).toBe('color')
    expect(await t.client.setConversationLabels(b.id, ab.conversationId, { labelIds: [lead.id, vip.id] })).toEqual({ labels: [lead.id, vip.id] })
    await t.client.setConversationLabels(b.id, cb.conversationId, { labelIds: [vip.id] })
    const withLead = (await t.client.conversations(b.id, undefined, { label: lead.id })).conversations
    expect(withLead.map((s) => s.id)).toEqual([ab.conversationId])
    const withVip = (await t.client.conversations(b.id, 'inbox', { label: vip.id })).conversations
    expect(withVip.map((s) => s.id).sort()).toEqual([ab.conversationId, cb.conversationId].sort())
    expect((await t.client.conversation(b.id, ab.conversationId)).conversation.labels).toEqual([lead.id, vip.id])
    // Only the viewer sees its labels: the other side has none, and cannot use b's.
    expect((await t.client.conversation(a.id, ab.conversationId)).conversation.labels).toEqual([])
    const foreign = await refused(t.client.setConversationLabels(a.id, ab.conversationId, { labelIds: [lead.id] }), 400, 'INVALID_INPUT')
    expect(foreign.field).toBe('labelIds')
    // Renamed, recoloured, deleted: a deleted label leaves every conversation.
    expect((await t.client.updateLabel(b.id, vip.id, { name: 'Top', color: 'purple' })).label).toMatchObject({ name: 'Top', color: 'purple' })
    await t.client.deleteLabel(b.id, lead.id)
    expect((await t.client.conversation(b.id, ab.conversationId)).conversation.labels).toEqual([vip.id])
    expect((await t.client.labels(b.id)).labels.map((l) => l.name)).toEqual(['Top'])
    await refused(t.client.deleteLabel(b.id, lead.id), 404, 'NOT_FOUND')
  })

  it('survive a restart', async () => {
    const [a, b] = await pair(t)
    const sent = await send(t, a, b)
    const { label } = await t.client.createLabel(b.id, { name: 'Follow up', color: 'orange' })
    await t.client.setConversationLabels(b.id, sent.conversationId, { labelIds: [label.id] })
    await t.stop(true)
    t = await startTestNode({ dataDir })
    expect((await t.client.labels(b.id)).labels).toEqual([label])
    expect((await t.client.conversations(b.id, 'inbox', { label: label.id })).conversations.map((c) => c.id)).toEqual([sent.conversationId])
  })
})

describe('saved replies', () => {
  it('are kept per account, checked like templates and messages, and can be changed and deleted', async () => {
    const me = await t.account()
    const other = await t.account()
    const { savedReply } = await t.client.createSavedReply(me.id, { title: 'Rates', text: '  Hi {displayName}, our rates are in the deck.  ' })
    expect(savedReply).toMatchObject({ title: 'Rates', text: 'Hi {displayName}, our rates are in the deck.' })
    const unknown = await refused(t.client.createSavedReply(me.id, { title: 'Bad', text: 'Hi {firstName}' }), 400, 'INVALID_INPUT')
    expect(unknown.field).toBe('text')
    expect(unknown.message).toMatch(/uses \{firstName\}, which is not a template variable/)
    const tooLong = await refused(t.client.createSavedReply(me.id, { title: 'Long', text: 'x'.repeat(2001) }), 400, 'INVALID_INPUT')
    expect(tooLong.field).toBe('text')
    await t.client.createSavedReply(me.id, { title: 'Address', text: 'We are at 1 Main St.' })
    expect((await t.client.savedReplies(me.id)).savedReplies.map((r) => r.title)).toEqual(['Address', 'Rates'])
    expect((await t.client.savedReplies(other.id)).savedReplies).toEqual([])
    const changed = await t.client.updateSavedReply(me.id, savedReply.id, { text: 'Hello @{handle}' })
    expect(changed.savedReply).toMatchObject({ title: 'Rates', text: 'Hello @{handle}' })
    await t.client.deleteSavedReply(me.id, savedReply.id)
    expect((await t.client.savedReplies(me.id)).savedReplies.map((r) => r.title)).toEqual(['Address'])
    await refused(t.client.deleteSavedReply(me.id, savedReply.id), 404, 'NOT_FOUND')
  })
})
