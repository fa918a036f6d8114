// The sync pieces one at a time, in-process: pairing codes, the projection of cross-node
// sends (pending, verdicts), what is routed where, what a peer may say, and the CLI flags.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { defaultSettings } from '@shared/rules'
import type { Account } from '@shared/types'
import { parseArgs } from '../../main/node/config'
import { presentEvent } from '../../main/server/present'
import { Store, conversationIdFor } from '../../main/store'
import type { LogEvent, RemoteEvent, StoredMessage } from '../../main/store'
import { ownHostNames } from '../../main/sync/addresses'
import { normalizeFingerprint } from '../../main/sync/identity'
import { PeerBook } from '../../main/sync/peer-book'
import { checkPeerEvent } from '../../main/sync/peer-event-check'
import { CODE_TTL_MS, PairingCodes, normalizeCode } from '../../main/sync/pairing-codes'
import { pairProof, pairingKey } from '../../main/sync/proofs'
import { isFor, redact } from '../../main/sync/outbox'
import { plainAccount } from '../store/store-fixtures'

describe('pairing codes', () => {
  test('10 characters (50 bits), valid 10 minutes, single use; five wrong proofs void it', async () => {
    let now = 1_000_000
    const codes = new PairingCodes(() => now)
    const { code, expiresAt } = await codes.current()
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$/)
    expect(Date.parse(expiresAt)).toBe(now + CODE_TTL_MS)
    const raw = normalizeCode(code.toLowerCase())
    expect(codes.candidate()).toBe(raw)
    now += CODE_TTL_MS - 1
    expect(codes.candidate()).toBe(raw)
    now += 1
    expect(codes.candidate()).toBeNull() // expired
    const next = normalizeCode((await codes.current()).code)
    expect(next).not.toBe(raw)
    await codes.consume(next)
    expect(codes.candidate()).toBeNull() // used
    const third = normalizeCode((await codes.current()).code)
    for (let i = 0; i < 4; i++) {
      await codes.fail(third)
    }
    expect(codes.candidate()).toBe(third)
    await codes.fail(third)
    expect(codes.candidate()).toBeNull()
  })

  test('the code on offer survives a restart until it expires; a used one does not', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'envelope-codes-'))
    try {
      let now = 5_000_000
      const first = await PairingCodes.open(dir, () => now)
      const shown = await first.current()
      const reopened = await PairingCodes.open(dir, () => now)
      expect(await reopened.current()).toEqual(shown)
      expect(reopened.candidate()).toBe(normalizeCode(shown.code))
      await reopened.fail(normalizeCode(shown.code))
      await reopened.consume(normalizeCode(shown.code))
      expect((await PairingCodes.open(dir, () => now)).candidate()).toBeNull()
      const later = await (await PairingCodes.open(dir, () => now)).current()
      now += CODE_TTL_MS
      expect((await PairingCodes.open(dir, () => now)).candidate()).toBeNull() // expired while stopped
      expect((await (await PairingCodes.open(dir, () => now)).current()).code).not.toBe(later.code)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  test('the proof binds the code to both fingerprints', async () => {
    const key = await pairingKey('ABCDEFGHJK')
    const caller = { nodeId: 'n_a', name: 'a', url: 'http://127.0.0.1:1', peerUrl: 'https://127.0.0.1:2', fingerprint: 'AA' }
    const proof = pairProof(key, 'FP-B', caller)
    expect(pairProof(key, 'FP-MITM', caller)).not.toBe(proof)
    expect(pairProof(key, 'FP-B', { ...caller, fingerprint: 'FP-MITM' })).not.toBe(proof)
    expect(pairProof(await pairingKey('ABCDEFGHJL'), 'FP-B', caller)).not.toBe(proof)
    expect(pairProof(key, 'FP-B', { ...caller })).toBe(proof)
  })

  test('fingerprints are compared in one form', () => {
    const hex = 'ab'.repeat(32)
    expect(normalizeFingerprint(hex)).toBe(Array(32).fill('AB').join(':'))
    expect(normalizeFingerprint('AB:CD')).toBeNull()
  })
})

