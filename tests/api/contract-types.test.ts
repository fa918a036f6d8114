// The renderer may not import main/ (docs/ARCHITECTURE.md "Layers"), so it uses the typed client of
// shared/api instead of Hono's `hc<AppType>`. This file is where the two meet: `hc` over
// the server's own route types calls a real node, and the type checker (npm run typecheck)
// proves that what the routes return is what the shared contract promises.
import { hc } from 'hono/client'
import type { InferResponseType } from 'hono/client'
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import type { ConversationSummary, MessagesPage, SendResponse } from '@shared/api'
import type { AccountSettings, AccountView, Relation } from '@shared/types'
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
type Acct = Api['accounts'][':account']

describe('the server route types match the shared contract', () => {
  it('types: accounts, settings, relations, sends, conversations, pages', () => {
    expectTypeOf<InferResponseType<Api['accounts']['$get'], 200>['accounts'][number]>().toExtend<AccountView>()
    expectTypeOf<InferResponseType<Acct['settings']['$get'], 200>['settings']>().toExtend<AccountSettings>()
    expectTypeOf<InferResponseType<Acct['relations'][':target']['$get'], 200>['relation']>().toExtend<Relation>()
    expectTypeOf<InferResponseType<Acct['messages']['$post'], 201>>().toExtend<SendResponse>()
    expectTypeOf<InferResponseType<Acct['conversations']['$get'], 200>['conversations'][number]>().toExtend<ConversationSummary>()
    expectTypeOf<InferResponseType<Acct['conversations'][':id']['messages']['$get'], 200>>().toExtend<MessagesPage>()
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
})
