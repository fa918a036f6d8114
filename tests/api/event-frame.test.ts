// The SSE frame of a message event, written straight from the stored fields (event-frame.ts),
// is byte for byte what the stream sent before: `JSON.stringify` of the presented event. Random
// messages (any unicode, quotes, backslashes, line separators, with and without `auto`) go
// through a real store, as sends from a local and a remote account and as verdicts both ways.
import { rm } from 'node:fs/promises'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { conversationIdFor, Store } from '../../main/store'
import type { DomainEvent, LogEvent, StoredMessage } from '../../main/store'
import { eventFrame } from '../../main/server/event-frame'
import { presentEvent } from '../../main/server/present'
import { defaultSettings } from '@shared/rules'
import { plainAccount } from '../store/store-fixtures'
import { tempDir } from './support'

const NOW = new Date('2026-03-01T12:00:00.000Z')
const LOCAL = 'a_ann'
const REMOTE = 'a_bob'
const CONV = conversationIdFor(LOCAL, REMOTE)

let store: Store
let dataDir: string
beforeAll(async () => {
  dataDir = await tempDir('envelope-event-frame-')
  store = await Store.open({ dataDir, clock: () => NOW })
  const accounts = [plainAccount(LOCAL, NOW, store.nodeId), plainAccount(REMOTE, NOW, 'n_elsewhere')]
  await store.commit(accounts.map((account) => ({ type: 'account.created', account, settings: defaultSettings(account, NOW) }))).durable
})
afterAll(async () => {
  await store.close()
  await rm(dataDir, { recursive: true, force: true })
})

/** The frame as the hub made it before event-frame.ts: the presented event, serialised whole. */
function generalFrame(event: LogEvent): string | null {
  const data = presentEvent(store, event, store.nodeId)
  return data ? `id: ${event.seq}\ndata: ${JSON.stringify(data)}\n\n` : null
}

/** The same frame from the object literal present.ts built before shownMessage() (its key order). */
function literalFrame(event: LogEvent & { conversationId: string }, m: StoredMessage, delivery: string): string {
  const message = { id: m.id, from: m.from, to: m.to, text: m.text, sentAt: m.sentAt, delivery, ...(m.auto ? { auto: m.auto } : {}) }
  const data = { seq: event.seq, at: event.at, type: 'message.sent', conversationId: event.conversationId, message }
  return `id: ${event.seq}\ndata: ${JSON.stringify(data)}\n\n`
}

const awkward = fc.constantFrom('"', '\\', '\n', '\r\n', '\t', '\u0000', '\u001f', '\u2028', '\u2029', '</script>', '\ud83d\ude00', '\ud800', '\udfff', 'é', '')
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.array(awkward, { maxLength: 8 }).map((a) => a.join('')),
)
const sentAt = fc.integer({ min: 0, max: 10 * 365 * 24 * 3600 }).map((s) => new Date(NOW.getTime() - s * 1000).toISOString())
const messageFacts = fc.record({
  local: fc.boolean(),
  text,
  sentAt,
  delivery: fc.constantFrom('direct', 'request', 'pending') as fc.Arbitrary<StoredMessage['delivery']>,
  auto: fc.option(fc.constantFrom('welcome', 'answer', 'keyword') as fc.Arbitrary<NonNullable<StoredMessage['auto']>>, { nil: undefined }),
  idTail: fc.oneof(fc.stringMatching(/^[a-z0-9]{1,12}$/), text),
  verdict: fc.option(fc.constantFrom('direct', 'request', 'refused') as fc.Arbitrary<'direct' | 'request' | 'refused'>, { nil: undefined }),
})

let count = 0

describe('a message event frame', () => {
  it('has the bytes of JSON.stringify of the presented event, for sends and verdicts, shown or not', async () => {
    let direct = 0
    await fc.assert(
      fc.asyncProperty(messageFacts, async (f) => {
        count += 1
        const [from, to] = f.local ? [LOCAL, REMOTE] : [REMOTE, LOCAL]
        const message: StoredMessage = {
          id: `m_${count}_${f.idTail}`,
          conversationId: CONV,
          from,
          to,
          text: f.text,
          sentAt: f.sentAt,
          clientId: `c_${count}`,
          delivery: f.delivery,
          ...(f.auto ? { auto: f.auto } : {}),
        }
        const events: DomainEvent[] = [{ type: 'message.sent', conversationId: CONV, message, newConversation: false, acceptsRequest: false }]
        if (f.verdict) {
          events.push({ type: 'message.verdict', conversationId: CONV, messageId: message.id, delivery: f.verdict, newConversation: false, acceptsRequest: false })
        }
        for (const event of await store.commit(events).durable) {
          const frame = eventFrame(store, event, store.nodeId)
          const general = generalFrame(event)
          expect(frame === null ? null : frame.toString('utf8')).toBe(general === null ? null : Buffer.from(general).toString('utf8'))
          expect(frame?.equals(Buffer.from(general ?? ''))).toBe(general === null ? undefined : true)
          const shownAsSent = general !== null && JSON.parse(general.slice(general.indexOf('data: ') + 6)).type === 'message.sent'
          if (shownAsSent && (event.type === 'message.sent' || event.type === 'message.verdict')) {
            direct += 1
            const delivery = event.type === 'message.verdict' ? event.delivery : message.delivery
            expect(frame?.toString('utf8')).toBe(Buffer.from(literalFrame(event, message, delivery)).toString('utf8'))
          }
        }
      }),
      { numRuns: 300 },
    )
    // The property saw the direct writer at work, not only hidden events and verdicts.
    expect(direct).toBeGreaterThan(100)
  })

  it('is null for another node’s pending send and for a refusal its recipient’s clients never saw', async () => {
    const message: StoredMessage = {
      id: 'm_hidden',
      conversationId: CONV,
      from: REMOTE,
      to: LOCAL,
      text: 'hi',
      sentAt: NOW.toISOString(),
      clientId: 'c_hidden',
      delivery: 'pending',
    }
    const [sent, verdict] = await store.commit([
      { type: 'message.sent', conversationId: CONV, message, newConversation: false, acceptsRequest: false },
      { type: 'message.verdict', conversationId: CONV, messageId: message.id, delivery: 'refused', newConversation: false, acceptsRequest: false },
    ]).durable
    expect(eventFrame(store, sent, store.nodeId)).toBeNull()
    expect(eventFrame(store, verdict, store.nodeId)).toBeNull()
  })
})
