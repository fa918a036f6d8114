// GET /api/openapi.json describes every route the node serves, and docs/API.md's core routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestNode } from './support'
import { api, startTestNode } from './support'

/** The core routes of docs/API.md, as written there. */
const API_MD_CORE = [
  'GET /api/v1/health',
  'POST /api/v1/accounts',
  'GET /api/v1/accounts',
  'GET /api/v1/accounts/{account}',
  'GET /api/v1/accounts/{account}/settings',
  'PATCH /api/v1/accounts/{account}/settings',
  'POST /api/v1/accounts/{account}/follows',
  'DELETE /api/v1/accounts/{account}/follows/{target}',
  'POST /api/v1/accounts/{account}/blocks',
  'DELETE /api/v1/accounts/{account}/blocks/{target}',
  'POST /api/v1/accounts/{account}/messages',
  'GET /api/v1/accounts/{account}/conversations',
  'GET /api/v1/accounts/{account}/conversations/{id}/messages',
  'POST /api/v1/accounts/{account}/requests/{id}/accept',
  'POST /api/v1/accounts/{account}/requests/{id}/delete',
  'POST /api/v1/accounts/{account}/conversations/{id}/read',
  'POST /api/v1/accounts/{account}/conversations/{id}/mute',
  'DELETE /api/v1/accounts/{account}/messages/{id}',
  'DELETE /api/v1/accounts/{account}/conversations/{id}',
  'GET /api/v1/events',
]

let t: TestNode
interface Operation {
  operationId?: string
  security?: unknown[]
  responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>
}
let doc: { openapi: string; servers?: { url: string }[]; paths: Record<string, Record<string, Operation>> }

function documented(): string[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
}

beforeAll(async () => {
  t = await startTestNode()
  const res = await api(t.url, 'GET', '/api/openapi.json')
  expect(res.status).toBe(200)
  doc = res.body as unknown as typeof doc
})
afterAll(async () => {
  await t.stop()
})

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document with bearer security', () => {
    expect(doc.openapi).toBe('3.1.0')
    expect(doc).toMatchObject({ components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } } })
  })

  it('lists every core route of docs/API.md', () => {
    const listed = new Set(documented())
    expect(API_MD_CORE.filter((r) => !listed.has(r))).toEqual([])
  })

  it('lists every route the app serves under /api/v1, and nothing it does not serve', () => {
    // The running node's own app, sync routes included.
    const served = new Set(
      t.node.app.routes
        .filter((r) => ['GET', 'POST', 'PATCH', 'DELETE', 'PUT'].includes(r.method) && r.path.startsWith('/api/v1/') && !r.path.includes('*'))
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}').replace(/\/$/, '')}`),
    )
    expect(served.size).toBeGreaterThanOrEqual(API_MD_CORE.length)
    const listed = new Set(documented())
    expect(
      [...served].filter((r) => !listed.has(r)),
      'served but not documented',
    ).toEqual([])
    expect(
      [...listed].filter((r) => r.includes('/api/v1/') && !served.has(r)),
      'documented but not served',
    ).toEqual([])
  })

  it('marks only health, session and peer-info as public, and documents 401 on the rest', () => {
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const isPublic = Array.isArray(op.security) && op.security.length === 0
        expect(isPublic, `${method} ${path}`).toBe(path === '/api/v1/health' || path === '/api/v1/session' || path === '/api/v1/peer-info')
        if (!isPublic) {
          expect(op.responses, `${method} ${path}`).toHaveProperty('401')
        }
      }
    }
  })

  it('names the node that served it as its server, and gives every operation a unique operationId', () => {
    expect(doc.servers).toEqual([expect.objectContaining({ url: t.url })])
    const ids = Object.values(doc.paths).flatMap((methods) => Object.values(methods).map((op) => op.operationId))
    expect(ids.filter((id) => !id)).toEqual([])
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('gives every success a schema and every operation a 4xx carrying the error shape', () => {
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const where = `${method} ${path}`
        const statuses = Object.keys(op.responses)
        const success = statuses.filter((s) => s.startsWith('2'))
        expect(success, where).toHaveLength(1)
        const media = Object.values(op.responses[success[0]].content ?? {})
        expect(media.length, where).toBe(1)
        expect(media[0].schema, where).toBeTruthy()
        const errors = statuses.filter((s) => /^[45]/.test(s))
        expect(
          errors.some((s) => s.startsWith('4')),
          where,
        ).toBe(true)
        for (const status of errors) {
          expect(op.responses[status].content?.['application/json']?.schema, `${where} ${status}`).toEqual({ $ref: '#/components/schemas/ApiError' })
        }
      }
    }
  })

  it('takes request bodies from the schemas the routes validate with (an unknown field is refused by both)', () => {
    const send = doc.paths['/api/v1/accounts/{account}/messages'].post as Operation & { requestBody: { content: Record<string, { schema: { $ref: string } }> } }
    const name = send.requestBody.content['application/json'].schema.$ref.split('/').pop() as string
    const schemas = (doc as unknown as { components: { schemas: Record<string, { required?: string[]; additionalProperties?: boolean }> } }).components.schemas
    expect(schemas[name]).toMatchObject({ required: ['to', 'text', 'clientId'], additionalProperties: false })
  })

  it('documents the refusal statuses of a send: 400, 403, 429', () => {
    const send = doc.paths['/api/v1/accounts/{account}/messages'].post
    expect(Object.keys(send.responses)).toEqual(expect.arrayContaining(['201', '400', '403', '429', '401']))
  })
})
