// GET /accounts/{a}/counts is counted by the store without building the inbox's rows: on a
// real node, through every kind of change the counts must follow (unread, read, requests,
// delete-for-me of a message and of a whole conversation, its return, accept, decline, block),
// they equal the counts of the whole conversation list the same node pages out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { countInbox } from '@shared/inbox-counts'
import type { AccountView } from '@shared/types'
import type { TestNode } from './support'
import { follow, policyWith, send, startTestNode } from './support'

let t: TestNode
let me: AccountView
beforeAll(async () => {
  t = await startTestNode({ policy: policyWith({ personal: { newConversationsPerDay: 1000, newConversationsPerBurst: 1000 } }) })
  me = await t.account()
  // Open to everyone: strangers' first messages arrive as requests (R7).
  await t.client.patchSettings(me.id, { whoCanMessageMe: 'everyone' })
})
afterAll(async () => {
  await t.stop()
})

/** The counts route beside the counts of every row the node pages out (both folders). */
async function bothWays() {
  const rows = (await t.client.conversations(me.id)).conversations
  const { counts } = await t.client.counts(me.id)
  return { counts, fromRows: countInbox(rows), rows }
}

describe('GET /accounts/{a}/counts counts without rows', () => {
  it('equals the whole list counted, after each kind of change', async () => {
    const friends: AccountView[] = []
    for (let i = 0; i < 4; i++) {
      const f = await t.account()
      await follow(t, f, me)
      await send(t, f, me, `hi ${i}`)
      await send(t, f, me, `again ${i}`)
      friends.push(f)
    }
    const strangers: AccountView[] = []
    for (let i = 0; i < 3; i++) {
      const s = await t.account()
      await send(t, s, me, `request ${i}`)
      strangers.push(s)
    }
    const first = await bothWays()
    expect(first.counts).toEqual({ unread: 8, totalUnread: 11, requests: 3 })
    const steps: [string, () => Promise<unknown>][] = [
      ['one read', () => t.client.markRead(me.id, conversationWith(friends[0]))],
      ['my own reply counts nothing', () => send(t, me, friends[1], 'thanks')],
      ['a message deleted for me', async () => t.client.hideMessage(me.id, (await send(t, friends[2], me, 'delete me')).message.id)],
      ['a whole conversation deleted for me', () => t.client.hideConversation(me.id, conversationWith(friends[3]))],
      ['it returns with a newer message only', () => send(t, friends[3], me, 'back again')],
      ['a request accepted', () => t.client.acceptRequest(me.id, conversationWith(strangers[0]))],
      ['a request declined', () => t.client.deleteRequest(me.id, conversationWith(strangers[1]))],
      ['the sender blocked', () => t.client.block(me.id, strangers[2].id)],
    ]
    for (const [name, step] of steps) {
      await step()
      const { counts, fromRows } = await bothWays()
      expect(counts, name).toEqual(fromRows)
    }
    const last = (await bothWays()).counts
    expect(last.unread).toBeLessThan(first.counts.unread)
    expect(last.requests).toBeLessThan(first.counts.requests)

    /** The id of my conversation with `other`, from the list before the walk. */
    function conversationWith(other: AccountView): string {
      return first.rows.find((c) => c.with.id === other.id)!.id
    }
  })
})
