// Crash rounds: a child-process node is SIGKILLed again and again while 8 clients send; a send
// that got no answer is retried with the same clientId after the restart (R18). Every
// acknowledged send must be stored exactly once, in each client's order. `npm test` runs 5
// rounds; `npm run soak` sets ENVELOPE_CRASH_ROUNDS=50.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ApiError } from '@shared/api'
import type { AccountView } from '@shared/types'
import { conversationIdFor } from '../../main/store/state'
import { assertBuilt, cluster, wholeThread } from '../sync/harness'
import type { TestNode } from '../sync/harness'

const ROUNDS = Number(process.env.ENVELOPE_CRASH_ROUNDS ?? 5)
const CLIENTS = 8
/** Sends per client per round: 50 rounds stay under the personal daily cap (docs/RULES.md). */
const PER_ROUND = 8

describe('crash rounds', { timeout: 60_000 + ROUNDS * 20_000 }, () => {
  const c = cluster()
  let node: TestNode
  let recipient: AccountView
  const senders: AccountView[] = []

  beforeAll(async () => {
    assertBuilt()
    node = await c.node('crash')
    recipient = await node.account('inbox_owner')
    for (let i = 0; i < CLIENTS; i++) {
      const sender = await node.account(`sender_${i}`)
      await node.client.follow(sender.id, recipient.id)
      senders.push(sender)
    }
  })
  afterAll(() => c.cleanup())

  test(`${ROUNDS} rounds of SIGKILL while ${CLIENTS} clients send: nothing lost, nothing doubled, order kept`, async () => {
    const acknowledged: string[][] = senders.map(() => [])
    const next = senders.map(() => 0)
    let refusedForGood = 0
    let retries = 0
    const refusals = new Set<string>()

    /** Sends one message, retrying the same clientId until the node answers (it may be down). */
    async function sendUntilAnswered(i: number, round: number): Promise<void> {
      const n = next[i]++
      const text = `client ${i} message ${n}`
      const clientId = `crash-${i}-${n}`
      for (;;) {
        try {
          await node.client.send(senders[i].id, { to: recipient.id, text, clientId })
          acknowledged[i].push(text)
          return
        } catch (error) {
          if (error instanceof ApiError && error.status > 0 && error.status < 500) {
            refusedForGood++
            refusals.add(`${error.status} ${error.code}: ${error.message}`)
            return
          }
          // No answer (status 0: killed mid-request, or not back yet): same clientId again shortly.
          retries++
          await new Promise((r) => setTimeout(r, 25 + round))
        }
      }
    }

    for (let round = 0; round < ROUNDS; round++) {
      const clients = senders.map(async (_s, i) => {
        for (let k = 0; k < PER_ROUND; k++) {await sendUntilAnswered(i, round)}
      })
      // Kill at a different moment each round, while sends are in flight.
      await new Promise((r) => setTimeout(r, 10 + ((round * 37) % 120)))
      await node.kill('SIGKILL')
      await node.start()
      await Promise.all(clients)
    }

    let lost = 0
    let doubled = 0
    let outOfOrder = 0
    for (let i = 0; i < CLIENTS; i++) {
      const thread = await wholeThread(node, recipient.id, conversationIdFor(recipient.id, senders[i].id))
      const texts = thread.map((m) => m.text)
      for (const text of acknowledged[i]) {
        const copies = texts.filter((x) => x === text).length
        if (copies === 0) {lost++}
        if (copies > 1) {doubled++}
      }
      const stored = texts.filter((x) => acknowledged[i].includes(x))
      const firsts = stored.filter((x, j) => stored.indexOf(x) === j)
      if (firsts.join('\n') !== acknowledged[i].join('\n')) {outOfOrder++}
    }
    const figures = { rounds: ROUNDS, clients: CLIENTS, acknowledged: acknowledged.flat().length, lost, storedTwice: doubled, clientsOutOfOrder: outOfOrder, refusedForGood, refusals: [...refusals], retries }
    if (process.env.ENVELOPE_FIGURES) {process.stdout.write(`crash-rounds ${JSON.stringify(figures)}\n`)}
    // The kills really landed while sends were waiting for an answer.
    expect(retries).toBeGreaterThan(0)
    expect(figures).toEqual({ ...figures, acknowledged: ROUNDS * CLIENTS * PER_ROUND, lost: 0, storedTwice: 0, clientsOutOfOrder: 0, refusedForGood: 0, refusals: [], retries })
  })
})
