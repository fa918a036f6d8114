// The renderer may not import main/ (docs/ARCHITECTURE.md "Layers"), so it uses the typed client of
// shared/api instead of Hono's `hc<ApiType>`. This file is where the two meet: for EVERY operation
// of shared/api/operations (which the client's methods return), the type checker (npm run
// typecheck) proves that what `hc` infers from the server's own routes is what the client promises;
// and `hc` over those types calls a real node.
import { hc } from 'hono/client'
import type { InferResponseType } from 'hono/client'
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import { operations } from '@shared/api'
import type { MessagesPage, OperationId, Operations, ResponseOf, SendResponse } from '@shared/api'
import type { ApiType } from '../../main/node/api-type'
import type { TestNode } from './support'
import { cid, pair, startTestNode, TOKEN } from './support'

let t: TestNode
beforeAll(async () => {
  t = await startTestNode()
})
afterAll(async () => {
  await t.stop()
})

const client = () => hc<ApiType>(`${t.url}/api/v1`, { headers: { Authorization: `Bearer ${TOKEN}` } })
type Api = ReturnType<typeof client>

/** `{account}` in the table is `:account` in hc's tree. */
type Segment<S extends string> = S extends `{${infer Name}}` ? `:${Name}` : S
/** hc's node for a path of the table, e.g. '/accounts/{account}/messages' -> Api['accounts'][':account']['messages']. */
type At<Node, Path extends string> = Path extends `/${infer Head}/${infer Rest}`
  ? Segment<Head> extends keyof Node
    ? At<Node[Segment<Head>], `/${Rest}`>
    : never
  : Path extends `/${infer Last}`
    ? Segment<Last> extends keyof Node
      ? Node[Segment<Last>]
      : never
    : never
type Endpoint<K extends OperationId> =
  At<Api, Operations[K]['path']> extends infer Node ? (`$${Operations[K]['method']}` extends keyof Node ? Node[`$${Operations[K]['method']}`] : never) : never
/** What hc says operation K's route answers with its success status. */
type ServerSuccess<K extends OperationId> = Endpoint<K> extends (...args: never[]) => unknown ? InferResponseType<Endpoint<K>, Operations[K]['status']> : never

/** The operations that answer JSON (the CSV and the event stream are text). */
type JsonOperation = { [K in OperationId]: Operations[K] extends { media: string } ? never : K }[OperationId]
/** Operations whose route hc cannot find, or whose success the client types differently from the server. */
type Drift = {
  [K in JsonOperation]: [ServerSuccess<K>] extends [never] ? K : [ServerSuccess<K>] extends [ResponseOf<K>] ? never : K
}[JsonOperation]

describe('the server route types match the shared contract', () => {
  it('types: every JSON operation of the client, by its path, method and status in hc', () => {
    expectTypeOf<Drift>().toEqualTypeOf<never>()
    // The walk has teeth: a success status the route does not answer finds nothing.
    expectTypeOf<InferResponseType<Endpoint<'send'>, 200>>().toEqualTypeOf<never>()
    expectTypeOf<ServerSuccess<'send'>>().toExtend<SendResponse>()
    // ...and a promise the server does not keep is seen.
    expectTypeOf<ServerSuccess<'peers'>>().not.toExtend<{ peers: { lastSeenAt: number }[] }>()
    expect(Object.keys(operations).length).toBeGreaterThanOrEqual(70)
  })

  it('hc over the server types sends and reads back through a real node', async () => {
    const [a, b] = await pair(t)
    const api = client()
    const sent = await api.accounts[':account'].messages.$post({ param: { account: a.id }, json: { to: b.id, text: 'typed all the way', clientId: cid() } })
    expect(sent.status).toBe(201)
    const body = (await sent.json()) as SendResponse
    const page = await api.accounts[':account'].conversations[':id'].messages.$get({ param: { account: b.id, id: body.conversationId }, query: {} })
    expect(page.status).toBe(200)
    const { messages } = (await page.json()) as MessagesPage
    expect(messages.map((m) => m.text)).toEqual(['typed all the way'])
  })

  it('hc reaches the LAN sync routes too (they are part of ApiType)', async () => {
    const res = await client().peers.$get()
    expect(res.status).toBe(200)
    const { self, peers } = await res.json()
    expect(self.nodeId).toBe(t.node.nodeId)
    expect(peers).toEqual([])
  })
})
