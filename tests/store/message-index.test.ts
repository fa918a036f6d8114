// Messages live in the log, not in memory: the projection keeps columns per message and an id
// index (main/store/message-refs.ts, id-index.ts). These tests hold the queries that read
// through them to a plain model (sorted by key, R19), with messages of the same millisecond
// arriving in any order, and check periodic checkpoints, crashes while writing one, and the
// older checkpoint format.
import { readdir, rm, writeFile } from 'node:fs/promises'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import type { DomainEvent, RemoteEvent, StoredMessage } from '../../main/store'
import { conversationIdFor, messageKey, Store } from '../../main/store'
import { checkpointPath, legacyCheckpointPath, readCheckpoint } from '../../main/store/checkpoint'
import { tempDir } from '../api/support'
import { accountEvents } from './store-fixtures'
import { ControlledFiles } from './log-helpers'

const made: string[] = []
afterEach(async () => {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })))
})
async function folder(): Promise<string> {
  const dir = await tempDir('envelope-msgindex-')
  made.push(dir)
  return dir
}

const NOW = new Date('2026-03-10T12:00:00.000Z')

const accounts = (...ids: string[]): DomainEvent[] => accountEvents(ids, NOW)
const CONV = conversationIdFor('a_ann', 'a_bob')

function sent(id: string, from: string, ms: number): DomainEvent {
  const to = from === 'a_ann' ? 'a_bob' : 'a_ann'
  const message: StoredMessage = {
    id,
    conversationId: CONV,
    from,
    to,
    text: `text of ${id}`,
    sentAt: new Date(NOW.getTime() + ms).toISOString(),
    clientId: `c_${id}`,
    delivery: 'direct',
  }
  return { type: 'message.sent', conversationId: CONV, message, newConversation: false, acceptsRequest: true }
}

/** Every message the viewer sees, oldest first, by walking the pages back from the newest. */
function allPages(store: Store, viewer: string, limit: number): string[] {
  const out: string[] = []
  let before: string | undefined
  for (;;) {
    const page = store.messagesPage(CONV, viewer, before, limit)
    if (page === 'UNKNOWN_CURSOR') {
      throw new Error('unknown cursor')
    }
    out.unshift(...page.messages.map((m) => m.id))
    if (!page.hasMore || page.messages.length === 0) {
      return out
    }
    before = page.messages[0].id
  }
}

// Few distinct milliseconds, so many messages share one and their order falls to their ids (R19).
const arrival = fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.string({ minLength: 1, maxLength: 3, unit: fc.constantFrom('a', 'b', 'c', 'd') })), {
  minLength: 1,
  maxLength: 30,
  selector: ([, s]) => s,
})

describe('messages read back through the columns and the id index', () => {
  it('R19 pages, unread counts and lookups match a sorted model, whatever order same-millisecond messages arrive in', async () => {
    await fc.assert(
      fc.asyncProperty(arrival, fc.nat(), fc.nat(), fc.integer({ min: 1, max: 7 }), async (msgs, readPick, hidePick, limit) => {
        const dataDir = await folder()
        const store = await Store.open({ dataDir, clock: () => NOW })
        const events = msgs.map(([ms, s], i) => sent(`m_${s}`, i % 3 === 0 ? 'a_bob' : 'a_ann', ms))
        await store.commit([...accounts('a_ann', 'a_bob'), ...events]).durable
        const model = events.map((e) => (e as { message: StoredMessage }).message).sort((a, b) => (messageKey(a) < messageKey(b) ? -1 : 1))
        // Ann reads up to one message and deletes another for herself (R17).
        const readTo = model[readPick % model.length]
        const hidden = model[hidePick % model.length]
        await store.commit([
          { type: 'conversation.read', conversationId: CONV, by: 'a_ann', upTo: messageKey(readTo) },
          { type: 'message.hidden', conversationId: CONV, messageId: hidden.id, by: 'a_ann' },
        ]).durable
        const check = (s: Store) => {
          expect(allPages(s, 'a_bob', limit)).toEqual(model.map((m) => m.id))
          const annSees = model.filter((m) => m.id !== hidden.id)
          expect(allPages(s, 'a_ann', limit)).toEqual(annSees.map((m) => m.id))
          // Her own sends count as read up to them, and a read never moves back.
          const readKey = [readTo, ...model.filter((m) => m.from === 'a_ann')].map(messageKey).sort().at(-1)!
          const unread = annSees.filter((m) => m.from === 'a_bob' && messageKey(m) > readKey).length
          const summary = s.conversationSummary(CONV, 'a_ann', NOW)
          expect(summary?.unread).toBe(unread)
          expect(summary?.lastMessage?.id).toBe(annSees.at(-1)?.id)
          for (const m of model) {
            expect(s.message(m.id)?.text).toBe(m.text)
            expect(s.messageByClientId(m.from, m.clientId)?.id).toBe(m.id)
          }
          expect(s.message('m_nope')).toBeUndefined()
          expect(s.messageByClientId('a_ann', 'c_nope')).toBeUndefined()
        }
        check(store)
        await store.close()
        const reopened = await Store.open({ dataDir, clock: () => NOW })
        check(reopened)
        await reopened.close()
      }),
      { numRuns: 30 },
    )
  })

  it('an event imported twice, or again after a restart, is applied once (sync idempotence)', async () => {
    const dataDir = await folder()
    const store = await Store.open({ dataDir, clock: () => NOW })
    await store.commit(accounts('a_ann', 'a_bob')).durable
    const remote: RemoteEvent = { ...sent('m_far', 'a_bob', 5), id: 'n_peer:7', origin: 'n_peer', at: NOW.toISOString() } as RemoteEvent
    expect(store.hasApplied('n_peer:7')).toBe(false)
    const first = store.importEvents([remote, remote])
    await first.durable
    expect(store.hasApplied('n_peer:7')).toBe(true)
    expect(store.importEvents([remote]).events).toEqual([])
    expect(allPages(store, 'a_ann', 10)).toEqual(['m_far'])
    expect(store.hasApplied(`${store.nodeId}:1`)).toBe(true)
    expect(store.hasApplied(`${store.nodeId}:999`)).toBe(false)
    await store.close()
    const again = await Store.open({ dataDir, clock: () => NOW })
    expect(again.hasApplied('n_peer:7')).toBe(true)
    expect(again.importEvents([remote]).events).toEqual([])
    expect(allPages(again, 'a_ann', 10)).toEqual(['m_far'])
    await again.close()
  })
})

