// The id index keeps only a hash of each key, and checkpoints store those hashes: the hash of
// a client id's key ("c" + "<from>\0<clientId>", R18) must stay what it was when they were
// written. clientKeyHash computes it from the parts without building the key; these values
// were computed by hashKey on the built key before it existed.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { DomainEvent, StoredMessage } from '../../main/store'
import { conversationIdFor, Store } from '../../main/store'
import { hashKey } from '../../main/store/id-index'
import { clientKeyHash } from '../../main/store/messages'
import { clientKey } from '../../main/store/state'
import { accountEvents } from './store-fixtures'

const PINNED: [string, string, number][] = [
  ['a_ann', 'k1', 350872418],
  ['a_sender', 'r1-17', 1560389036],
  ['', '', 266881300],
  ['u_01HZX3', 'd0c5f1e2-7a6b-4c1d-9e8f-0123456789ab', 4060951307],
  ['\u00e9\u{1F600}', '\u4e2d', 237341557],
]

describe('R18 the hash of a client id in the id index', () => {
  it.each(PINNED)('from %j, client id %j: the hash stored data holds', (from, clientId, hash) => {
    expect(clientKeyHash(from, clientId)).toBe(hash)
    expect(hashKey(`c${clientKey(from, clientId)}`)).toBe(hash)
  })

  it('an imported event id hashes as before', () => {
    expect(hashKey('ea_peer:42')).toBe(2015803942)
  })

  it('is hashKey of the built key for any text, surrogates and U+0000 included', () => {
    const text = fc.string({
      unit: fc.oneof(fc.constantFrom('\u0000', 'a', 'c'), fc.constant('\ud83d'), fc.constant('\ude00'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })),
      maxLength: 12,
    })
    fc.assert(
      fc.property(text, text, (from, clientId) => {
        expect(clientKeyHash(from, clientId)).toBe(hashKey(`c${clientKey(from, clientId)}`))
      }),
      { numRuns: 2000 },
    )
  })
})

describe('R18 client ids on a real store, looked up in any order', () => {
  it('finds each sender’s own message for one client id, and none for a client id not sent', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'envelope-client-key-'))
    const store = await Store.open({ dataDir, name: 'Client keys' })
    try {
      const at = new Date('2026-03-10T12:00:00.000Z')
      await store.commit(accountEvents(['a_ann', 'a_bob', 'a_cem'], at)).durable
      const send = (id: string, from: string, to: string, clientId: string): DomainEvent => {
        const conversationId = conversationIdFor(from, to)
        const message: StoredMessage = { id, conversationId, from, to, text: id, sentAt: at.toISOString(), clientId, delivery: 'direct' }
        return { type: 'message.sent', conversationId, message, newConversation: false, acceptsRequest: true }
      }
      // Two senders, one client id; the lookups interleave so the kept last hash changes each time.
      await store.commit([send('m_1', 'a_ann', 'a_bob', 'k1'), send('m_2', 'a_bob', 'a_ann', 'k1'), send('m_3', 'a_ann', 'a_cem', 'k2')]).durable
      const lookups: [string, string, string | undefined][] = [
        ['a_ann', 'k1', 'm_1'],
        ['a_bob', 'k1', 'm_2'],
        ['a_bob', 'k1', 'm_2'],
        ['a_ann', 'k2', 'm_3'],
        ['a_cem', 'k1', undefined],
        ['a_ann', 'k1', 'm_1'],
      ]
      for (const [from, clientId, id] of lookups) {
        expect(store.messageByClientId(from, clientId)?.id).toBe(id)
      }
    } finally {
      await store.close()
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
