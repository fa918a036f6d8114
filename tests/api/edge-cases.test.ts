// Edge cases found while using the API: a received request deleted as a conversation,
// sends within one millisecond, an event stream resumed from another data folder's id,
// and settings changes that change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient, openEventStream } from '@shared/api'
import type { ClientEvent } from '@shared/types'
import { silentLogger } from '../../main/lib/logger'
import { startNode } from '../../main/node/start'
import type { TestNode } from './support'
import { cid, pair, refused, send, startTestNode, tempDir, TOKEN } from './support'

let t: TestNode
beforeAll(async () => {
  t = await startTestNode()
})
afterAll(async () => {
  await t.stop()
})

describe('R8 deleting a received request through DELETE /conversations/{id}', () => {
  it('R8 declines it: gone from Requests, and the sender meets REQUEST_DECLINED, not REQUEST_PENDING', async () => {
    const a = await t.account()
    const b = await t.account()
    await t.client.patchSettings(b.id, { whoCanMessageMe: 'everyone' })
    const { conversationId, delivery } = await send(t, a, b, 'hello?')
    expect(delivery).toBe('request')
    await t.client.hideConversation(b.id, conversationId)
    expect((await t.client.conversations(b.id, 'requests')).conversations).toEqual([])
    const err = await refused(send(t, a, b, 'hello again?'), 403, 'REQUEST_DECLINED')
    expect(err.retryAt).toBeDefined()
  })
})

describe('R19 order of sends within one millisecond', () => {
  it('R19 keeps the send order when the clock does not move (or steps back)', async () => {
    let now = Date.parse('2026-05-01T10:00:00.000Z')
    const dataDir = await tempDir()
    const node = await startNode({ dataDir, host: '127.0.0.1', port: 0, token: TOKEN, logger: silentLogger, clock: () => new Date(now) })
    try {
      const client = createClient({ baseUrl: node.url, token: TOKEN })
      const person = (handle: string) => ({ handle, displayName: handle, birthDate: '1990-01-01', phone: '+14155550123', region: 'US', kind: 'personal' as const })
      const { account: a } = await client.createAccount(person('frozen_a'))
      const { account: b } = await client.createAccount(person('frozen_b'))
      await client.follow(a.id, b.id)
      let conversationId = ''
      for (let i = 0; i < 10; i++) {
        if (i === 5) {
          now -= 60_000
        } // the clock is stepped back a minute
        conversationId = (await client.send(a.id, { to: b.id, text: `x${i}`, clientId: cid() })).conversationId
      }
      const expected = Array.from({ length: 10 }, (_, i) => `x${i}`)
      expect((await client.messages(a.id, conversationId)).messages.map((m) => m.text)).toEqual(expected)
      expect((await client.messages(b.id, conversationId)).messages.map((m) => m.text)).toEqual(expected)
    } finally {
      await node.stop()
    }
  })
})

describe('event stream resumed with an id from another data folder', () => {
  it('starts from now, flags the reset, and delivers what follows', async () => {
    const [a, b] = await pair(t)
    const seen: ClientEvent[] = []
    let resets = 0
    const stream = openEventStream({
      baseUrl: t.url,
      token: TOKEN,
      lastEventId: 1_000_000,
      onReset: () => resets++,
      onEvent: (e) => seen.push(e),
    })
    try {
      await expect.poll(() => resets, { timeout: 5_000 }).toBe(1)
      const { message } = await send(t, a, b, 'after the reset')
      await expect.poll(() => seen.some((e) => e.message?.id === message.id), { timeout: 5_000 }).toBe(true)
    } finally {
      stream.close()
    }
  })
})

describe('PATCH settings that changes nothing', () => {
  it('R5 stores no event (nothing for clients or peers to redraw)', async () => {
    const a = await t.account()
    const before = (await t.client.node()).node.lastSeq
    const { settings } = await t.client.patchSettings(a.id, {})
    await t.client.patchSettings(a.id, { whoCanMessageMe: settings.whoCanMessageMe })
    expect((await t.client.node()).node.lastSeq).toBe(before)
  })
})
