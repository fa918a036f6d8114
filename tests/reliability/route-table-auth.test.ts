// Every route the running node's Hono app serves (its own `routes` table, so routes added
// later are covered without editing this file) answers 401 UNAUTHENTICATED without the token
// or with a wrong one, except the documented public ones; a one-time sign-in link works once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestNode } from '../api/support'
import { api, expectSentence, pair, send, startTestNode, TOKEN } from '../api/support'
import { storeDigest } from './digest'
import { fillParams, servedRoutes } from './route-table'

/** The documented public routes (docs/API.md): everything else needs a token. */
const PUBLIC = new Set(['GET /api/v1/health', 'POST /api/v1/session', 'GET /api/v1/peer-info', 'GET /api/openapi.json'])

let t: TestNode

beforeAll(async () => {
  t = await startTestNode()
  const [a, b] = await pair(t)
  await send(t, a, b, 'kept safe')
})
afterAll(async () => {
  await t.stop()
})

const routes = () => servedRoutes(t.node)
/** Auth is checked before any lookup, so any id will do. */
const concrete = (path: string) => fillParams(path, () => 'a_probe1')

describe('the route table, walked', () => {
  it('finds the routes of every module, sync ones included', () => {
    const keys = routes().map((r) => `${r.method} ${r.path}`)
    expect(keys.length).toBeGreaterThanOrEqual(30)
    expect(keys).toEqual(expect.arrayContaining(['POST /api/v1/accounts/:account/messages', 'GET /api/v1/peers', 'GET /api/v1/events']))
  })

  it.each([
    ['no Authorization header', null],
    ['a wrong token', 'wrong-token.Envelope-0123456789'],
    ['the token with its last character changed', `${TOKEN.slice(0, -1)}X`],
    ['the token with a suffix', `${TOKEN}0`],
  ])('401 UNAUTHENTICATED on every non-public route with %s, and nothing stored changes', async (_what, token) => {
    const before = await storeDigest(t)
    const guarded = routes().filter((r) => !PUBLIC.has(`${r.method} ${r.path}`))
    expect(guarded.length).toBeGreaterThan(0)
    for (const route of guarded) {
      const hasBody = route.method !== 'GET' && route.method !== 'DELETE'
      const res = await api(t.url, route.method, concrete(route.path), {
        token,
        body: hasBody ? JSON.stringify({ to: 'a_probe1', text: 'x', clientId: 'auth', handle: 'probe', code: 'x' }) : undefined,
        headers: hasBody ? { 'Content-Type': 'application/json' } : {},
      })
      const where = `${route.method} ${route.path}`
      expect(res.status, where).toBe(401)
      expect(res.body.error?.code, where).toBe('UNAUTHENTICATED')
      expectSentence(res.body.error?.message)
    }
    expect(await storeDigest(t)).toBe(before)
  })

  it('the public routes are exactly the documented ones, and they answer without a token', async () => {
    const open = routes().filter((r) => PUBLIC.has(`${r.method} ${r.path}`))
    expect(open.map((r) => `${r.method} ${r.path}`).sort()).toEqual([...PUBLIC].sort())
    for (const route of open.filter((r) => r.method === 'GET')) {
      expect((await api(t.url, 'GET', route.path, { token: null })).status, route.path).toBe(200)
    }
  })

  it('peer-to-peer routes are not served on the client API at all, even with the token', async () => {
    expect(routes().filter((r) => r.path.startsWith('/api/v1/peer/'))).toEqual([])
    for (const [method, path] of [
      ['GET', '/api/v1/peer/events?after=0'],
      ['POST', '/api/v1/peer/pair'],
      ['POST', '/api/v1/peer/unpair'],
    ]) {
      const res = await api(t.url, method, path, { headers: method === 'POST' ? { 'Content-Type': 'application/json' } : {}, body: method === 'POST' ? '{}' : undefined })
      expect(res.status, path).toBe(404)
    }
  })
})

describe('one-time sign-in links', () => {
  it('a code is traded for a working session once; the second use is refused with a sentence', async () => {
    const link = await api(t.url, 'POST', '/api/v1/login-links')
    expect(link.status).toBe(201)
    const code = new URL(String(link.body.url)).hash.replace('#code=', '')
    const trade = () => api(t.url, 'POST', '/api/v1/session', { token: null, body: JSON.stringify({ code }), headers: { 'Content-Type': 'application/json' } })
    const first = await trade()
    expect(first.status).toBe(200)
    const session = String(first.body.token)
    expect((await api(t.url, 'GET', '/api/v1/accounts', { token: session })).status).toBe(200)
    const again = await trade()
    expect(again.status).toBe(400)
    expect(again.body.error?.code).toBe('INVALID_CODE')
    expectSentence(again.body.error?.message)
    // The first session is unaffected by the refused reuse; the code is not a token itself.
    expect((await api(t.url, 'GET', '/api/v1/accounts', { token: session })).status).toBe(200)
    expect((await api(t.url, 'GET', '/api/v1/accounts', { token: code })).status).toBe(401)
  })
})
