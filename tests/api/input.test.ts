// Bad input at the edge: malformed and wrongly shaped bodies, content types, the 256 KiB
// limit, R14's 2,000 characters, CRLF and unicode kept exactly. After every bad request the
// data stored before it must be intact, and the node must still answer.
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccountView } from '@shared/types'
import type { TestNode } from './support'
import { api, cid, expectSentence, pair, rawRequest, refused, send, startTestNode, TOKEN } from './support'

const MAX_BODY = 256 * 1024

let t: TestNode
let x: AccountView
let y: AccountView
let conversationId: string
let snapshot: unknown

/** Everything stored about the baseline pair, as the API shows it. */
async function stored(): Promise<unknown> {
  return {
    x: (await t.client.getAccount(x.id)).account,
    y: (await t.client.getAccount(y.id)).account,
    xSettings: (await t.client.getSettings(x.id)).settings,
    xConversations: (await t.client.conversations(x.id)).conversations,
    yConversations: (await t.client.conversations(y.id)).conversations,
    messages: (await t.client.messages(y.id, conversationId)).messages,
    follows: (await t.client.listFollows(x.id)).accounts.map((a) => a.id),
  }
}

async function expectIntact(): Promise<void> {
  expect(await stored()).toEqual(snapshot)
  expect((await api(t.url, 'GET', '/api/v1/health', { token: null })).status).toBe(200)
}

const json = { 'Content-Type': 'application/json' }

beforeAll(async () => {
  t = await startTestNode()
  ;[x, y] = await pair(t)
  conversationId = (await send(t, x, y, 'baseline one')).conversationId
  await send(t, x, y, 'baseline two: שלום 👋')
  snapshot = await stored()
})
afterAll(async () => {
  await t.stop()
})

/** Routes that take a JSON body, aimed at the baseline accounts. */
const bodyRoutes = (): [string, string][] => [
  ['POST', '/api/v1/accounts'],
  ['PATCH', `/api/v1/accounts/${x.id}`],
  ['PATCH', `/api/v1/accounts/${x.id}/settings`],
  ['POST', `/api/v1/accounts/${x.id}/follows`],
  ['POST', `/api/v1/accounts/${x.id}/blocks`],
  ['POST', `/api/v1/accounts/${x.id}/messages`],
  ['POST', `/api/v1/accounts/${x.id}/conversations/${conversationId}/mute`],
]

