// Business auto-messages across nodes (R5, docs/SYNC.md): the contact lives on one node, the
// business on another. The business's home decides and sends the welcome, the answers and the
// keyword replies; the contact's node shows the suggested questions and the auto-messages;
// an auto-message the contact's home refuses (a block) is recorded once and not retried.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { AccountView } from '@shared/types'
import { conversationIdFor } from '../../main/store/state'
import { assertBuilt, cluster, eventually, nextClientId, pair } from './harness'
import type { TestNode } from './harness'

const TOOLS = {
  welcome: 'Welcome to Acme across the LAN!',
  suggestedQuestions: [{ question: 'Where are you based?', answer: 'Lisbon and Austin.' }],
  keywordReplies: [{ keyword: 'PRICE', reply: 'From $10 a month.' }],
}

describe('business auto-messages across nodes', { timeout: 90_000 }, () => {
  const c = cluster()
  let H: TestNode, B: TestNode
  let biz: AccountView

  const thread = async (node: TestNode, viewer: AccountView, other: AccountView) => {
    try {
      return (await node.client.messages(viewer.id, conversationIdFor(viewer.id, other.id))).messages
    } catch {
      return []
    }
  }
  const send = (from: AccountView, text: string) => H.client.send(from.id, { to: biz.id, text, clientId: nextClientId() })

  beforeAll(async () => {
    assertBuilt()
    ;[H, B] = await Promise.all([c.node('contacts'), c.node('business')])
    await pair(H, B)
    biz = await B.account('acme', { kind: 'business', displayName: 'Acme' })
    await B.client.patchSettings(biz.id, { whoCanMessageMe: 'everyone' })
    await B.client.putBusiness(biz.id, TOOLS)
  }, 60_000)
  afterAll(async () => {
    await c.cleanup()
  })

  test("R5 the contact's node shows the questions; the business's home sends welcome, answer and keyword reply once each", async () => {
    const questions = await eventually("the questions to reach the contact's node", async () => {
      const { questions } = await H.client.suggestedQuestions(biz.id)
      return questions.length > 0 && questions
    })
    expect(questions).toEqual(['Where are you based?'])
    const cora = await H.account('cora')
    expect((await send(cora, 'Hi Acme')).delivery).toBe('request')
    const afterWelcome = await eventually("the welcome on the contact's node", async () => {
      const messages = await thread(H, cora, biz)
      return messages.length >= 2 && messages
    })
    expect(afterWelcome.map((m) => [m.from, m.text, m.auto])).toEqual([
      [cora.id, 'Hi Acme', undefined],
      [biz.id, TOOLS.welcome, 'welcome'],
    ])
    await send(cora, 'Where are you based?')
    await eventually('the answer', async () => (await thread(H, cora, biz)).some((m) => m.auto === 'answer'))
    await send(cora, 'PRICE')
    const all = await eventually('the answer and the keyword reply', async () => {
      const messages = await thread(H, cora, biz)
      return messages.some((m) => m.auto === 'keyword') && messages
    })
    expect(all.map((m) => m.auto ?? null)).toEqual([null, 'welcome', null, 'answer', null, 'keyword'])
    // Both homes hold the same thread in the same order (R19).
    expect((await thread(B, biz, cora)).map((m) => m.id)).toEqual(all.map((m) => m.id))
    // 'pending' on the business's home until the contact's home has answered.
    const activity = await eventually('every verdict back at the business', async () => {
      const list = (await B.client.businessActivity(biz.id)).activity
      return list.every((a) => a.status === 'sent') && list
    })
    expect(activity.map((a) => [a.kind, a.status])).toEqual([
      ['keyword', 'sent'],
      ['answer', 'sent'],
      ['welcome', 'sent'],
    ])
  })

  test("R11 a welcome the contact's home refuses (a block made meanwhile) shows as refused to the business, once", async () => {
    const dora = await H.account('dora')
    // H takes none of B's events for a while: B's welcome waits, and dora blocks Acme meanwhile.
    await H.holding(B, 'events', async () => {
      await send(dora, 'Hello from Dora')
      await eventually('the welcome to be planned', async () => (await B.client.businessActivity(biz.id)).activity.some((a) => a.to.id === dora.id))
      await H.client.block(dora.id, biz.id)
    })
    const refused = await eventually('the welcome to be refused', async () => {
      const entry = (await B.client.businessActivity(biz.id)).activity.find((a) => a.to.id === dora.id)
      return entry?.status === 'refused' && entry
    })
    expect(refused).toMatchObject({ kind: 'welcome', status: 'refused', code: 'BLOCKED', reason: expect.stringMatching(/blocked/) })
    // Never delivered, never sent again.
    await eventually('the peers to be in sync', async () => (await H.peer(B))?.eventsBehind === 0 && (await B.peer(H))?.eventsBehind === 0)
    expect((await thread(H, dora, biz)).map((m) => m.from)).toEqual([dora.id])
    expect((await B.client.businessActivity(biz.id)).activity.filter((a) => a.to.id === dora.id)).toHaveLength(1)
  })
})
