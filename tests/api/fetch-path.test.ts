// The API through Hono's fetch-style request alone (app.request, no Node request under it): the
// gate reads the body through the Request there (main/http/body.ts requestBody), with the same
// answers as over a socket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccountView } from '@shared/types'
import type { TestNode } from './support'
import { cid, pair, startTestNode, TOKEN } from './support'

let t: TestNode
let x: AccountView
let y: AccountView

beforeAll(async () => {
  t = await startTestNode()
  ;[x, y] = await pair(t)
})
afterAll(async () => {
  await t.stop()
})

const post = (path: string, body: string) =>
  t.node.app.request(`http://127.0.0.1${path}`, {
    method: 'POST',
    // A client states the length (without it the gate takes the body as empty).
    headers: { Host: '127.0.0.1', Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) },
    body,
  })

describe('the fetch-style path', () => {
  it('sends a message', async () => {
    const res = await post(`/api/v1/accounts/${x.id}/messages`, JSON.stringify({ to: y.id, text: 'through fetch', clientId: cid() }))
    expect(res.status).toBe(201)
    expect(((await res.json()) as { message: { text: string } }).message.text).toBe('through fetch')
  })

  it('refuses a body over 256 KiB, and bad JSON as over a socket', async () => {
    const big = await post(`/api/v1/accounts/${x.id}/messages`, JSON.stringify({ to: y.id, text: 'x'.repeat(256 * 1024), clientId: cid() }))
    expect(big.status).toBe(413)
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE')
    const bad = await post(`/api/v1/accounts/${x.id}/messages`, '{"to":')
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({ error: { code: 'INVALID_INPUT', message: 'The request body is not valid JSON.' } })
  })
})
