// Business tools on a real node (R5, docs/API.md "Business tools"): GET/PUT with its refusal
// order, the welcome once per conversation (also across restarts and a crash between decision
// and send), suggested questions and keyword replies on exact matches only, nothing while the
// setting is not `everyone`, and auto-messages refused by the rules recorded, not retried.
import { afterEach, describe, expect, it } from 'vitest'
import type { AccountView } from '@shared/types'
import { planAutoMessages } from '../../main/outreach/business/plan'
import { conversationIdFor, Store } from '../../main/store'
import type { TestNode } from './support'
import { api, cid, policyWith, refused, send, startTestNode, tempDir, TestClock } from './support'

const nodes: TestNode[] = []
afterEach(async () => {
  for (const n of nodes.splice(0)) {
    await n.stop()
  }
})

async function node(options: Parameters<typeof startTestNode>[0] = {}): Promise<TestNode> {
  const t = await startTestNode({ clock: new TestClock(), ...options })
  nodes.push(t)
  return t
}

const TOOLS = {
  welcome: 'Thanks for writing to Acme! We answer within a day.',
  suggestedQuestions: [
    { question: 'What are your opening hours?', answer: 'Nine to five, Monday to Friday.' },
    { question: 'Do you ship abroad?', answer: 'Yes, to 40 countries.' },
  ],
  keywordReplies: [{ keyword: 'PRICE', reply: 'Plans start at $10 a month.' }],
}

/** A US business open to everyone with the tools above. */
async function business(t: TestNode, overrides: Parameters<TestNode['account']>[0] = {}): Promise<AccountView> {
  const b = await t.account({ kind: 'business', displayName: 'Acme', ...overrides })
  await t.client.patchSettings(b.id, { whoCanMessageMe: 'everyone' })
  await t.client.putBusiness(b.id, TOOLS)
  return b
}

/** Waits until the node has sent (or given up on) every auto-message it planned. */
const settle = (t: TestNode) => t.node.autoMessages.idle()

async function thread(t: TestNode, viewer: AccountView, other: AccountView) {
  return (await t.client.messages(viewer.id, conversationIdFor(viewer.id, other.id))).messages
}

describe('GET/PUT /accounts/{account}/business (R5)', () => {
  it('R5 a personal account gets 403 BUSINESS_ONLY, an EU/EEA business 403 NOT_AVAILABLE_IN_REGION, in that order before INVALID_INPUT', async () => {
    const t = await node()
    const personal = await t.account({ region: 'DE' })
    const eu = await t.account({ kind: 'business', region: 'FR' })
    const us = await t.account({ kind: 'business' })
    const tooLong = { welcome: 'x'.repeat(251) }
    await refused(t.client.business(personal.id), 403, 'BUSINESS_ONLY')
    await refused(t.client.putBusiness(personal.id, tooLong), 403, 'BUSINESS_ONLY')
    await refused(t.client.business(eu.id), 403, 'NOT_AVAILABLE_IN_REGION')
    await refused(t.client.putBusiness(eu.id, tooLong), 403, 'NOT_AVAILABLE_IN_REGION')
    const err = await refused(t.client.putBusiness(us.id, tooLong), 400, 'INVALID_INPUT')
    expect(err.field).toBe('welcome')
    const q = await refused(t.client.putBusiness(us.id, { suggestedQuestions: [{ question: 'Hours?', answer: 'x'.repeat(201) }] }), 400, 'INVALID_INPUT')
    expect(q.field).toBe('suggestedQuestions.0.answer')
    // Not JSON at all is INVALID_INPUT too, and for a personal account still BUSINESS_ONLY first.
    const raw = await api(t.url, 'PUT', `/api/v1/accounts/${us.id}/business`, { body: '{nope', headers: { 'Content-Type': 'application/json' } })
    expect(raw.status).toBe(400)
    expect(raw.body.error?.code).toBe('INVALID_INPUT')
    const rawPersonal = await api(t.url, 'PUT', `/api/v1/accounts/${personal.id}/business`, { body: '{nope', headers: { 'Content-Type': 'application/json' } })
    expect(rawPersonal.body.error?.code).toBe('BUSINESS_ONLY')
    // Nothing was stored by the refusals.
    expect((await t.client.business(us.id)).business).toEqual({ welcome: null, suggestedQuestions: [], keywordReplies: [] })
  })

  it('R5 saves the tools, says they are off until the setting is `everyone`, and keeps them across a restart', async () => {
    const dataDir = await tempDir()
    const t = await node({ dataDir })
    const b = await t.account({ kind: 'business' })
    const saved = await t.client.putBusiness(b.id, TOOLS)
    expect(saved).toEqual({ business: TOOLS, status: { active: false, off: { code: 'NOT_EVERYONE', message: expect.stringMatching(/Everyone/) } } })
    await t.client.patchSettings(b.id, { whoCanMessageMe: 'everyone' })
    expect((await t.client.business(b.id)).status).toEqual({ active: true, off: null })
    await t.stop(true)
    nodes.pop()
    const again = await node({ dataDir })
    expect(await again.client.business(b.id)).toEqual({ business: TOOLS, status: { active: true, off: null } })
    // A field left out of a PUT means none.
    expect((await again.client.putBusiness(b.id, { welcome: 'Hi' })).business).toEqual({ welcome: 'Hi', suggestedQuestions: [], keywordReplies: [] })
  })
})