describe('periodic checkpoints', () => {
  const sends = (from: number, count: number) => Array.from({ length: count }, (_, i) => sent(`m_${from + i}`, i % 2 ? 'a_ann' : 'a_bob', (from + i) * 1000))

  it('are written while the node runs, so a crash replays only the tail', async () => {
    const dataDir = await folder()
    const ctl = new ControlledFiles()
    const store = await Store.open({ dataDir, clock: () => NOW, files: ctl.files, checkpointEvery: { events: 10, ms: 3_600_000 } })
    await store.commit(accounts('a_ann', 'a_bob')).durable
    for (const e of sends(0, 25)) {
      await store.commit([e]).durable
    }
    await store.flushed()
    await new Promise((resolve) => setTimeout(resolve, 50))
    const written = await readCheckpoint(dataDir, store.nodeId)
    expect(written?.seq).toBeGreaterThanOrEqual(20)
    expect(ctl.steps.filter((s) => s === 'commit checkpoint.bin').length).toBeGreaterThanOrEqual(2)
    // Crash: nothing more reaches the disk, not even the close's own checkpoint.
    const live = store.snapshot()
    ctl.crashAt = ctl.steps.length + 1
    await store.close().catch(() => undefined)
    const reopened = await Store.open({ dataDir, clock: () => NOW })
    expect(reopened.snapshot()).toEqual(live)
    expect(allPages(reopened, 'a_ann', 100)).toHaveLength(25)
    await reopened.close()
  })

  // Sends while a periodic checkpoint is due: a crash at any file step from there on (the
  // checkpoint's steps are create, piece, piece (its SHA-256), commit, among the sends' appends).
  for (const crashAt of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
    it(`a crash at file step ${crashAt} of sends that write a checkpoint opens to the acknowledged state`, async () => {
      const dataDir = await folder()
      const setup = await Store.open({ dataDir, clock: () => NOW })
      await setup.commit([...accounts('a_ann', 'a_bob'), ...sends(0, 5)]).durable
      await setup.close()
      const ctl = new ControlledFiles()
      const store = await Store.open({ dataDir, clock: () => NOW, files: ctl.files, checkpointEvery: { events: 2, ms: 3_600_000 } })
      ctl.crashAt = ctl.steps.length + crashAt
      const acknowledged: string[] = []
      for (const e of sends(5, 4)) {
        try {
          await store.commit([e]).durable
          acknowledged.push((e as { message: StoredMessage }).message.id)
        } catch {
          break
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 20))
      await store.close().catch(() => undefined)
      const reopened = await Store.open({ dataDir, clock: () => NOW })
      const ids = allPages(reopened, 'a_ann', 100)
      expect(ids.slice(0, 5 + acknowledged.length)).toEqual([...sends(0, 5).map((e) => (e as { message: StoredMessage }).message.id), ...acknowledged])
      // The reopened store equals a full replay of what is on disk.
      const fromCheckpoint = reopened.snapshot()
      await reopened.close()
      await rm(checkpointPath(dataDir))
      const replayed = await Store.open({ dataDir, clock: () => NOW })
      expect(replayed.snapshot()).toEqual(fromCheckpoint)
      await replayed.close()
      expect((await readdir(dataDir)).filter((n) => n.endsWith('.tmp'))).toEqual([])
    })
  }
})

describe('the older checkpoint format', () => {
  it('checkpoint.json (every message in it) is not read: the log is replayed, and the next checkpoint replaces it', async () => {
    const dataDir = await folder()
    const first = await Store.open({ dataDir, clock: () => NOW })
    await first.commit([...accounts('a_ann', 'a_bob'), sent('m_1', 'a_ann', 1), sent('m_2', 'a_bob', 2)]).durable
    await first.close()
    const plain = await Store.open({ dataDir, clock: () => NOW })
    const expected = plain.snapshot()
    await plain.close()
    await rm(checkpointPath(dataDir))
    // As the version-1 store left it: a checkpoint of a different (impossible) projection.
    await writeFile(legacyCheckpointPath(dataDir), JSON.stringify({ version: 1, nodeId: first.nodeId, seq: 4, lastStamp: 0, state: { accounts: { $map: [] } } }))
    const migrated = await Store.open({ dataDir, clock: () => NOW })
    expect(migrated.snapshot()).toEqual(expected)
    expect(allPages(migrated, 'a_ann', 10)).toEqual(['m_1', 'm_2'])
    await migrated.commit([sent('m_3', 'a_ann', 3)]).durable
    await migrated.close()
    const names = await readdir(dataDir)
    expect(names).toContain('checkpoint.bin')
    expect(names).not.toContain('checkpoint.json')
  })
})