describe('malformed and wrongly shaped bodies', () => {
  it.each([
    ['broken JSON', '{"to": '],
    ['a trailing comma', '{"muted": true,}'],
    ['single quotes', "{'muted': true}"],
    ['an empty body', ''],
  ])('400 INVALID_INPUT for %s on every JSON route; nothing changes', async (_what, body) => {
    for (const [method, path] of bodyRoutes()) {
      const res = await api(t.url, method, path, { body, headers: json })
      expect(res.status, `${method} ${path}`).toBe(400)
      expect(res.body.error?.code).toBe('INVALID_INPUT')
      expectSentence(res.body.error?.message)
    }
    await expectIntact()
  })

  it.each([['[]'], ['[{"to":"x"}]'], ['null'], ['"text"'], ['42'], ['true']])('400 "must be a JSON object" for the body %s', async (body) => {
    for (const [method, path] of bodyRoutes()) {
      const res = await api(t.url, method, path, { body, headers: json })
      expect(res.status, `${method} ${path}`).toBe(400)
      expect(res.body.error).toMatchObject({ code: 'INVALID_INPUT', message: 'The request body must be a JSON object.' })
    }
    await expectIntact()
  })

  it('400 naming an unknown field, on every JSON route', async () => {
    const bodies: Record<string, unknown> = {
      [`POST /api/v1/accounts`]: { handle: 'newone', displayName: 'N', birthDate: '1990-01-01', region: 'US', kind: 'personal', isAdmin: true },
      [`PATCH /api/v1/accounts/${x.id}`]: { bio: 'b', isAdmin: true },
      [`PATCH /api/v1/accounts/${x.id}/settings`]: { readReceipts: false, isAdmin: true },
      [`POST /api/v1/accounts/${x.id}/follows`]: { target: y.id, isAdmin: true },
      [`POST /api/v1/accounts/${x.id}/blocks`]: { target: y.id, isAdmin: true },
      [`POST /api/v1/accounts/${x.id}/messages`]: { to: y.id, text: 'hi', clientId: cid(), isAdmin: true },
      [`POST /api/v1/accounts/${x.id}/conversations/${conversationId}/mute`]: { muted: true, isAdmin: true },
    }
    for (const [method, path] of bodyRoutes()) {
      const res = await api(t.url, method, path, { body: JSON.stringify(bodies[`${method} ${path}`]), headers: json })
      expect(res.status, `${method} ${path}`).toBe(400)
      expect(res.body.error?.code).toBe('INVALID_INPUT')
      expect(res.body.error?.message).toContain('isAdmin')
    }
    await expectIntact()
  })

  it('400 for a __proto__ key (no prototype games), and the node still works', async () => {
    const body = `{"to":"${y.id}","text":"hi","clientId":"${cid()}","__proto__":{"admin":true}}`
    const res = await api(t.url, 'POST', `/api/v1/accounts/${x.id}/messages`, { body, headers: json })
    expect(res.status).toBe(400)
    expect(res.body.error?.message).toContain('__proto__')
    expect(({} as Record<string, unknown>).admin).toBeUndefined()
    await expectIntact()
  })

  it('400 for fields of the wrong type, naming the field', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ to: 42, text: 'hi', clientId: cid() }, 'to', 'INVALID_INPUT'],
      [{ to: y.id, text: ['hi'], clientId: cid() }, 'text', 'MESSAGE_INVALID'],
      [{ to: y.id, text: 'hi', clientId: 7 }, 'clientId', 'INVALID_INPUT'],
      [{ to: y.id, text: 'hi', clientId: 'has space' }, 'clientId', 'INVALID_INPUT'],
      [{ to: y.id, text: 'hi', clientId: 'x'.repeat(101) }, 'clientId', 'INVALID_INPUT'],
      [{ to: y.id, text: 'hi' }, 'clientId', 'INVALID_INPUT'],
      [{ text: 'hi', clientId: cid() }, 'to', 'INVALID_INPUT'],
      [{ to: '', text: 'hi', clientId: cid() }, 'to', 'INVALID_INPUT'],
    ]
    for (const [body, field, code] of cases) {
      const res = await api(t.url, 'POST', `/api/v1/accounts/${x.id}/messages`, { body: JSON.stringify(body), headers: json })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.error, JSON.stringify(body)).toMatchObject({ code, field })
      expectSentence(res.body.error?.message)
    }
    await expectIntact()
  })

  it('deeply nested JSON is refused without harm', async () => {
    const depth = 100_000
    const body = `{"to":${'['.repeat(depth)}${']'.repeat(depth)},"text":"hi","clientId":"deep"}`
    expect(body.length).toBeLessThan(MAX_BODY)
    const res = await api(t.url, 'POST', `/api/v1/accounts/${x.id}/messages`, { body, headers: json })
    expect(res.status).toBe(400)
    expect(res.body.error?.code).toBe('INVALID_INPUT')
    await expectIntact()
  })

  it('400 INVALID_INPUT for bytes that are not UTF-8: the text is never stored with replacement characters', async () => {
    const body = Buffer.concat([Buffer.from(`{"to":"${y.id}","text":"caf`), Buffer.from([0xe9, 0xff]), Buffer.from(`","clientId":"${cid()}"}`)])
    const res = await rawRequest(t.url, {
      method: 'POST',
      path: `/api/v1/accounts/${x.id}/messages`,
      headers: { ...json, Authorization: `Bearer ${TOKEN}`, 'Content-Length': String(body.length) },
      body,
    })
    expect(res.status).toBe(400)
    const error = (res.json() as { error: { code: string; message: string } }).error
    expect(error.code).toBe('INVALID_INPUT')
    expectSentence(error.message)
    await expectIntact()
  })
})

describe('content types', () => {
  it.each([['text/plain'], ['application/x-www-form-urlencoded'], ['multipart/form-data; boundary=x'], ['application/jsonp'], ['']])(
    '415 UNSUPPORTED_MEDIA_TYPE for a body sent as "%s"',
    async (type) => {
      const body = JSON.stringify({ to: y.id, text: 'form post', clientId: cid() })
      const headers: Record<string, string> = { Authorization: `Bearer ${TOKEN}`, 'Content-Length': String(Buffer.byteLength(body)) }
      if (type) {
        headers['Content-Type'] = type
      }
      const res = await rawRequest(t.url, { method: 'POST', path: `/api/v1/accounts/${x.id}/messages`, headers, body })
      expect(res.status).toBe(415)
      const error = (res.json() as { error: { code: string; message: string } }).error
      expect(error.code).toBe('UNSUPPORTED_MEDIA_TYPE')
      expectSentence(error.message)
      await expectIntact()
    },
  )

  it('accepts application/json with a charset parameter, in any case', async () => {
    const [a, b] = await pair(t)
    const res = await api(t.url, 'POST', `/api/v1/accounts/${a.id}/messages`, {
      body: JSON.stringify({ to: b.id, text: 'with charset', clientId: cid() }),
      headers: { 'Content-Type': 'Application/JSON; charset=UTF-8' },
    })
    expect(res.status).toBe(201)
  })
})