describe('the welcome message (R5)', () => {
  it('R5 is sent once per conversation, right after the first message of someone who never wrote, and marked automatic', async () => {
    const t = await node()
    const b = await business(t)
    const contact = await t.account()
    const first = await send(t, contact, b, 'Hello there')
    expect(first.delivery).toBe('request')
    await settle(t)
    const seen = await thread(t, contact, b)
    expect(seen.map((m) => [m.from, m.text, m.auto])).toEqual([
      [contact.id, 'Hello there', undefined],
      [b.id, TOOLS.welcome, 'welcome'],
    ])
    await send(t, contact, b, 'Anyone there?')
    await send(t, contact, b, 'Hello again')
    await settle(t)
    const after = await thread(t, contact, b)
    expect(after.filter((m) => m.auto === 'welcome')).toHaveLength(1)
    // A second contact gets its own welcome.
    const other = await t.account()
    await send(t, other, b, 'Hi')
    await settle(t)
    expect((await thread(t, other, b)).map((m) => m.auto)).toEqual([undefined, 'welcome'])
    const { activity } = await t.client.businessActivity(b.id)
    expect(activity.map((a) => [a.kind, a.to.id, a.status])).toEqual([
      ['welcome', other.id, 'sent'],
      ['welcome', contact.id, 'sent'],
    ])
  })

  it('R5 is not sent again after a restart, nor to someone who wrote before the tools were on, nor in reply to outreach', async () => {
    const dataDir = await tempDir()
    const t = await node({ dataDir })
    const b = await business(t)
    const contact = await t.account()
    await send(t, contact, b, 'Hello')
    await settle(t)
    await t.stop(true)
    nodes.pop()
    const again = await node({ dataDir })
    await send(again, contact, b, 'Back again')
    await again.node.autoMessages.idle()
    const messages = await thread(again, contact, b)
    expect(messages.filter((m) => m.auto === 'welcome')).toHaveLength(1)
    expect(messages).toHaveLength(3)
    // Someone who wrote while the tools were off never gets a welcome later.
    const early = await again.account()
    await again.client.patchSettings(b.id, { whoCanMessageMe: 'followers' })
    await again.client.follow(early.id, b.id)
    await send(again, early, b, 'Hi, early bird here')
    await again.client.patchSettings(b.id, { whoCanMessageMe: 'everyone' })
    await send(again, early, b, 'Still there?')
    await again.node.autoMessages.idle()
    expect((await thread(again, early, b)).some((m) => m.auto)).toBe(false)
    // A reply to the business's own outreach is not a new conversation: no welcome either.
    const creator = await again.account()
    await again.client.follow(b.id, creator.id)
    await send(again, b, creator, 'Hi! We would love to work with you.')
    await send(again, creator, b, 'Sounds great, tell me more')
    await again.node.autoMessages.idle()
    expect((await thread(again, creator, b)).some((m) => m.auto)).toBe(false)
  })

  it('R5 R18 a decision persisted before a crash is sent at the next start, once, even when the send itself had happened', async () => {
    const dataDir = await tempDir()
    const t = await node({ dataDir })
    const b = await business(t)
    const [one, two] = [await t.account(), await t.account()]
    await t.stop(true)
    nodes.pop()
    // What a node killed between deciding and sending leaves behind: the contact's message
    // stored with its planned welcome (one atomic append), and for the second contact the
    // welcome already sent but its outcome not yet recorded.
    const store = await Store.open({ dataDir })
    const at = new Date().toISOString()
    const incoming = (from: AccountView, id: string) => ({
      id,
      conversationId: conversationIdFor(from.id, b.id),
      from: from.id,
      to: b.id,
      text: 'Hi from before the crash',
      sentAt: at,
      clientId: cid(),
      delivery: 'request' as const,
    })
    for (const [contact, id] of [[one, 'm_crash_one'], [two, 'm_crash_two']] as const) {
      const message = incoming(contact, id)
      const plans = planAutoMessages(store, message)
      expect(plans).toHaveLength(1)
      await store.commit([{ type: 'message.sent', conversationId: message.conversationId, message, newConversation: true, acceptsRequest: false }, ...plans]).durable
    }
    const welcomeTwo = {
      id: 'm_welcome_two',
      conversationId: conversationIdFor(two.id, b.id),
      from: b.id,
      to: two.id,
      text: TOOLS.welcome,
      sentAt: new Date(Date.now() + 1).toISOString(),
      clientId: 'auto.welcome.m_crash_two',
      delivery: 'direct' as const,
      auto: 'welcome' as const,
    }
    await store.commit([{ type: 'message.sent', conversationId: welcomeTwo.conversationId, message: welcomeTwo, newConversation: false, acceptsRequest: true }]).durable
    await store.close()

    const again = await node({ dataDir, clock: undefined })
    await again.node.autoMessages.idle()
    for (const contact of [one, two]) {
      const welcomes = (await thread(again, contact, b)).filter((m) => m.auto === 'welcome')
      expect(welcomes, contact.handle).toHaveLength(1)
    }
    const { activity } = await again.client.businessActivity(b.id)
    expect(activity.map((a) => a.status)).toEqual(['sent', 'sent'])
    expect(activity.find((a) => a.to.id === two.id)?.messageId).toBe('m_welcome_two')
  })
})

