// The local server is an attack surface: bearer auth on every non-public route, Host/Origin
// checks against DNS rebinding, CORS only for the node's own origins.
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccountView } from '@shared/types'
import type { TestNode } from './support'
import { api, expectSentence, pair, rawRequest, send, startTestNode, TOKEN } from './support'

let t: TestNode
let a: AccountView
let b: AccountView
let conversationId: string
let port: string

beforeAll(async () => {
  t = await startTestNode()
  ;[a, b] = await pair(t)
  const sent = await send(t, a, b, 'secret')
  conversationId = sent.conversationId
  port = new URL(t.url).port
})
afterAll(async () => {
  await t.stop()
})

/** Everything stored, to prove a refused request changed nothing. */
async function everything() {
  return {
    accounts: (await t.client.listAccounts()).accounts,
    messages: (await t.client.messages(b.id, conversationId)).messages,
    conversations: (await t.client.conversations(a.id)).conversations,
    settings: (await t.client.getSettings(a.id)).settings,
    follows: (await t.client.listFollows(a.id)).accounts,
    blocks: (await t.client.listBlocks(a.id)).accounts,
  }
}

describe('bearer auth', () => {
  // Every route of the app's own route table, with no token and wrong tokens, is walked in
  // tests/reliability/route-table-auth.test.ts; here, the shapes of a bad Authorization header.
  it.each([
    ['a Basic scheme', `Basic ${Buffer.from(`user:${TOKEN}`).toString('base64')}`],
    ['a lower-case scheme and extra spaces', `bearer  ${TOKEN}`],
    ['the token in quotes', `Bearer "${TOKEN}"`],
    ['two tokens', `Bearer ${TOKEN} ${TOKEN}`],
    ['an empty Bearer', 'Bearer '],
  ])('401 for %s', async (_what, header) => {
    const res = await rawRequest(t.url, { path: '/api/v1/accounts', headers: { Authorization: header } })
    expect(res.status).toBe(401)
    expect((res.json() as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED')
  })

  it('a token in the query string is not accepted', async () => {
    const res = await api(t.url, 'GET', `/api/v1/accounts?token=${TOKEN}`, { token: null })
    expect(res.status).toBe(401)
  })

  it('an unknown account without a token is 401, not 404 (nothing leaks before auth)', async () => {
    const res = await api(t.url, 'GET', '/api/v1/accounts/a_nobody', { token: null })
    expect(res.status).toBe(401)
  })

  it('the event stream refuses a missing token with JSON, not a stream', async () => {
    const res = await fetch(`${t.url}/api/v1/events`, { headers: { Accept: 'text/event-stream' } })
    expect(res.status).toBe(401)
    expect(res.headers.get('content-type')).toMatch(/application\/json/)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED')
  })

  it('health is public; the right token opens the rest', async () => {
    expect((await api(t.url, 'GET', '/api/v1/health', { token: null })).status).toBe(200)
    expect((await api(t.url, 'GET', '/api/v1/accounts')).status).toBe(200)
  })
})

describe('Host and Origin (DNS rebinding)', () => {
  it.each([['evil.example'], [`evil.example:${'PORT'}`], ['127.0.0.1.evil.example'], ['localhost.evil.example'], ['192.0.2.1']])(
    '403 FORBIDDEN_HOST for Host "%s", even with the right token and on public routes',
    async (rawHost) => {
      const host = rawHost.replace('PORT', port)
      for (const path of ['/api/v1/health', '/api/v1/accounts', '/api/openapi.json', '/']) {
        const res = await rawRequest(t.url, { path, headers: { Host: host, Authorization: `Bearer ${TOKEN}` } })
        expect(res.status, `${host} ${path}`).toBe(403)
        const error = (res.json() as { error: { code: string; message: string } }).error
        expect(error.code).toBe('FORBIDDEN_HOST')
        expectSentence(error.message)
      }
    },
  )

  it('403 FORBIDDEN_HOST for a request without any Host header (HTTP/1.0)', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.end('GET /api/v1/health HTTP/1.0\r\n\r\n'))
      let data = ''
      socket.on('data', (chunk) => (data += chunk.toString('utf8')))
      socket.on('end', () => resolve(data))
      socket.on('error', reject)
    })
    expect(reply).toMatch(/^HTTP\/1\.[01] 403/)
    expect(reply).toContain('FORBIDDEN_HOST')
  })

  it('a write with a foreign Host stores nothing', async () => {
    const before = await everything()
    const body = JSON.stringify({ to: b.id, text: 'rebound', clientId: 'rebind-1' })
    const res = await rawRequest(t.url, {
      method: 'POST',
      path: `/api/v1/accounts/${a.id}/messages`,
      headers: { Host: `evil.example:${port}`, Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json', 'Content-Length': String(body.length) },
      body,
    })
    expect(res.status).toBe(403)
    expect(await everything()).toEqual(before)
  })

  it.each([['localhost'], ['127.0.0.1'], ['[::1]'], ['LOCALHOST']])('accepts its own address %s as Host', async (name) => {
    const res = await rawRequest(t.url, { path: '/api/v1/accounts', headers: { Host: `${name}:${port}`, Authorization: `Bearer ${TOKEN}` } })
    expect(res.status).toBe(200)
  })

  it.each([['http://evil.example'], [`http://evil.example:${'PORT'}`], ['https://localhost.evil.example'], ['null'], ['file://'], ['chrome-extension://abcdef']])(
    '403 FORBIDDEN_HOST for Origin "%s", even with the right token',
    async (rawOrigin) => {
      const origin = rawOrigin.replace('PORT', port)
      const res = await api(t.url, 'GET', '/api/v1/accounts', { headers: { Origin: origin } })
      expect(res.status).toBe(403)
      expect(res.body.error?.code).toBe('FORBIDDEN_HOST')
      expect(res.headers.get('access-control-allow-origin')).toBeNull()
    },
  )

  it('a write from a foreign Origin stores nothing', async () => {
    const before = await everything()
    const res = await api(t.url, 'POST', `/api/v1/accounts/${a.id}/messages`, {
      body: JSON.stringify({ to: b.id, text: 'csrf', clientId: 'csrf-1' }),
      headers: { 'Content-Type': 'application/json', Origin: 'http://evil.example' },
    })
    expect(res.status).toBe(403)
    expect(await everything()).toEqual(before)
  })

  it.each([['http://localhost:5173'], [`http://127.0.0.1:${'PORT'}`], ['app://envelope']])('accepts its own origin %s and says so in CORS headers', async (rawOrigin) => {
    const origin = rawOrigin.replace('PORT', port)
    const res = await api(t.url, 'GET', '/api/v1/accounts', { headers: { Origin: origin } })
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe(origin)
  })
})

describe('CORS preflight', () => {
  it('answers a preflight from an allowed origin without a token: methods and headers listed', async () => {
    const res = await rawRequest(t.url, {
      method: 'OPTIONS',
      path: `/api/v1/accounts/${a.id}/messages`,
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type' },
    })
    expect(res.status).toBe(204)
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:5173')
    const methods = String(res.headers['access-control-allow-methods'])
    for (const m of ['GET', 'POST', 'PATCH', 'DELETE']) {
      expect(methods).toContain(m)
    }
    const allowed = String(res.headers['access-control-allow-headers']).toLowerCase()
    for (const h of ['authorization', 'content-type', 'last-event-id']) {
      expect(allowed).toContain(h)
    }
  })

  it('refuses a preflight from a foreign origin', async () => {
    const res = await rawRequest(t.url, {
      method: 'OPTIONS',
      path: `/api/v1/accounts/${a.id}/messages`,
      headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' },
    })
    expect(res.status).toBe(403)
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
  })
})
