// GET /conversations with limit and cursor: pages that join up to exactly the whole list,
// newest first, follow new activity, and refuse a cursor the node did not make; the counts
// of the whole inbox beside them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccountView, ConversationSummary } from '@shared/types'
import type { TestNode } from './support'
import { follow, policyWith, refused, send, startTestNode } from './support'

let t: TestNode
let me: AccountView
const others: AccountView[] = []
beforeAll(async () => {
  t = await startTestNode({ policy: policyWith({ personal: { newConversationsPerDay: 1000, newConversationsPerBurst: 1000 } }) })
  me = await t.account()
  for (let i = 0; i < 12; i++) {
    const o = await t.account()
    await follow(t, o, me)
    await send(t, o, me, `hello ${i}`)
    others.push(o)
  }
})
afterAll(async () => {
  await t.stop()
})

async function allPages(limit: number): Promise<{ pages: ConversationSummary[][]; cursors: (string | null)[] }> {
  const pages: ConversationSummary[][] = []
  const cursors: (string | null)[] = []
  let cursor: string | undefined
  for (let guard = 0; guard < 50; guard++) {
    const page = await t.client.conversations(me.id, undefined, { limit, cursor })
    pages.push(page.conversations)
    cursors.push(page.nextCursor)
    if (page.nextCursor === null) {
      break
    }
    cursor = page.nextCursor
  }
  return { pages, cursors }
}

describe('paged inbox', () => {
  it('without limit: the whole list, newest first, and nextCursor null', async () => {
    const whole = await t.client.conversations(me.id)
    expect(whole.nextCursor).toBeNull()
    expect(whole.conversations.map((c) => c.with.id)).toEqual([...others].reverse().map((o) => o.id))
  })

  it('pages of 5 join up to exactly the whole list, each conversation once', async () => {
    const whole = (await t.client.conversations(me.id)).conversations
    const { pages, cursors } = await allPages(5)
    expect(pages.map((p) => p.length)).toEqual([5, 5, 2])
    expect(cursors.at(-1)).toBeNull()
    expect(pages.flat()).toEqual(whole)
  })

  it('a page size that divides the list ends with nextCursor null, not an empty page', async () => {
    const { pages } = await allPages(4)
    expect(pages.map((p) => p.length)).toEqual([4, 4, 4])
  })

  it('new activity moves a conversation to the top of the first page', async () => {
    const oldest = others[0]
    await send(t, oldest, me, 'back again')
    const first = await t.client.conversations(me.id, undefined, { limit: 3 })
    expect(first.conversations[0]).toMatchObject({ with: { id: oldest.id }, lastMessage: { text: 'back again' } })
    const whole = (await t.client.conversations(me.id)).conversations
    expect((await allPages(5)).pages.flat()).toEqual(whole)
  })

  it('a conversation deleted for me leaves the pages', async () => {
    const gone = (await t.client.conversations(me.id, undefined, { limit: 1 })).conversations[0]
    await t.client.hideConversation(me.id, gone.id)
    const ids = (await allPages(5)).pages.flat().map((c) => c.id)
    expect(ids).not.toContain(gone.id)
    expect(ids).toHaveLength(11)
  })

  it('the folder filter pages too', async () => {
    const requests = await t.client.conversations(me.id, 'requests', { limit: 5 })
    expect(requests).toEqual({ conversations: [], nextCursor: null })
    const inbox = await t.client.conversations(me.id, 'inbox', { limit: 20 })
    expect(inbox.conversations.every((c) => c.folder === 'inbox')).toBe(true)
  })

  it('counts unread and requests over the whole inbox, whatever page a client holds', async () => {
    const whole = (await t.client.conversations(me.id)).conversations
    const { counts } = await t.client.counts(me.id)
    expect(counts).toEqual({ unread: whole.reduce((n, c) => n + c.unread, 0), totalUnread: whole.reduce((n, c) => n + c.unread, 0), requests: 0 })
    expect(counts.unread).toBeGreaterThan(0)
    await t.client.markRead(me.id, whole[0].id)
    expect((await t.client.counts(me.id)).counts.unread).toBe(counts.unread - whole[0].unread)
  })

  it('refuses a cursor it did not make, and a limit out of range, with 400 naming the field', async () => {
    const badCursor = await refused(t.client.conversations(me.id, undefined, { limit: 5, cursor: 'not-a-cursor' }), 400, 'INVALID_INPUT')
    expect(badCursor.field).toBe('cursor')
    const badLimit = await refused(t.client.conversations(me.id, undefined, { limit: 0 }), 400, 'INVALID_INPUT')
    expect(badLimit.field).toBe('limit')
  })
})
