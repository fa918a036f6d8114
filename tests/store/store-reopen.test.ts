// Store.open on a real temp folder: commit events, close, reopen, and the projection is the
// same (accounts, settings, follows, blocks, conversations with read state, mutes and hidden
// messages), the identity is kept and numbering continues.
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { defaultSettings } from '@shared/rules'
import type { Account } from '@shared/types'
import type { DomainEvent, StoredMessage } from '../../main/store'
import { conversationIdFor, messageKey, Store } from '../../main/store'
import { tempDir } from '../api/support'
import { segmentFiles } from './log-helpers'

const made: string[] = []
async function folder(): Promise<string> {
  const dir = await tempDir('envelope-store-')
  made.push(dir)
  return dir
}
afterEach(async () => {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })))
})

const NOW = new Date('2026-03-10T12:00:00.000Z')

function account(id: string, region = 'US'): Account {
  return {
    id,
    handle: id.replace(/^a_/, ''),
    displayName: `Name ${id}`,
    birthDate: '1990-05-17',
    phone: '+14155550123',
    region,
    kind: 'personal',
    verified: false,
    bio: 'ünïcödé 👩‍👩‍👧',
    topics: ['music'],
    stats: { followers: 3, following: 4, likes: 5, engagementRate: 1.5 },
    homeNodeId: 'n_test',
    createdAt: NOW.toISOString(),
  }
}

let n = 0
function message(from: string, to: string, text: string, minute: number, delivery: 'direct' | 'request' = 'direct'): StoredMessage {
  n += 1
  return {
    id: `m_${String(n).padStart(4, '0')}`,
    conversationId: conversationIdFor(from, to),
    from,
    to,
    text,
    sentAt: new Date(NOW.getTime() + minute * 60_000).toISOString(),
    clientId: `c${n}`,
    delivery,
  }
}

/** A small world that touches every kind of event and every piece of per-viewer state. */
function world(): DomainEvent[] {
  const [a, b, c, d] = [account('a_ann'), account('a_bob'), account('a_cem', 'DE'), account('a_dee')]
  const ab1 = message(a.id, b.id, 'hi bob', 1)
  const ab2 = message(b.id, a.id, 'hi ann\nline two', 2)
  const ab3 = message(a.id, b.id, 'third', 3)
  const ca = message(c.id, a.id, 'request from cem', 4, 'request')
  const da = message(d.id, a.id, 'request from dee', 5, 'request')
  const ad = message(a.id, d.id, 'reply accepts', 6)
  return [
    ...[a, b, c, d].map((x) => ({ type: 'account.created' as const, account: x, settings: defaultSettings(x, NOW) })),
    { type: 'settings.updated', accountId: a.id, settings: { ...defaultSettings(a, NOW), whoCanMessageMe: 'everyone', readReceipts: false } },
    { type: 'account.updated', accountId: b.id, patch: { displayName: 'Bobby', topics: ['travel', 'food'] } },
    { type: 'follow.added', from: a.id, to: b.id },
    { type: 'follow.added', from: b.id, to: a.id },
    { type: 'follow.added', from: c.id, to: b.id },
    { type: 'follow.removed', from: c.id, to: b.id },
    { type: 'block.added', from: b.id, to: d.id },
    { type: 'message.sent', conversationId: ab1.conversationId, message: ab1, newConversation: true, acceptsRequest: false },
    { type: 'message.sent', conversationId: ab2.conversationId, message: ab2, newConversation: false, acceptsRequest: false },
    { type: 'message.sent', conversationId: ab3.conversationId, message: ab3, newConversation: false, acceptsRequest: false },
    { type: 'conversation.read', conversationId: ab1.conversationId, by: b.id, upTo: messageKey(ab3) },
    { type: 'conversation.muted', conversationId: ab1.conversationId, by: b.id, muted: true, until: '2026-03-11T00:00:00.000Z' },
    { type: 'message.hidden', conversationId: ab1.conversationId, messageId: ab2.id, by: a.id },
    { type: 'message.sent', conversationId: ca.conversationId, message: ca, newConversation: true, acceptsRequest: false },
    { type: 'request.deleted', conversationId: ca.conversationId, by: a.id },
    { type: 'message.sent', conversationId: da.conversationId, message: da, newConversation: true, acceptsRequest: false },
    { type: 'message.sent', conversationId: ad.conversationId, message: ad, newConversation: false, acceptsRequest: true },
    { type: 'conversation.hidden', conversationId: ad.conversationId, by: d.id, upTo: messageKey(ad) },
  ]
}