describe('projection of cross-node sends', () => {
  const dirs: string[] = []
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })))
  })

  const now = new Date('2026-03-10T12:00:00.000Z')
  const account = (id: string, home: string): Account => plainAccount(id, now, home)
  const remote = (n: number, event: Record<string, unknown>): RemoteEvent =>
    ({ ...event, id: `n_far:${n}`, origin: 'n_far', at: now.toISOString() }) as unknown as RemoteEvent

  async function world() {
    const dir = await mkdtemp(join(tmpdir(), 'envelope-sync-unit-'))
    dirs.push(dir)
    const store = await Store.open({ dataDir: dir, clock: () => now })
    const me = account('a_me', store.nodeId)
    const them = account('a_them', 'n_far')
    await store.commit([{ type: 'account.created', account: me, settings: defaultSettings(me, now) }]).durable
    await store.importEvents([remote(1, { type: 'account.created', account: them, settings: defaultSettings(them, now) })]).durable
    return { store, me, them }
  }

  function pending(from: string, to: string, id: string): StoredMessage {
    return { id, conversationId: conversationIdFor(from, to), from, to, text: 'hi', sentAt: now.toISOString(), clientId: id, delivery: 'pending' }
  }

  test('a pending send shows only to its sender and counts toward its caps until refused (R12)', async () => {
    const { store, me, them } = await world()
    const m = pending(me.id, them.id, 'm_1')
    await store.commit([{ type: 'message.sent', conversationId: m.conversationId, message: m, newConversation: true, acceptsRequest: false }]).durable
    const conv = store.conversation(m.conversationId)!
    expect(store.messagesPage(conv.id, me.id, undefined, 50)).toMatchObject({ messages: [{ id: 'm_1', delivery: 'pending' }] })
    expect(store.messagesPage(conv.id, them.id, undefined, 50)).toEqual({ messages: [], hasMore: false })
    expect(store.conversations(them.id, undefined, now)).toEqual([])
    expect(store.sendHistory(me.id).messageTimes).toHaveLength(1)
    expect(store.conversation(m.conversationId)?.started).toBe(false)
    const refused = { code: 'BLOCKED' as const, message: 'no' }
    await store.importEvents([
      remote(2, {
        type: 'message.verdict',
        conversationId: m.conversationId,
        messageId: 'm_1',
        delivery: 'refused',
        newConversation: false,
        acceptsRequest: false,
        refused,
      }),
    ]).durable
    expect(store.messagesPage(conv.id, me.id, undefined, 50)).toMatchObject({ messages: [{ id: 'm_1', delivery: 'refused', refused }] })
    expect([...store.sendHistory(me.id).messageTimes]).toEqual([])
    expect([...store.sendHistory(me.id).newConversationTimes]).toEqual([])
    // A later verdict for the same message changes nothing: the first one decided.
    await store.importEvents([
      remote(3, { type: 'message.verdict', conversationId: m.conversationId, messageId: 'm_1', delivery: 'direct', newConversation: true, acceptsRequest: false }),
    ]).durable
    expect(store.message('m_1')?.delivery).toBe('refused')
    await store.close()
  })

  test('sends waiting for an offline home are one new conversation, not one each (R13)', async () => {
    const { store, me, them } = await world()
    for (let i = 0; i < 12; i++) {
      const m = pending(me.id, them.id, `m_w${i}`)
      await store.commit([{ type: 'message.sent', conversationId: m.conversationId, message: m, newConversation: true, acceptsRequest: false }]).durable
    }
    expect(store.sendHistory(me.id).messageTimes).toHaveLength(12)
    expect(store.sendHistory(me.id).newConversationTimes).toHaveLength(1)
    await store.close()
  })

  test('a delivered verdict starts the conversation for both, as the recipient home decided (R7)', async () => {
    const { store, me, them } = await world()
    const m = pending(me.id, them.id, 'm_2')
    await store.commit([{ type: 'message.sent', conversationId: m.conversationId, message: m, newConversation: true, acceptsRequest: false }]).durable
    const logged = store.eventsAfter(0).find((e) => e.type === 'message.sent')!
    await store.importEvents([
      remote(2, { type: 'message.verdict', conversationId: m.conversationId, messageId: 'm_2', delivery: 'request', newConversation: true, acceptsRequest: false }),
    ]).durable
    const conv = store.conversation(m.conversationId)!
    expect([conv.started, conv.status, conv.starterId]).toEqual([true, 'request', me.id])
    expect(store.conversations(them.id, undefined, now).map((c) => [c.folder, c.unread])).toEqual([['requests', 1]])
    expect(store.messagesPage(conv.id, me.id, undefined, 50)).toMatchObject({ messages: [{ id: 'm_2' }] })
    expect((store.messagesPage(conv.id, me.id, undefined, 50) as { messages: object[] }).messages[0]).not.toHaveProperty('delivery')
    // The log keeps the event as written: peers that pull it still see a pending send.
    expect((logged as LogEvent & { type: 'message.sent' }).message.delivery).toBe('pending')
    await store.close()
  })

  test("the event stream hides another node's undecided send and shows its delivery as an arrival", async () => {
    const { store, me, them } = await world()
    const incoming = pending(them.id, me.id, 'm_3')
    const { events } = store.importAndCommit(
      [remote(2, { type: 'message.sent', conversationId: incoming.conversationId, message: incoming, newConversation: true, acceptsRequest: false })],
      [{ type: 'message.verdict', conversationId: incoming.conversationId, messageId: 'm_3', delivery: 'direct', newConversation: true, acceptsRequest: false }],
    )
    await store.flushed()
    expect(presentEvent(store, events[0], store.nodeId)).toBeNull()
    expect(presentEvent(store, events[1], store.nodeId)).toMatchObject({ type: 'message.sent', message: { id: 'm_3', from: them.id, delivery: 'direct' } })
    // On the sender's home the same verdict is a verdict.
    expect(presentEvent(store, events[1], 'n_far')).toMatchObject({ type: 'message.verdict', messageId: 'm_3', delivery: 'direct' })
    await store.close()
  })

  test("what goes where: public to all, conversations to participants' homes, private choices nowhere", async () => {
    const { store, me, them } = await world()
    const m = pending(me.id, them.id, 'm_4')
    await store.commit([
      { type: 'message.sent', conversationId: m.conversationId, message: m, newConversation: true, acceptsRequest: false },
      { type: 'conversation.muted', conversationId: m.conversationId, by: me.id, muted: true, until: null },
      { type: 'account.updated', accountId: me.id, patch: { phone: '+14155550123', bio: 'hey' } },
    ]).durable
    const [created, sent, muted, updated] = store.eventsAfter(0).filter((e) => e.origin === store.nodeId)
    const paired = { selfId: store.nodeId, nextHop: (id: string) => (id === 'n_far' ? 'n_far' : undefined) }
    const go = (e: typeof created, peer: string) => isFor(store, paired, e, peer)
    expect([go(created, 'n_x'), go(sent, 'n_far'), go(sent, 'n_x'), go(muted, 'n_far')]).toEqual([true, true, false, false])
    // Not paired with n_far but reaching it through n_x: the message goes to n_x only.
    const relayed = { selfId: store.nodeId, nextHop: (id: string) => (id === 'n_far' ? 'n_x' : undefined) }
    expect([isFor(store, relayed, sent, 'n_x'), isFor(store, relayed, sent, 'n_y')]).toEqual([true, false])
    // No route known: every peer gets it (flooding), so it is never stranded.
    const lost = { selfId: store.nodeId, nextHop: () => undefined }
    expect([isFor(store, lost, sent, 'n_x'), isFor(store, lost, sent, 'n_y')]).toEqual([true, true])
    expect(redact(updated)).toMatchObject({ patch: { bio: 'hey' } })
    expect(redact(updated)).not.toHaveProperty('patch.phone')
    expect(redact(updated)).not.toHaveProperty('seq')
    await store.close()
  })

  test('an event speaks only for the accounts its origin homes, whoever relays it', async () => {
    const { store, me, them } = await world()
    const check = (e: Record<string, unknown>) => checkPeerEvent(store, store.nodeId, { id: 'n_far:9', origin: 'n_far', at: now.toISOString(), ...e })
    expect(typeof check({ type: 'follow.added', from: them.id, to: me.id })).toBe('object')
    expect(check({ type: 'follow.added', from: me.id, to: them.id })).toMatch(/not homed/)
    expect(check({ type: 'account.created', account: { ...account('a_x', store.nodeId), phone: null }, settings: defaultSettings(me, now) })).toMatch(/not homed/)
    expect(checkPeerEvent(store, store.nodeId, { id: 'n_other:1', origin: 'n_far', at: now.toISOString(), type: 'follow.added', from: them.id, to: me.id })).toMatch(
      /does not name its origin/,
    )
    // Said to be ours: never (our own events do not come back except as duplicates).
    expect(
      checkPeerEvent(store, store.nodeId, { id: `${store.nodeId}:99`, origin: store.nodeId, at: now.toISOString(), type: 'follow.added', from: me.id, to: them.id }),
    ).toMatch(/happened on this node/)
    // A message between two accounts homed elsewhere is taken, to be relayed.
    const passing = pending(them.id, 'a_unknown', 'm_6')
    expect(typeof check({ type: 'message.sent', conversationId: passing.conversationId, message: passing, newConversation: true, acceptsRequest: false })).toBe('object')
    const delivered = { ...pending(them.id, me.id, 'm_5'), delivery: 'direct' }
    expect(check({ type: 'message.sent', conversationId: delivered.conversationId, message: delivered, newConversation: true, acceptsRequest: false })).toMatch(
      /not valid/,
    )
    await store.close()
  })
})

