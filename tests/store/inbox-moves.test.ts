// The projection puts a new message, its send time and its conversation's place in the inbox
// at the newest end first (main/store/message-projection.ts, time-list.ts, message-times.ts,
// inbox-order.ts), and searches only when that is not where it goes: a peer's older message
// imported late, a conversation that is not the newest. These tests mix both, on a real
// store, and hold every answer to a model sorted from scratch.
import { rm } from 'node:fs/promises'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { newestFirst } from '@shared/inbox-order'
import type { DomainEvent, RemoteEvent, StoredMessage } from '../../main/store'
import { conversationIdFor, messageKey, Store } from '../../main/store'
import { keyBefore } from '../../main/store/state'
import { tempDir } from '../api/support'
import { accountEvents } from './store-fixtures'

const made: string[] = []
afterEach(async () => {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })))
})

const NOW = Date.parse('2026-03-10T12:00:00.000Z')
const VIEWER = 'a_ann'
const OTHERS = ['a_bob', 'a_cem', 'a_dee', 'a_eve']
const PEER = 'n_peer'

describe('R19 keyBefore compares as the message keys do', () => {
  it('for times of one length, equal times and times of other lengths (one a prefix of the other)', () => {
    const time = fc.constantFrom(
      '2026-03-10T12:00:00.000Z',
      '2026-03-10T12:00:00.001Z',
      '2026-03-10T12:00:00Z',
      '2026-03-10T12:00:00.5Z',
      '2026-03-10T12:00:00',
      '+012026-03-10T12:00:00.000Z',
    )
    const message = fc.record({ sentAt: time, id: fc.string({ maxLength: 3, unit: fc.constantFrom('a', 'b', '|', '0') }) })
    fc.assert(
      fc.property(message, message, (a, b) => {
        expect(keyBefore(a, b)).toBe(messageKey(a) < messageKey(b))
      }),
      { numRuns: 2000 },
    )
  })
})

function message(id: string, from: string, to: string, ms: number): StoredMessage {
  return {
    id,
    conversationId: conversationIdFor(from, to),
    from,
    to,
    text: `text of ${id}`,
    sentAt: new Date(ms).toISOString(),
    clientId: `k_${id}`,
    delivery: 'direct',
  }
}

function sentEvent(m: StoredMessage): DomainEvent {
  return { type: 'message.sent', conversationId: m.conversationId, message: m, newConversation: false, acceptsRequest: true }
}

/** The viewer's inbox as the store answers it, newest first. */
function inbox(store: Store): { id: string; lastActivityAt: string }[] {
  return store.conversationPage(VIEWER, undefined, Infinity, null).conversations.map((c) => ({ id: c.id, lastActivityAt: c.lastActivityAt }))
}

/** Every message of a conversation the viewer sees, oldest first. */
function thread(store: Store, conversationId: string): string[] {
  const page = store.messagesPage(conversationId, VIEWER, undefined, 10_000)
  if (page === 'UNKNOWN_CURSOR') {
    throw new Error('unknown cursor')
  }
  return page.messages.map((m) => m.id)
}

describe('R19 messages and conversations moved at the newest end, or searched for when older', () => {
  it('local sends in order and a peer’s older messages imported late keep threads, send times and the inbox sorted', async () => {
    // One step: which conversation, and whether it is a send made here now (newest) or a
    // message imported from a peer with a time some ms in the past (out of order).
    const step = fc.record({
      other: fc.integer({ min: 0, max: OTHERS.length - 1 }),
      late: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
      fromViewer: fc.boolean(),
    })
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
        const dataDir = await tempDir('envelope-inbox-moves-')
        made.push(dataDir)
        let clock = NOW
        const store = await Store.open({ dataDir, name: 'Moves', clock: () => new Date(clock) })
        try {
          await store.commit(accountEvents([VIEWER, ...OTHERS], new Date(NOW))).durable
          // The viewer's inbox is built once here; every step after it only moves conversations.
          expect(inbox(store)).toEqual([])
          const model = new Map<string, StoredMessage[]>()
          let n = 0
          for (const { other, late, fromViewer } of steps) {
            clock += 10
            n += 1
            const [from, to] = fromViewer ? [VIEWER, OTHERS[other]] : [OTHERS[other], VIEWER]
            const m = message(`m_${String(n).padStart(3, '0')}`, from, to, late === null ? clock : clock - late)
            if (late === null) {
              await store.commit([sentEvent(m)]).durable
            } else {
              const imported = { ...sentEvent(m), id: `${PEER}:${n}`, origin: PEER, at: m.sentAt } as RemoteEvent
              await store.importEvents([imported]).durable
            }
            const list = model.get(m.conversationId) ?? []
            list.push(m)
            model.set(m.conversationId, list)
            // Each thread in key order (R19), as sorted from scratch.
            const sorted = [...list].sort((a, b) => (keyBefore(a, b) ? -1 : 1))
            expect(thread(store, m.conversationId)).toEqual(sorted.map((s) => s.id))
            // The inbox: every conversation once, newest activity first, as sorted from scratch.
            const shown = inbox(store)
            const expected = [...model.entries()]
              .map(([id, ms]) => ({
                id,
                lastActivityAt: ms
                  .map((x) => x.sentAt)
                  .sort()
                  .at(-1)!,
              }))
              .sort(newestFirst)
            expect(shown).toEqual(expected)
          }
          // R12: the viewer's send times, in order whatever order they came in.
          const sentByViewer = [...model.values()].flat().filter((m) => m.from === VIEWER)
          expect(Array.from(store.sendHistory(VIEWER).messageTimes)).toEqual(sentByViewer.map((m) => Date.parse(m.sentAt)).sort((a, b) => a - b))
        } finally {
          await store.close()
        }
      }),
      { numRuns: 25 },
    )
  })
})
