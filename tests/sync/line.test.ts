// Beyond a full mesh: three nodes in a line (A-B and B-C paired, A and C not). Accounts on A
// and C reach each other through B both ways; C's home still decides (a refusal made there
// while A's replica is stale), and a SIGKILL of B in the middle loses and doubles nothing.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { AccountView, Message } from '@shared/types'
import { conversationIdFor } from '../../main/store/state'
import { assertBuilt, cluster, eventually, nextClientId, pair, refusal, wholeThread } from './harness'
import type { TestNode } from './harness'

describe('three nodes in a line', { timeout: 120_000 }, () => {
  const c = cluster()
  let A: TestNode, B: TestNode, C: TestNode
  let ada: AccountView, cyd: AccountView

  const thread = (node: TestNode, viewer: AccountView, other: AccountView): Promise<Message[]> => wholeThread(node, viewer.id, conversationIdFor(viewer.id, other.id))
  const knows = (node: TestNode, account: AccountView) =>
    eventually(`${node.name} to know @${account.handle}`, async () => (await node.client.getAccount(account.id)).account)
  const send = (node: TestNode, from: AccountView, to: AccountView, text: string) => node.client.send(from.id, { to: to.id, text, clientId: nextClientId() })

  beforeAll(async () => {
    assertBuilt()
    ;[A, B, C] = await Promise.all([c.node('la'), c.node('lb'), c.node('lc')])
    await pair(A, B)
    await pair(C, B)
    ;[ada, cyd] = await Promise.all([A.account('ada'), C.account('cyd')])
    // Profiles and follows cross B: A and C learn of each other's accounts through it.
    await knows(A, cyd)
    await knows(C, ada)
    await A.client.follow(ada.id, cyd.id)
    await C.client.follow(cyd.id, ada.id)
    await eventually(
      'the follows to cross B',
      async () => (await A.client.relation(ada.id, cyd.id)).relation.preview.ok && (await C.client.relation(cyd.id, ada.id)).relation.preview.ok,
    )
  }, 60_000)
  afterAll(() => c.cleanup())

  test('A and C are not paired, yet messages cross B both ways with their final verdict', async () => {
    expect((await A.client.peers()).peers.map((p) => p.id)).toEqual([B.nodeId])
    expect((await C.client.peers()).peers.map((p) => p.id)).toEqual([B.nodeId])
    const there = await send(A, ada, cyd, 'hello from A')
    const back = await send(C, cyd, ada, 'hello from C')
    // The send's reply waits for the verdict that C's home (then A's) gave, through B.
    expect([there.delivery, back.delivery]).toEqual(['direct', 'direct'])
    await eventually('both homes to hold both', async () => (await thread(A, ada, cyd)).length === 2 && (await thread(C, cyd, ada)).length === 2)
    expect((await thread(A, ada, cyd)).map((m) => m.text)).toEqual(['hello from A', 'hello from C'])
    expect((await thread(C, cyd, ada)).map((m) => m.id)).toEqual((await thread(A, ada, cyd)).map((m) => m.id))
  })

  test("a refusal decided on C's home while A still thinks the send is fine", async () => {
    const cora = await C.account('cora')
    await knows(A, cora)
    await A.client.follow(ada.id, cora.id)
    await eventually('A to predict a direct send', async () => (await A.client.relation(ada.id, cora.id)).relation.preview.ok)
    // B stops taking in C's events: neither B nor A hears of the block. Verdicts that C
    // answers B's pushes with still come back.
    const err = await B.holding(C, 'events', async () => {
      await C.client.block(cora.id, ada.id)
      expect((await A.client.relation(ada.id, cora.id)).relation.preview.ok).toBe(true)
      return refusal(send(A, ada, cora, 'are you there?'))
    })
    expect([err.status, err.code]).toEqual([403, 'BLOCKED'])
    expect((await thread(A, ada, cora)).map((m) => [m.text, m.delivery, m.refused?.code])).toEqual([['are you there?', 'refused', 'BLOCKED']])
    expect(await thread(C, cora, ada)).toEqual([])
    await eventually('the block to reach A through B', async () => !(await A.client.relation(ada.id, cora.id)).relation.preview.ok)
  })

  test('SIGKILL of B mid-stream: everything acknowledged arrives once, in one order, on both homes', async () => {
    const acked = { ac: [] as string[], ca: [] as string[] }
    let running = true
    const loop = async (node: TestNode, from: AccountView, to: AccountView, list: string[]) => {
      for (let i = 0; running && i < 400; i++) {
        const res = await send(node, from, to, `${from.handle} #${i}`)
        list.push(res.message.id) // acknowledged: it must survive anything from here on
        await new Promise((r) => setTimeout(r, 15))
      }
    }
    const loops = [loop(A, ada, cyd, acked.ac), loop(C, cyd, ada, acked.ca)]
    await eventually('sends to flow', () => acked.ac.length >= 5 && acked.ca.length >= 5)
    await B.kill('SIGKILL')
    const atKill = acked.ac.length + acked.ca.length
    // With the relay gone, sends are still taken (pending, durable in each home's outbox).
    await eventually('sends to go on while B is down', () => acked.ac.length + acked.ca.length >= atKill + 10)
    await B.start()
    await eventually('more sends after B is back', () => acked.ac.length + acked.ca.length >= atKill + 20)
    running = false
    await Promise.all(loops)
    const all = [...acked.ac, ...acked.ca]
    const [onA, onC] = await eventually(
      'both homes to hold every acknowledged message, decided',
      async () => {
        const [x, y] = [await thread(A, ada, cyd), await thread(C, cyd, ada)]
        const decided = x.every((m) => m.delivery === undefined)
        const ids = new Set(x.map((m) => m.id))
        return decided && all.every((id) => ids.has(id)) && y.length === x.length ? [x, y] : undefined
      },
      60_000,
    )
    expect(onA.map((m) => m.id)).toEqual(onC.map((m) => m.id))
    expect(new Set(onA.map((m) => m.id)).size).toBe(onA.length)
    expect(onA.length).toBe(all.length + 2)
  })
})
