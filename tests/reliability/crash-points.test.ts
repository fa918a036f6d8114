// SIGKILL at the interesting moments, landed deterministically by crash points armed in the
// node process (main/lib/crash-point.ts, ENVELOPE_TEST_CRASH_AT): in the middle of a segment
// roll-over (the sealed copy written, the table not yet / the table written, the active file
// not yet removed / the next segment appended to while the full one is still sealing / the
// next segment's spare file made), of a campaign tick (the step persisted, not sent / sent, its outcome not
// stored), and of a sync pull between three nodes (a page fetched, not applied / applied, the
// cursor not moved). After a restart: nothing acknowledged lost, nothing doubled, the campaign
// resumes without a second send (R18), the three nodes converge.
import { afterAll, describe, expect, it } from 'vitest'
import type { AccountView } from '@shared/types'
import type { CrashPointName } from '../../main/lib/crash-point'
import { conversationIdFor } from '../../main/store/state'
import { assertBuilt, cluster, eventually, pair, TestNode, wholeThread } from '../sync/harness'
import { armed, diedAt, lossAndDoubles, runUntilCrash, unanswered } from './crash-support'

/** `npm test` takes one point of each pair; `npm run soak` sets ENVELOPE_CRASH_POINTS=all. */
const ALL = process.env.ENVELOPE_CRASH_POINTS === 'all'
// `seal:appended-while-sealing`: the next active segment took an append while the full one is
// still being sealed in the background, so both active files are on disk at the crash.
// `seal:spare-made`: the next segment's file made ahead of the roll-over, empty, beside the
// active one (and perhaps a full one being sealed): the restart must take it as the spare.
const SEAL_POINTS: CrashPointName[] = ALL
  ? ['seal:segment-written', 'seal:table-written', 'seal:appended-while-sealing', 'seal:spare-made']
  : ['seal:segment-written', 'seal:appended-while-sealing', 'seal:spare-made']
const CAMPAIGN_POINTS: CrashPointName[] = ALL ? ['campaign:step-persisted', 'campaign:sent'] : ['campaign:sent']
/** Records per segment: a roll-over every few sends. */
const SEGMENT = { ENVELOPE_TEST_SEGMENT_SIZE: '8' }
const CLIENTS = 4