describe('command line and addresses', () => {
  test('--peer-port, and --peer with --pair-code', () => {
    expect(parseArgs(['--peer-port', '4871', '--peer', 'http://10.0.0.2:4870', '--pair-code', 'ABCDE-FGHJK'])).toMatchObject({
      peerPort: 4871,
      peer: 'http://10.0.0.2:4870',
      pairCode: 'ABCDE-FGHJK',
    })
    expect(() => parseArgs(['--peer-port', 'x'])).toThrow(/--peer-port/)
    expect(() => parseArgs(['--peer', 'http://10.0.0.2:4870'])).toThrow(/go together/)
  })

  test('bound to 0.0.0.0 the node answers to its LAN addresses and host name; otherwise to the bind address', () => {
    expect(ownHostNames('127.0.0.1')()).toEqual(['127.0.0.1'])
    const names = ownHostNames('0.0.0.0')()
    expect(names.length).toBeGreaterThanOrEqual(2)
    expect(names).not.toContain('0.0.0.0')
  })
})

describe('peer book', () => {
  test('a node id that names an object property ("constructor", "toString") is no peer', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'envelope-peer-book-'))
    try {
      const book = await PeerBook.open(dir)
      for (const id of ['constructor', 'toString', 'hasOwnProperty', '__proto__']) {
        expect(book.get(id)).toBeUndefined()
      }
      expect(await book.remove('constructor')).toBe(false)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  test('cursor moves show at once and reach disk in the background, the last one winning', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'envelope-peer-book-'))
    try {
      const book = await PeerBook.open(dir)
      const peer = { id: 'n_peer', name: 'p', url: 'http://127.0.0.1:1', peerUrl: 'https://127.0.0.1:2', fingerprint: 'F', secret: 's'.repeat(32) }
      await book.put({ ...peer, pairedAt: '2026-01-01T00:00:00.000Z', acked: 0, pulled: 0 })
      // Not awaited, as replication does: memory moves now, one save carries the latest.
      for (let seq = 1; seq <= 50; seq++) {
        void book.setCursors('n_peer', { acked: seq, pulled: seq * 2 })
      }
      expect(book.get('n_peer')).toMatchObject({ acked: 50, pulled: 100 })
      await book.cursorsSaved()
      expect((await PeerBook.open(dir)).get('n_peer')).toMatchObject({ acked: 50, pulled: 100 })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