describe('body size (256 KiB)', () => {
  function bigMessage(size: number): string {
    const head = `{"to":"${y.id}","clientId":"big","text":"`
    const tail = '"}'
    return head + 'x'.repeat(size - head.length - tail.length) + tail
  }

  it('413 PAYLOAD_TOO_LARGE one byte over the limit (Content-Length), and nothing is stored', async () => {
    const body = bigMessage(MAX_BODY + 1)
    const res = await api(t.url, 'POST', `/api/v1/accounts/${x.id}/messages`, { body, headers: json })
    expect(res.status).toBe(413)
    expect(res.body.error?.code).toBe('PAYLOAD_TOO_LARGE')
    expectSentence(res.body.error?.message)
    await expectIntact()
  })

  it('413 for a chunked body without Content-Length that grows past the limit', async () => {
    const body = bigMessage(MAX_BODY * 2)
    const res = await rawRequest(t.url, {
      method: 'POST',
      path: `/api/v1/accounts/${x.id}/messages`,
      headers: { ...json, Authorization: `Bearer ${TOKEN}` },
      body,
      chunked: true,
    })
    expect(res.status).toBe(413)
    expect((res.json() as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE')
    await expectIntact()
  })

  it('a body that arrives in pieces is read whole: chunked, and with Content-Length over several packets', async () => {
    const [a, b] = await pair(t)
    const chunked = JSON.stringify({ to: b.id, text: 'sent chunked', clientId: cid() })
    const res = await rawRequest(t.url, {
      method: 'POST',
      path: `/api/v1/accounts/${a.id}/messages`,
      headers: { ...json, Authorization: `Bearer ${TOKEN}` },
      body: chunked,
      chunked: true,
    })
    expect(res.status).toBe(201)
    const body = JSON.stringify({ to: b.id, text: 'sent in three pieces', clientId: cid() })
    const port = Number(new URL(t.url).port)
    const head = `POST /api/v1/accounts/${a.id}/messages HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', async () => {
        for (const piece of [head + body.slice(0, 5), body.slice(5, 20), body.slice(20)]) {
          socket.write(piece)
          await new Promise((r) => setTimeout(r, 20))
        }
      })
      let data = ''
      socket.on('data', (chunk) => (data += chunk.toString('utf8')))
      socket.on('end', () => resolve(data))
      socket.on('error', reject)
    })
    expect(reply).toMatch(/^HTTP\/1\.1 201/)
    const { conversationId: both } = res.json() as { conversationId: string }
    const texts = (await t.client.messages(b.id, both)).messages.map((m) => m.text)
    expect(texts.sort()).toEqual(['sent chunked', 'sent in three pieces'])
  })

  it('a body of exactly 256 KiB passes the limit and is judged on its text (400 MESSAGE_INVALID)', async () => {
    const body = bigMessage(MAX_BODY)
    expect(Buffer.byteLength(body)).toBe(MAX_BODY)
    const res = await api(t.url, 'POST', `/api/v1/accounts/${x.id}/messages`, { body, headers: json })
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({ code: 'MESSAGE_INVALID', field: 'text' })
    await expectIntact()
  })
})

describe('R14 text: 2,000 characters, CRLF, unicode kept exactly', () => {
  async function roundTrip(text: string): Promise<string> {
    const [a, b] = await pair(t)
    const res = await send(t, a, b, text)
    const [m] = (await t.client.messages(b.id, res.conversationId)).messages
    expect(m.id).toBe(res.message.id)
    expect(res.message.text).toBe(m.text)
    return m.text
  }

  it('R14 2,000 characters are accepted and stored whole; 2,001 are 400 MESSAGE_INVALID', async () => {
    const text = 'abcdefghij'.repeat(200)
    expect(await roundTrip(text)).toBe(text)
    const [a, b] = await pair(t)
    const err = await refused(send(t, a, b, `${text}k`), 400, 'MESSAGE_INVALID')
    expect(err.message).toMatch(/2,?000/)
    await expectIntact()
  })

  it('R14 2,000 emoji count as 2,000 characters (not 4,000 UTF-16 units); 2,001 are refused', async () => {
    const text = '😀'.repeat(2000)
    expect(text.length).toBe(4000)
    expect(await roundTrip(text)).toBe(text)
    const [a, b] = await pair(t)
    await refused(send(t, a, b, `${text}😀`), 400, 'MESSAGE_INVALID')
  })

  it('R14 the limit applies after trimming: 2,000 characters padded with spaces are stored trimmed', async () => {
    const core = 'y'.repeat(2000)
    expect(await roundTrip(`   \n\t${core}\n  `)).toBe(core)
  })

  it('R14 a text far over the limit is 400 MESSAGE_INVALID naming text', async () => {
    const [a, b] = await pair(t)
    const err = await refused(send(t, a, b, 'z'.repeat(20_000)), 400, 'MESSAGE_INVALID')
    expect(err.field).toBe('text')
  })

  it('R14 CRLF is stored as LF; tabs and inner spacing are kept; the ends are trimmed', async () => {
    expect(await roundTrip('line one\r\nline two\r\n\r\nafter a blank')).toBe('line one\nline two\n\nafter a blank')
    expect(await roundTrip('  a\tb  c \n d  ')).toBe('a\tb  c \n d')
  })

  it.each([
    ['Arabic (RTL)', 'مرحبا بالعالم، كيف حالك؟'],
    ['Hebrew with a right-to-left mark', 'שלום\u200F עולם 123'],
    ['mixed direction with isolates', 'Price: \u2067١٢٣\u2069 EUR'],
    ['combining marks (not normalised to NFC)', 'Cafe\u0301 na\u0308ive Z\u0335\u0321a\u0358l\u0337g\u0336o'],
    ['an emoji ZWJ family', '👩‍👩‍👧‍👦 family'],
    ['skin tones, flags and keycaps', '👍🏽 🇩🇪🇯🇵 1️⃣ 🏳️‍🌈'],
    ['astral CJK and math letters', '𠜎𠜱𠝹 𝔘𝔫𝔦𝔠𝔬𝔡𝔢'],
    ['zero-width joiners and non-breaking spaces inside', 'a\u200Db\u00A0c\u2009d'],
  ])('R14 unicode is stored exactly: %s', async (_what, text) => {
    const stored = await roundTrip(text)
    expect(stored).toBe(text)
    expect([...stored].map((c) => c.codePointAt(0))).toEqual([...text].map((c) => c.codePointAt(0)))
  })

  it('R1 unicode in display names and bios is stored exactly', async () => {
    const displayName = 'Zoë 🌸 זואי'
    const bio = 'e\u0301 👩‍💻 مرحبا'
    const a = await t.account({ displayName, bio })
    expect((await t.client.getAccount(a.id)).account).toMatchObject({ displayName, bio })
  })
})

describe('odd paths and queries', () => {
  it('unknown routes are 404 NOT_FOUND with a sentence; odd account segments are 404, not 500', async () => {
    for (const path of [
      '/api/v1/nothing',
      '/api/v2/health',
      `/api/v1/accounts/${'a'.repeat(5000)}`,
      '/api/v1/accounts/%00',
      '/api/v1/accounts/..%2F..%2Fetc',
      '/api/v1/accounts/%F0%9F%98%80/settings',
      '/api/v1/accounts/%',
      '/api/v1/accounts/%E0%A4%A/follows',
    ]) {
      const res = await api(t.url, 'GET', path)
      expect(res.status, path).toBe(404)
      expect(res.body.error?.code).toBe('NOT_FOUND')
      expectSentence(res.body.error?.message)
    }
    await expectIntact()
  })

  it('a method a route does not have is 404, not a crash', async () => {
    const res = await api(t.url, 'PUT', `/api/v1/accounts/${x.id}`, { body: '{}', headers: json })
    expect([404, 405]).toContain(res.status)
    await expectIntact()
  })

  it('unknown query parameters are 400 naming them', async () => {
    const res = await api(t.url, 'GET', `/api/v1/accounts/${x.id}/conversations?folder=inbox&sort=desc`)
    expect(res.status).toBe(400)
    expect(res.body.error?.message).toContain('sort')
  })
})
