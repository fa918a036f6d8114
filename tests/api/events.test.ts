// GET /api/v1/events: live events over SSE, resumed with Last-Event-ID without gaps or
// repeats (docs/API.md "Events"), through the shared client and through raw fetch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createParser } from 'eventsource-parser'
import { openEventStream } from '@shared/api'
import type { EventStream } from '@shared/api'
import type { ClientEvent } from '@shared/types'
import type { TestNode } from './support'
import { pair, send, startTestNode, TOKEN } from './support'

let t: TestNode
beforeAll(async () => {
  t = await startTestNode()
})
afterAll(async () => {
  await t.stop()
})

interface Recorder {
  stream: EventStream
  events: ClientEvent[]
  live: Promise<void>
  /** Resolves with the first event (already received or still to come) that matches. */
  waitFor(match: (e: ClientEvent) => boolean, what: string): Promise<ClientEvent>
}

/** A guard so a missing event fails with a message instead of hanging the suite. */
const GUARD_MS = 5_000

function record(lastEventId?: number, accounts?: string[]): Recorder {
  const events: ClientEvent[] = []
  const waiters: { match: (e: ClientEvent) => boolean; resolve: (e: ClientEvent) => void }[] = []
  let onLive: () => void = () => undefined
  const live = new Promise<void>((resolve) => (onLive = resolve))
  const stream = openEventStream({
    baseUrl: t.url,
    token: TOKEN,
    lastEventId,
    accounts,
    onStatus: (s) => s === 'live' && onLive(),
    onEvent: (e) => {
      events.push(e)
      for (const w of waiters.filter((w) => w.match(e))) {
        waiters.splice(waiters.indexOf(w), 1)
        w.resolve(e)
      }
    },
  })
  return {
    stream,
    events,
    live,
    waitFor: (match, what) => {
      const found = events.find(match)
      if (found) {
        return Promise.resolve(found)
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no event: ${what}`)), GUARD_MS)
        waiters.push({ match, resolve: (e) => (clearTimeout(timer), resolve(e)) })
      })
    },
  }
}

const isMessage = (id: string) => (e: ClientEvent) => e.type === 'message.sent' && e.message?.id === id

describe('SSE /api/v1/events', () => {
  it('delivers message.sent with the message (id, from, to, text, delivery) and its conversationId', async () => {
    const [a, b] = await pair(t)
    const rec = record()
    try {
      await rec.live
      const sent = await send(t, a, b, 'live hello')
      const event = await rec.waitFor(isMessage(sent.message.id), 'message.sent')
      expect(event).toMatchObject({
        type: 'message.sent',
        seq: expect.any(Number),
        at: expect.any(String),
        conversationId: sent.conversationId,
        message: { id: sent.message.id, from: a.id, to: b.id, text: 'live hello', sentAt: sent.message.sentAt, delivery: 'direct' },
      })
      expect(event.message).not.toHaveProperty('clientId')
      expect(rec.stream.lastEventId).toBeGreaterThanOrEqual(event.seq)
    } finally {
      rec.stream.close()
    }
  })

  it('reconnecting with Last-Event-ID gives exactly the missed events, each once', async () => {
    const [a, b] = await pair(t)
    const first = record()
    await first.live
    const m1 = await send(t, a, b, 'before the drop')
    const seen = await first.waitFor(isMessage(m1.message.id), 'm1')
    const resumeFrom = first.stream.lastEventId!
    expect(resumeFrom).toBe(seen.seq)
    first.stream.close()

    const m2 = await send(t, a, b, 'missed one')
    const m3 = await send(t, a, b, 'missed two')

    const second = record(resumeFrom)
    try {
      await second.waitFor(isMessage(m3.message.id), 'm3')
      // A sentinel sent after the reconnect: once it arrives, anything duplicated would be there too.
      const m4 = await send(t, a, b, 'after the reconnect')
      await second.waitFor(isMessage(m4.message.id), 'm4')
      const messages = second.events.filter((e) => e.type === 'message.sent').map((e) => e.message!.id)
      expect(messages).toEqual([m2.message.id, m3.message.id, m4.message.id])
      const seqs = second.events.map((e) => e.seq)
      expect(seqs[0]).toBe(resumeFrom + 1)
      expect(new Set(seqs).size).toBe(seqs.length)
      expect([...seqs].sort((x, y) => x - y)).toEqual(seqs)
    } finally {
      second.stream.close()
    }
  })

  it('raw SSE: a ready event names the position, then events follow with ids; Last-Event-ID resumes there', async () => {
    const [a, b] = await pair(t)
    const start = (await t.client.node()).node.lastSeq
    const m1 = await send(t, a, b, 'raw one')
    const m2 = await send(t, a, b, 'raw two')
    const controller = new AbortController()
    const res = await fetch(`${t.url}/api/v1/events`, {
      headers: { Authorization: `Bearer ${TOKEN}`, Accept: 'text/event-stream', 'Last-Event-ID': String(start) },
      signal: controller.signal,
    })
    try {
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
      const reader = res.body!.getReader()
      const decoder = new TextDecoder()
      const got: { id?: string; event?: string; data: string }[] = []
      const parser = createParser({ onEvent: (e) => got.push(e) })
      while (got.length < 3) {
        const { value, done } = await reader.read()
        if (done) {
          break
        }
        parser.feed(decoder.decode(value, { stream: true }))
      }
      expect(got[0]).toMatchObject({ id: String(start), event: 'ready' })
      expect(JSON.parse(got[0].data)).toEqual({ type: 'ready', seq: start, reset: false })
      expect(got.slice(1, 3).map((e) => e.id)).toEqual([String(start + 1), String(start + 2)])
      expect(got.slice(1, 3).map((e) => (JSON.parse(e.data) as ClientEvent).message?.id)).toEqual([m1.message.id, m2.message.id])
    } finally {
      controller.abort()
    }
  })

  it('carries account, follow and read events without private fields', async () => {
    const rec = record()
    try {
      await rec.live
      const a = await t.account({ phone: '+14155550100', birthDate: '1991-02-03' })
      const b = await t.account()
      await t.client.follow(a.id, b.id)
      const sent = await send(t, a, b)
      await t.client.markRead(b.id, sent.conversationId)
      const created = await rec.waitFor((e) => e.type === 'account.created' && e.accountId === a.id, 'account.created')
      expect(created.account).toMatchObject({ id: a.id, handle: a.handle })
      expect(JSON.stringify(created)).not.toMatch(/1991-02-03|\+14155550100/)
      expect(await rec.waitFor((e) => e.type === 'follow.added' && e.from === a.id, 'follow.added')).toMatchObject({ to: b.id })
      const read = await rec.waitFor((e) => e.type === 'conversation.read' && e.by === b.id, 'conversation.read')
      expect(read).toMatchObject({ conversationId: sent.conversationId, messageId: sent.message.id })
    } finally {
      rec.stream.close()
    }
  })

  it('a stream opened for some accounts gets only their events, each once, in order', async () => {
    const [a, b] = await pair(t)
    const [c, d] = await pair(t)
    const mine = record(undefined, [a.id])
    const all = record()
    try {
      await Promise.all([mine.live, all.live])
      const other = await send(t, c, d, 'not for a')
      const m1 = await send(t, a, b, 'for a')
      const m2 = await send(t, b, a, 'also for a')
      await all.waitFor(isMessage(other.message.id), 'the other conversation on the full stream')
      await mine.waitFor(isMessage(m2.message.id), 'm2')
      const ids = mine.events.filter((e) => e.type === 'message.sent').map((e) => e.message!.id)
      expect(ids).toEqual([m1.message.id, m2.message.id])
      expect(mine.events.every((e) => e.type !== 'message.sent' || [e.message!.from, e.message!.to].includes(a.id))).toBe(true)
      // The same event reaches both streams with the same seq.
      const onAll = await all.waitFor(isMessage(m1.message.id), 'm1 on the full stream')
      expect(onAll.seq).toBe(mine.events.find(isMessage(m1.message.id))!.seq)
    } finally {
      mine.stream.close()
      all.stream.close()
    }
  })

  it('a stream for both parties of a conversation gets each of its messages once; a stream for other accounts gets none of them', async () => {
    const [a, b] = await pair(t)
    const [c, d] = await pair(t)
    const both = record(undefined, [a.id, b.id])
    const others = record(undefined, [c.id])
    try {
      await Promise.all([both.live, others.live])
      const m1 = await send(t, a, b, 'to b')
      const m2 = await send(t, b, a, 'to a')
      const theirs = await send(t, c, d, 'to d')
      await both.waitFor(isMessage(m2.message.id), 'm2')
      await others.waitFor(isMessage(theirs.message.id), 'the other conversation')
      expect(both.events.filter((e) => e.type === 'message.sent').map((e) => e.message!.id)).toEqual([m1.message.id, m2.message.id])
      expect(others.events.filter((e) => e.type === 'message.sent').map((e) => e.message!.id)).toEqual([theirs.message.id])
    } finally {
      both.stream.close()
      others.stream.close()
    }
  })

  it('concurrent sends (acknowledged in shared group commits) reach each stream once, in seq order, only where they belong', async () => {
    const [a, b] = await pair(t)
    const [c, d] = await pair(t)
    const all = record()
    const toB = record(undefined, [b.id])
    const aAndC = record(undefined, [a.id, c.id])
    try {
      await Promise.all([all.live, toB.live, aAndC.live])
      // Sent at once, so the log groups several into one write and sync.
      const sent = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? send(t, a, b, `ab ${i}`) : send(t, c, d, `cd ${i}`))))
      const messagesOf = (r: Recorder) => r.events.filter((e) => e.type === 'message.sent' && sent.some((s) => s.message.id === e.message!.id))
      const bySeq = (events: ClientEvent[]) => [...events].sort((x, y) => x.seq - y.seq)
      for (const [r, expected] of [
        [all, sent],
        [toB, sent.filter((_, i) => i % 2 === 0)],
        [aAndC, sent],
      ] as const) {
        await Promise.all(expected.map((m) => r.waitFor(isMessage(m.message.id), m.message.text)))
        const got = messagesOf(r)
        expect(got).toEqual(bySeq(got))
        expect(got.map((e) => e.message!.id).sort()).toEqual(expected.map((s) => s.message.id).sort())
      }
    } finally {
      for (const r of [all, toB, aAndC]) {
        r.stream.close()
      }
    }
  })

  it('refuses a malformed accounts filter with 400', async () => {
    const res = await fetch(`${t.url}/api/v1/events?accounts=${encodeURIComponent('a b')}`, { headers: { Authorization: `Bearer ${TOKEN}` } })
    expect(res.status).toBe(400)
    expect((await res.json()).error.code).toBe('INVALID_INPUT')
  })
})
