// Stamping builds a send's record as a fixed-shape literal instead of a spread: the record,
// and so the line on disk, must be exactly what the spread made (key order included), for
// sends as the domain builds them, auto-messages, other events and imported ones.
import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_POLICY } from '@shared/policy'
import { defaultSettings } from '@shared/rules'
import { sendMessage } from '../../main/domain/messaging'
import type { DomainEvent, RemoteEvent, StoredMessage } from '../../main/store'
import { stampLocal, stampRecords } from '../../main/store/stamping'
import { Store } from '../../main/store/store'
import { accountEvents, plainAccount } from './store-fixtures'

/** How the store stamped before stamping.ts: a spread, seq first. */
function spreadRecord(e: DomainEvent, seq: number, origin: string, at: string): unknown {
  return { seq, ...e, origin, at, id: `${origin}:${seq}` }
}

const at = '2026-03-01T12:00:00.000Z'
const message: StoredMessage = {
  id: 'm_1',
  conversationId: 'c_a_b',
  from: 'a_a',
  to: 'a_b',
  text: 'hello',
  sentAt: at,
  clientId: 'k1',
  delivery: 'direct',
}
/** Built as domain/messaging.ts builds it. */
const sent: DomainEvent = { type: 'message.sent', conversationId: message.conversationId, message, newConversation: true, acceptsRequest: false }

describe('stamping a local event', () => {
  it('writes a send as the spread did, key order included', () => {
    const record = stampLocal(sent, 7, 'n_x', at)
    expect(JSON.stringify(record)).toBe(JSON.stringify(spreadRecord(sent, 7, 'n_x', at)))
    expect(Object.keys(record)).toEqual(['seq', 'type', 'conversationId', 'message', 'newConversation', 'acceptsRequest', 'origin', 'at', 'id'])
    // The message itself is the caller's object, not a copy (the projection keeps it as `last`).
    expect((record as { message: StoredMessage }).message).toBe(message)
  })

  it('writes an auto-message and a pending send as the spread did', () => {
    const auto: DomainEvent = { ...sent, message: { ...message, auto: 'welcome' } }
    const pending: DomainEvent = { ...sent, message: { ...message, delivery: 'pending' }, newConversation: false, acceptsRequest: true }
    for (const e of [auto, pending]) {
      expect(JSON.stringify(stampLocal(e, 3, 'n_x', at))).toBe(JSON.stringify(spreadRecord(e, 3, 'n_x', at)))
    }
  })

  it('writes every other event as the spread did', () => {
    const others: DomainEvent[] = [
      { type: 'follow.added', from: 'a_a', to: 'a_b' },
      { type: 'conversation.read', conversationId: 'c_a_b', by: 'a_b', upTo: `${at}|m_1` },
      { type: 'conversation.muted', conversationId: 'c_a_b', by: 'a_b', muted: true, until: null },
      ...accountEvents(['a_a'], new Date(at)),
    ]
    for (const e of others) {
      expect(JSON.stringify(stampLocal(e, 2, 'n_x', at))).toBe(JSON.stringify(spreadRecord(e, 2, 'n_x', at)))
    }
  })
})

describe('stamping a commit', () => {
  it('numbers imported events first, keeps their id and time, and reads the clock once for local ones', () => {
    const imported: RemoteEvent[] = [
      { type: 'follow.added', from: 'a_c', to: 'a_d', id: 'n_y:4', origin: 'n_y', at },
      // A seq from the origin is replaced by ours, still first.
      { seq: 99, type: 'follow.added', from: 'a_d', to: 'a_c', id: 'n_y:5', origin: 'n_y', at } as RemoteEvent,
    ]
    let reads = 0
    const records = stampRecords([sent, { type: 'follow.added', from: 'a_a', to: 'a_b' }], imported, 10, 'n_x', () => {
      reads += 1
      return Date.parse('2026-03-01T12:00:01.234Z')
    })
    expect(reads).toBe(1)
    expect(records.map((r) => [r.seq, r.id, r.at])).toEqual([
      [11, 'n_y:4', at],
      [12, 'n_y:5', at],
      [13, 'n_x:13', '2026-03-01T12:00:01.234Z'],
      [14, 'n_x:14', '2026-03-01T12:00:01.234Z'],
    ])
    expect(JSON.stringify(records[1])).toBe(JSON.stringify({ seq: 12, type: 'follow.added', from: 'a_d', to: 'a_c', id: 'n_y:5', origin: 'n_y', at }))
  })

  it('does not read the clock for a commit of imported events only', () => {
    const records = stampRecords([], [{ type: 'follow.added', from: 'a_c', to: 'a_d', id: 'n_y:4', origin: 'n_y', at }], 0, 'n_x', () => {
      throw new Error('the clock was read')
    })
    expect(records).toHaveLength(1)
  })
})

describe('a real send on disk', () => {
  let dataDir: string
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'envelope-stamping-'))
  })
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true })
  })

  it('writes the line the spread wrote', async () => {
    const store = await Store.open({ dataDir, name: 'Stamping', clock: () => new Date(at) })
    const created = new Date('2026-01-01T00:00:00.000Z')
    const homedHere = ['a_a', 'a_b'].map((id) => ({ ...plainAccount(id, created, store.nodeId), phone: '+14155550100' }))
    await store.commit(homedHere.map((account) => ({ type: 'account.created', account, settings: defaultSettings(account, created) }))).durable
    await store.commit([
      { type: 'follow.added', from: 'a_a', to: 'a_b' },
      { type: 'follow.added', from: 'a_b', to: 'a_a' },
    ]).durable
    const answer = await sendMessage({ store, policy: DEFAULT_POLICY }, 'a_a', { to: 'a_b', text: 'hello there', clientId: 'k1' })
    const [record] = store.eventsAfter(store.lastSeq - 1)
    await store.close()
    expect(record.type).toBe('message.sent')
    const { newConversation, acceptsRequest, message: stored } = record as Extract<DomainEvent, { type: 'message.sent' }>
    const event: DomainEvent = { type: 'message.sent', conversationId: answer.conversationId, message: stored, newConversation, acceptsRequest }
    const expected = JSON.stringify(spreadRecord(event, record.seq, store.nodeId, record.at))
    // Sealed at close: the line went through the active file into the segment; either way its text is the spread's.
    const texts = await Promise.all((await readdir(join(dataDir, 'log'))).map((name) => readFile(join(dataDir, 'log', name), 'utf8')))
    expect(texts.some((text) => text.includes(expected))).toBe(true)
    expect(Object.keys(stored)).toEqual(['id', 'conversationId', 'from', 'to', 'text', 'sentAt', 'clientId', 'delivery'])
  })
})