// Concurrent: each test has its own node processes and mostly waits on them (pacing, restarts).
describe.concurrent('crash points', { timeout: 120_000 }, () => {
  const c = cluster()
  const restarted: TestNode[] = []
  /** What each point's test checked, printed for docs/RELIABILITY.md by `npm run soak`. */
  const figures: Record<string, Record<string, number>> = {}
  afterAll(async () => {
    if (process.env.ENVELOPE_FIGURES) {
      process.stdout.write(`crash-points ${JSON.stringify(figures)}\n`)
    }
    await Promise.all(restarted.map((n) => n.kill('SIGKILL')))
    await c.cleanup()
  })

  /** The same data folder, started again without the crash point. */
  async function restart(node: TestNode, env: Record<string, string> = {}): Promise<TestNode> {
    const again = new TestNode(node.name, node.dataDir, { env })
    restarted.push(again)
    return again.start()
  }

  it.each(SEAL_POINTS)('SIGKILL at %s during a segment roll-over: nothing acknowledged lost or doubled', async (point) => {
    assertBuilt()
    const node = await c.node(`seal-${point.split(':')[1]}`, { env: armed(point, 6, SEGMENT) })
    const recipient = await node.account('seal_inbox')
    const senders: AccountView[] = []
    for (let i = 0; i < CLIENTS; i++) {
      senders.push(await node.account(`seal_sender_${i}`))
      await node.client.follow(senders[i].id, recipient.id)
    }
    const acknowledged: string[][] = senders.map(() => [])
    const unansweredSend: ({ to: string; text: string; clientId: string } | null)[] = senders.map(() => null)
    // Each client sends until its send goes unanswered: the node died at the sixth seal.
    await Promise.all(
      senders.map(async (sender, i) => {
        for (let n = 0; n < 200; n++) {
          const body = { to: recipient.id, text: `${point} client ${i} message ${n}`, clientId: `${point}-${i}-${n}` }
          try {
            await node.client.send(sender.id, body)
            acknowledged[i].push(body.text)
          } catch (error) {
            if (!unanswered(error)) {
              throw error
            }
            unansweredSend[i] = body
            return
          }
        }
      }),
    )
    await diedAt(node, point)
    const again = await restart(node, SEGMENT)
    // The unanswered sends again, with the same clientId (R18): stored once at most.
    for (const [i, body] of unansweredSend.entries()) {
      if (body) {
        await again.client.send(senders[i].id, body)
        acknowledged[i].push(body.text)
      }
    }
    // Two more roll-overs after the recovery, then a plain restart reads it all back.
    for (let n = 0; n < 16; n++) {
      const text = `${point} after restart ${n}`
      await again.client.send(senders[0].id, { to: recipient.id, text, clientId: `${point}-after-${n}` })
      acknowledged[0].push(text)
    }
    await again.kill('SIGKILL')
    const third = await restart(node, SEGMENT)
    for (let i = 0; i < CLIENTS; i++) {
      const texts = (await wholeThread(third, recipient.id, conversationIdFor(recipient.id, senders[i].id))).map((m) => m.text)
      expect(lossAndDoubles(acknowledged[i], texts), `client ${i}`).toEqual({ lost: [], doubled: [] })
      // Order kept: what was acknowledged appears in that order.
      expect(texts.filter((t) => acknowledged[i].includes(t))).toEqual(acknowledged[i])
    }
    expect(acknowledged.flat().length).toBeGreaterThan(24)
    figures[point] = { acknowledged: acknowledged.flat().length, retriedAfterRestart: unansweredSend.filter(Boolean).length, lost: 0, storedTwice: 0 }
  })

  it.each(CAMPAIGN_POINTS)('SIGKILL at %s in a campaign tick: it resumes, every creator gets exactly one message', async (point) => {
    const node = await c.node(`campaign-${point.split(':')[1]}`, { env: armed(point, 2) })
    const sender = await node.account('agency_crash')
    const creators: AccountView[] = []
    for (let i = 0; i < 3; i++) {
      const creator = await node.account(`creator_crash_${i}`)
      await node.client.patchSettings(creator.id, { whoCanMessageMe: 'everyone' })
      creators.push(creator)
    }
    const { list } = await node.client.createList({ name: 'Crash points', members: creators.map((x) => x.id) })
    const { template } = await node.client.createTemplate({ name: 'Hi', text: 'Hi {displayName}!' })
    // 3600 an hour: one send a second; the second step kills the node.
    const { campaign } = await node.client.createCampaign({ account: sender.id, name: 'Crash', listId: list.id, templateId: template.id, perHour: 3600 })
    await diedAt(node, point)
    const again = await restart(node)
    const done = await eventually('the campaign to finish after the restart', async () => {
      const { campaign: now } = await again.client.campaign(campaign.id)
      return now.state === 'done' && now
    })
    expect(done.counts.sent_request).toBe(creators.length)
    for (const creator of creators) {
      const thread = await wholeThread(again, creator.id, conversationIdFor(creator.id, sender.id))
      expect(
        thread.map((m) => m.text),
        `@${creator.handle}`,
      ).toEqual([`Hi ${creator.displayName}!`])
    }
    figures[point] = { creators: creators.length, messagesEach: 1 }
  })

  it('SIGKILL in the middle of a sync pull between three nodes (fetched, not applied; applied, cursor not moved): they converge, nothing doubled', async () => {
    const [a, b, nodeC] = await Promise.all([c.node('pull-a'), c.node('pull-b'), c.node('pull-c')])
    await pair(a, b)
    await pair(b, nodeC)
    await pair(nodeC, a)
    const [alice, bob, carol] = [await a.account('pull_alice'), await b.account('pull_bob'), await nodeC.account('pull_carol')]
    // Follows both ways: every send is direct, so every acknowledged one must arrive.
    for (const [node, me, other] of [
      [a, alice, carol],
      [b, bob, carol],
      [nodeC, carol, alice],
      [nodeC, carol, bob],
    ] as const) {
      await eventually(`${node.name} to know ${other.handle}`, async () => (await node.client.getAccount(other.id)).account)
      await node.client.follow(me.id, other.id)
    }
    for (const [node, me, other] of [
      [a, alice, carol],
      [b, bob, carol],
      [nodeC, carol, alice],
    ] as const) {
      await eventually('follows to replicate', async () => (await node.client.relation(me.id, other.id)).relation.preview.ok)
    }
    // Acknowledged on C before it goes down: carol's messages to alice.
    const toAlice: string[] = []
    for (let n = 0; n < 5; n++) {
      toAlice.push(`carol to alice ${n}`)
      await nodeC.client.send(carol.id, { to: alice.id, text: toAlice[n], clientId: `pull-carol-${n}` })
    }
    await nodeC.kill('SIGKILL')
    // While C is down, A and B accept sends to carol as pending (acknowledged, owed to C).
    const toCarol = new Map<string, string[]>([
      [alice.id, []],
      [bob.id, []],
    ])
    for (const [node, from, count] of [
      [a, alice, 60],
      [b, bob, 30],
    ] as const) {
      for (let n = 0; n < count; n++) {
        const text = `${from.handle} to carol ${n}`
        const { message } = await node.client.send(from.id, { to: carol.id, text, clientId: `pull-${from.handle}-${n}` })
        expect(message.delivery).toBe('pending')
        toCarol.get(from.id)!.push(text)
      }
    }
    // C comes back armed: it dies with a pulled page in hand, then with a batch applied.
    await runUntilCrash('pull-c', nodeC.dataDir, 'sync:pull-fetched')
    await runUntilCrash('pull-c', nodeC.dataDir, 'sync:batch-applied')
    const c3 = await restart(nodeC)
    for (const [node, from] of [
      [a, alice],
      [b, bob],
    ] as const) {
      const conv = conversationIdFor(carol.id, from.id)
      const sent = toCarol.get(from.id)!
      const atCarol = await eventually(`carol to hold ${from.handle}'s messages`, async () => {
        const thread = await wholeThread(c3, carol.id, conv)
        return thread.filter((m) => m.from === from.id).length >= sent.length && thread
      })
      expect(
        lossAndDoubles(
          sent,
          atCarol.map((m) => m.text),
        ),
        from.handle,
      ).toEqual({ lost: [], doubled: [] })
      // The sender's home holds the same thread, every send delivered (the verdicts came back).
      await eventually(`${node.name} to hold the same thread as C, all delivered`, async () => {
        const there = await wholeThread(node, from.id, conv)
        return there.map((m) => m.id).join() === atCarol.map((m) => m.id).join() && there.every((m) => m.delivery !== 'pending')
      })
    }
    const atAlice = (await wholeThread(a, alice.id, conversationIdFor(alice.id, carol.id))).filter((m) => m.from === carol.id)
    expect(
      lossAndDoubles(
        toAlice,
        atAlice.map((m) => m.text),
      ),
    ).toEqual({ lost: [], doubled: [] })
    figures['sync:pull-fetched, then sync:batch-applied'] = { nodes: 3, acknowledgedWhileDown: 90, acknowledgedBefore: toAlice.length, lost: 0, storedTwice: 0 }
  })
})