describe('Store: commit, close, reopen', () => {
  it('a reopened store has the same state, identity and events', async () => {
    const dataDir = await folder()
    const store = await Store.open({ dataDir, name: 'Reopen test', clock: () => NOW })
    await store.commit(world()).durable
    const { nodeId, lastSeq } = store
    const events = store.eventsAfter(0)
    expect(lastSeq).toBe(world().length)
    await store.close()

    const again = await Store.open({ dataDir, clock: () => NOW })
    try {
      expect(again.nodeId).toBe(nodeId)
      expect(again.identity.name).toBe('Reopen test')
      expect(again.lastSeq).toBe(lastSeq)
      expect(again.durableSeq).toBe(lastSeq)
      expect(again.eventsAfter(0)).toEqual(events)
      expect(again.snapshot()).toEqual(store.snapshot())
    } finally {
      await again.close()
    }
  })

  it('the reopened state holds each piece of per-viewer state the world set up', async () => {
    const dataDir = await folder()
    const store = await Store.open({ dataDir, clock: () => NOW })
    await store.commit(world()).durable
    await store.close()
    const s = await Store.open({ dataDir, clock: () => NOW })
    try {
      expect(
        s
          .allAccounts()
          .map((x) => x.id)
          .sort(),
      ).toEqual(['a_ann', 'a_bob', 'a_cem', 'a_dee'])
      expect(s.account('a_bob')).toMatchObject({ displayName: 'Bobby', topics: ['travel', 'food'] })
      expect(s.account('a_ann')?.bio).toBe('ünïcödé 👩‍👩‍👧')
      expect(s.settingsOf('a_ann')).toMatchObject({ whoCanMessageMe: 'everyone', readReceipts: false })
      expect(s.settingsOf('a_cem')?.readReceipts).toBe(false)
      expect(s.followingIds('a_ann')).toEqual(['a_bob'])
      expect(s.followingIds('a_cem')).toEqual([])
      expect(s.blockedIds('a_bob')).toEqual(['a_dee'])

      const abId = conversationIdFor('a_ann', 'a_bob')
      const ab = (s.messagesPage(abId, 'a_bob', undefined, 50) as { messages: { id: string; text: string; sentAt: string }[] }).messages
      expect(ab.map((m) => m.text)).toEqual(['hi bob', 'hi ann\nline two', 'third'])
      expect(s.viewerState(abId, 'a_bob')).toMatchObject({ muted: true, mutedUntil: '2026-03-11T00:00:00.000Z' })
      expect(s.viewerState(abId, 'a_bob')?.readUpTo).toBe(messageKey(ab[2]))
      expect([...s.viewerState(abId, 'a_ann')!.hiddenIds]).toEqual([ab[1].id])

      const caId = conversationIdFor('a_cem', 'a_ann')
      expect(s.conversation(caId)).toMatchObject({ status: 'declined', declinedAt: NOW.toISOString() })
      expect(s.viewerState(caId, 'a_ann')?.hiddenUpTo).toBe(messageKey(s.lastShown(caId, 'a_cem')!))

      const daId = conversationIdFor('a_dee', 'a_ann')
      expect(s.conversation(daId)).toMatchObject({ status: 'open', accepted: true })
      expect(s.viewerState(daId, 'a_dee')?.hiddenUpTo).toBe(messageKey(s.lastShown(daId, 'a_dee')!))
      // R18: client ids survive, so a retry after a restart is still recognised.
      const first = s.message(ab[0].id)!
      expect(s.messageByClientId('a_ann', first.clientId)?.id).toBe(ab[0].id)
    } finally {
      await s.close()
    }
  })

  it('many commits across several segment files replay in order, and numbering continues', async () => {
    const dataDir = await folder()
    const store = await Store.open({ dataDir, clock: () => NOW })
    const [a, b] = [account('a_one'), account('a_two')]
    await store.commit([a, b].map((x) => ({ type: 'account.created' as const, account: x, settings: defaultSettings(x, NOW) }))).durable
    await store.commit([{ type: 'follow.added', from: a.id, to: b.id }]).durable
    const sends = Array.from({ length: 700 }, (_, i) => {
      const m = message(a.id, b.id, `n${i}`, 10 + i)
      return store.commit([{ type: 'message.sent', conversationId: m.conversationId, message: m, newConversation: i === 0, acceptsRequest: false }]).durable
    })
    await Promise.all(sends)
    await store.close()
    expect((await segmentFiles(join(dataDir, 'log'))).length).toBeGreaterThan(1)

    const again = await Store.open({ dataDir, clock: () => NOW })
    try {
      const page = again.messagesPage(conversationIdFor(a.id, b.id), b.id, undefined, 1000) as { messages: { text: string }[] }
      expect(page.messages.map((m) => m.text)).toEqual(Array.from({ length: 700 }, (_, i) => `n${i}`))
      expect(again.snapshot()).toEqual(store.snapshot())
      const next = again.commit([{ type: 'follow.removed', from: a.id, to: b.id }])
      expect(next.events[0].seq).toBe(store.lastSeq + 1)
      expect(next.events[0].id).toBe(`${again.nodeId}:${store.lastSeq + 1}`)
      await next.durable
    } finally {
      await again.close()
    }
  })

  it('durable resolves only once the events are in a segment file on disk', async () => {
    const dataDir = await folder()
    const store = await Store.open({ dataDir, clock: () => NOW })
    const x = account('a_disk')
    const { durable } = store.commit([{ type: 'account.created', account: x, settings: defaultSettings(x, NOW) }])
    expect(store.durableSeq).toBe(0)
    await durable
    expect(store.durableSeq).toBe(1)
    expect(await readFile(join(dataDir, 'log', '000001.jsonl'), 'utf8')).toContain('"a_disk"')
    await store.close()
  })
})