describe('suggested questions and keyword replies (R5)', () => {
  it('R5 a contact sees the questions; sending one gets its answer back as an auto-message', async () => {
    const t = await node()
    const b = await business(t)
    const contact = await t.account()
    expect(await t.client.suggestedQuestions(b.id)).toEqual({ questions: TOOLS.suggestedQuestions.map((s) => s.question) })
    await send(t, contact, b, TOOLS.suggestedQuestions[1].question)
    await settle(t)
    expect((await thread(t, contact, b)).map((m) => [m.text, m.auto])).toEqual([
      [TOOLS.suggestedQuestions[1].question, undefined],
      [TOOLS.welcome, 'welcome'],
      [TOOLS.suggestedQuestions[1].answer, 'answer'],
    ])
  })

  it('R5 a keyword is answered on an exact, whole, case-sensitive match only', async () => {
    const t = await node()
    const b = await business(t)
    const contact = await t.account()
    await send(t, contact, b, 'hello')
    await settle(t)
    for (const text of ['price', 'Price', 'PRICE?', 'What is the PRICE', '  PRICE  ']) {
      await send(t, contact, b, text)
    }
    await settle(t)
    const replies = (await thread(t, contact, b)).filter((m) => m.auto === 'keyword')
    // Only the last one: R14 stores "  PRICE  " trimmed, so it is exactly the keyword.
    expect(replies.map((m) => m.text)).toEqual([TOOLS.keywordReplies[0].reply])
    await send(t, contact, b, 'PRICE')
    await settle(t)
    expect((await thread(t, contact, b)).filter((m) => m.auto === 'keyword')).toHaveLength(2)
  })

  it('R5 nothing is sent while the setting is not `everyone`, and no questions are shown', async () => {
    const t = await node()
    const b = await business(t)
    const contact = await t.account()
    await t.client.follow(contact.id, b.id)
    for (const who of ['followers', 'mutual'] as const) {
      await t.client.patchSettings(b.id, { whoCanMessageMe: who })
      if (who === 'mutual') {
        await t.client.follow(b.id, contact.id)
      }
      expect(await t.client.suggestedQuestions(b.id)).toEqual({ questions: [] })
      await send(t, contact, b, 'PRICE')
      await send(t, contact, b, TOOLS.suggestedQuestions[0].question)
      await settle(t)
    }
    expect((await thread(t, contact, b)).some((m) => m.from === b.id)).toBe(false)
    expect((await t.client.businessActivity(b.id)).activity).toEqual([])
  })

  it('R5 an EU/EEA business never auto-replies, whatever its setting', async () => {
    const t = await node()
    const eu = await t.account({ kind: 'business', region: 'NL' })
    await t.client.patchSettings(eu.id, { whoCanMessageMe: 'everyone' })
    const contact = await t.account()
    await send(t, contact, eu, 'PRICE')
    await settle(t)
    expect(await thread(t, contact, eu)).toHaveLength(1)
    expect(await t.client.suggestedQuestions(eu.id)).toEqual({ questions: [] })
  })
})

describe('auto-messages refused by the rules (R5, R12)', () => {
  it('R12 an auto-message over the daily cap is refused once, shown in the activity, and not retried after a restart', async () => {
    const dataDir = await tempDir()
    // An unverified business has the personal caps: here 2 messages a day.
    const policy = policyWith({ personal: { messagesPerDay: 2 } })
    const t = await node({ dataDir, policy })
    const b = await business(t)
    for (let i = 0; i < 2; i++) {
      const friend = await t.account()
      await t.client.follow(b.id, friend.id)
      await send(t, b, friend, `Hello friend ${i}`)
    }
    const contact = await t.account()
    await send(t, contact, b, 'PRICE')
    await settle(t)
    const { activity } = await t.client.businessActivity(b.id)
    expect(activity.map((a) => [a.kind, a.status, a.code])).toEqual([
      ['keyword', 'refused', 'DAILY_CAP'],
      ['welcome', 'refused', 'DAILY_CAP'],
    ])
    expect(activity[0].reason).toMatch(/limit/)
    await t.stop(true)
    nodes.pop()
    const again = await node({ dataDir, policy })
    await again.node.autoMessages.idle()
    const later = (await again.client.businessActivity(b.id)).activity
    expect(later.map((a) => [a.status, a.finishedAt])).toEqual(activity.map((a) => [a.status, a.finishedAt]))
    expect((await thread(again, contact, b)).filter((m) => m.from === b.id)).toEqual([])
  })
})
