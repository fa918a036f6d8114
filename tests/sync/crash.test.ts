// Nothing lost, nothing doubled: nodes killed with SIGKILL while messages flow to them,
// restarted on the same data folder, converge to the same history in the same order.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { AccountView, Message } from '@shared/types'
import { conversationIdFor } from '../../main/store/state'
import { assertBuilt, cluster, eventually, nextClientId, pair } from './harness'
import type { TestNode } from './harness'

describe('crash and restart', { timeout: 120_000 }, () => {
  const c = cluster()
  let A: TestNode, B: TestNode, C: TestNode
  let a: AccountView, b: AccountView, cc: AccountView

  const history = async (node: TestNode, viewer: AccountView, other: AccountView): Promise<Message[]> =>
    (await node.client.messages(viewer.id, conversationIdFor(viewer.id, other.id), { limit: 100 })).messages

  beforeAll(async () => {
    assertBuilt()
    ;[A, B, C] = await Promise.all([c.node('ka'), c.node('kb'), c.node('kc')])
    await pair(A, B)
    await pair(B, C)
    await pair(C, A)
    ;[a, b, cc] = await Promise.all([A.account('ann'), B.account('bea'), C.account('cid')])
    // Everyone follows everyone: every send is direct, so every acknowledged one must arrive.
    for (const [node, me] of [[A, a], [B, b], [C, cc]] as const) {
      for (const other of [a, b, cc].filter((x) => x.id !== me.id)) {
        await eventually(`${node.name} to know ${other.handle}`, async () => (await node.client.getAccount(other.id)).account)
        await node.client.follow(me.id, other.id)
      }
    }
    for (const [node, me, other] of [[A, a, b], [C, cc, b], [B, b, a]] as const) {
      await eventually('follows to replicate', async () => (await node.client.relation(me.id, other.id)).relation.preview.ok)
    }
  }, 60_000)
  afterAll(() => c.cleanup())

  test('SIGKILL the recipient home mid-stream, then the sender home with its outbox full: all arrive once, in one order', async () => {
    const acked = { ab: [] as string[], cb: [] as string[], ba: [] as string[] }
    let running = true
    let bUp = true
    const loop = async (node: () => TestNode, from: AccountView, to: AccountView, list: string[], needs: () => boolean) => {
      for (let i = 0; running; i++) {
        if (!needs()) {
          await new Promise((r) => setTimeout(r, 20))
          continue
        }
        try {
          const res = await node().client.send(from.id, { to: to.id, text: `${from.handle} #${i}`, clientId: nextClientId() })
          list.push(res.message.id) // acknowledged: it must survive anything from here on
        } catch {
          await new Promise((r) => setTimeout(r, 20)) // not acknowledged (its node is down)
        }
      }
    }
    const loops = [
      loop(() => A, a, b, acked.ab, () => true),
      loop(() => C, cc, b, acked.cb, () => true),
      loop(() => B, b, a, acked.ba, () => bUp),
    ]
    await eventually('sends to flow', () => acked.ab.length >= 10 && acked.cb.length >= 10 && acked.ba.length >= 5)
    await B.kill('SIGKILL')
    bUp = false
    const [ab0, cb0] = [acked.ab.length, acked.cb.length]
    await eventually('sends while B is down', () => acked.ab.length >= ab0 + 10 && acked.cb.length >= cb0 + 10)
    running = false
    await Promise.all(loops)
    // While B is away its peers keep what they owe it, durably.
    expect((await A.peer(B))?.eventsBehind).toBeGreaterThan(0)
    expect((await history(A, a, b)).some((m) => m.delivery === 'pending')).toBe(true)
    // Now the sender home dies too, with those messages still in its outbox.
    await A.kill('SIGKILL')
    const restartedAt = Date.now()
    await B.start()
    await A.start()
    const converged = await eventually(
      'all three nodes to agree',
      async () => {
        const [onA, onBa, onBc, onC] = await Promise.all([history(A, a, b), history(B, b, a), history(B, b, cc), history(C, cc, b)])
        const same = (x: Message[], y: Message[]) => x.length === y.length && x.every((m, i) => m.id === y[i].id)
        const settled = [...onA, ...onC].every((m) => m.delivery === undefined)
        return settled && same(onA, onBa) && same(onC, onBc) ? { onA, onC } : undefined
      },
      30_000,
    )
    const latency = Date.now() - restartedAt
    const idsAB = converged.onA.map((m) => m.id)
    const idsCB = converged.onC.map((m) => m.id)
    // Every acknowledged message exactly once, on both homes, in the one order (R19).
    for (const id of [...acked.ab, ...acked.ba]) {
      expect(idsAB.filter((x) => x === id)).toHaveLength(1)
    }
    for (const id of acked.cb) {
      expect(idsCB.filter((x) => x === id)).toHaveLength(1)
    }
    expect(new Set(idsAB).size).toBe(idsAB.length)
    expect(new Set(idsCB).size).toBe(idsCB.length)
    const keys = converged.onA.map((m) => `${m.sentAt}|${m.id}`)
    expect([...keys].sort()).toEqual(keys)
    // Peers found each other again on their new API ports, and nobody is behind.
    await eventually('peers to be online and caught up', async () => {
      const views = [await A.peer(B), await C.peer(B), await B.peer(A), await B.peer(C)]
      return views.every((p) => p?.online && p.eventsBehind === 0)
    })
    expect((await C.peer(B))?.url).toBe(B.url)
    expect((await C.peer(A))?.url).toBe(A.url)
    // C was never told about a and b's conversation: message events go only to participants' homes.
    await expect(C.client.messages(cc.id, conversationIdFor(a.id, b.id))).rejects.toMatchObject({ code: 'NOT_FOUND' })
    console.info(`sync converged ${latency} ms after the restarts (${idsAB.length} + ${idsCB.length} messages)`)
  })
})
