// GET /api/openapi.json: the API described from the operation table (shared/api/operations) and
// the zod schemas the app's own routes validate with (read off the routes, so they cannot differ).
import { z } from 'zod'
import type { RouterRoute } from 'hono/types'
import { operationAreas } from '@shared/api'
import type { Operation } from '@shared/api'
import { namedComponents } from '@shared/api/responses/registry'
import type { ComponentMeta } from '@shared/api/responses/registry'
import { apiErrorSchema } from '@shared/api/responses/error'
import type { ValidatorInfo } from '../http/validate'
import { validatorInfo } from '../http/validate'
import { commonErrors, statusOf } from './openapi-errors'

type JsonSchema = Record<string, unknown>
const ref = (id: string): JsonSchema => ({ $ref: `#/components/schemas/${id}` })
const pascal = (id: string) => id[0].toUpperCase() + id.slice(1)

/** `GET /api/v1/accounts/:account` for the operation's method and `/accounts/{account}`. */
const routeKey = (op: Operation) => `${op.method.toUpperCase()} /api/v1${op.path.replace(/\{(\w+)\}/g, ':$1')}`

/** The `validate` middlewares of each served route, by route key. */
function validatorsByRoute(routes: readonly RouterRoute[]): Map<string, ValidatorInfo[]> {
  const found = new Map<string, ValidatorInfo[]>()
  for (const route of routes) {
    const info = validatorInfo(route.handler)
    if (info) {
      const key = `${route.method} ${route.path.replace(/\/$/, '')}`
      found.set(key, [...(found.get(key) ?? []), info])
    }
  }
  return found
}

/** Schemas converted together, so a shape used twice is one component referenced twice. */
class Components {
  private readonly registry = z.registry<ComponentMeta>()
  private readonly ids = new Map<z.ZodType, string>()
  /** Output components start with every named shape (Message, AccountView...), so nested ones are references too. */
  constructor(private readonly io: 'input' | 'output') {
    if (io === 'output') {
      for (const { schema, meta } of namedComponents) {
        this.ids.set(schema, meta.id)
        this.registry.add(schema, meta)
      }
    }
  }
  /** The component for `schema`: its registered name, else `fallbackId`. */
  add(schema: z.ZodType, fallbackId: string, meta?: ComponentMeta): JsonSchema {
    const known = this.ids.get(schema)
    if (known) {
      return ref(known)
    }
    const entry = meta ?? namedComponents.find((c) => c.schema === schema)?.meta ?? { id: fallbackId }
    this.ids.set(schema, entry.id)
    this.registry.add(schema, entry)
    return ref(entry.id)
  }
  toJsonSchemas(): Record<string, JsonSchema> {
    const { schemas } = z.toJSONSchema(this.registry, { io: this.io, unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` })
    // `$id` and `$schema` are JSON Schema's own; in OpenAPI components the name is the id.
    return Object.fromEntries(Object.entries(schemas).map(([id, { $id: _id, $schema: _schema, ...rest }]) => [id, rest as JsonSchema]))
  }
}

function queryParameters(schema: z.ZodType): JsonSchema[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, JsonSchema>; required?: string[] }
  return Object.entries(json.properties ?? {}).map(([name, prop]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    ...(typeof prop.description === 'string' ? { description: prop.description } : {}),
    schema: prop,
  }))
}

function errorResponses(codes: string[]): Record<string, JsonSchema> {
  const byStatus = new Map<number, Set<string>>()
  for (const code of codes) {
    const status = statusOf(code)
    byStatus.set(status, (byStatus.get(status) ?? new Set()).add(code))
  }
  const sorted = [...byStatus].sort(([a], [b]) => a - b)
  return Object.fromEntries(
    sorted.map(([status, set]) => [String(status), { description: `Error: ${[...set].join(', ')}`, content: { 'application/json': { schema: ref('ApiError') } } }]),
  )
}

/**
 * The document for the operations the app serves: `routes` is the app's own table (for the
 * schemas its routes validate with), `origin` the node's URL as the client reached it.
 */
export function openApiDocument(version: string, routes: readonly RouterRoute[], origin: string): JsonSchema {
  const validators = validatorsByRoute(routes)
  const responses = new Components('output')
  const requests = new Components('input')
  responses.add(apiErrorSchema, 'ApiError')
  const paths: Record<string, Record<string, JsonSchema>> = {}
  const all = Object.entries(operationAreas).flatMap(([tag, area]) => Object.entries(area.operations).map(([id, op]) => ({ tag, id, op: op as Operation })))
  for (const { tag, id, op } of all) {
    const checks = validators.get(routeKey(op)) ?? []
    const body = op.body ?? checks.find((v) => v.target === 'json')?.schema
    const query = op.query ?? checks.find((v) => v.target === 'query')?.schema
    const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }))
    const ownCodes = [...(op.errors ?? []), ...checks.flatMap((v) => v.codes)]
    const codes = [...new Set([...commonErrors(op.method, op.public === true, body !== undefined || query !== undefined), ...ownCodes])]
    const success = op.media
      ? { [op.media]: { schema: { type: 'string', ...(op.response.description ? { description: op.response.description } : {}) } } }
      : { 'application/json': { schema: responses.add(op.response, `${pascal(id)}Response`) } }
    const path = `/api/v1${op.path}`
    paths[path] ??= {}
    paths[path][op.method] = {
      operationId: id,
      summary: op.summary,
      tags: [tag],
      ...(op.public ? { security: [] } : {}),
      ...(pathParams.length || query ? { parameters: [...pathParams, ...(query ? queryParameters(query) : [])] } : {}),
      ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: requests.add(body, `${pascal(id)}Body`) } } } } : {}),
      responses: { [String(op.status)]: { description: op.summary, content: success }, ...errorResponses(codes) },
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Envelope node API',
      version,
      description: 'The API of one Envelope node (docs/API.md). Every error is `{"error": {"code", "message", ...}}`.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: origin, description: 'The node that served this document' }],
    tags: Object.entries(operationAreas).map(([name, area]) => ({ name, description: area.description })),
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: "The node's token or a browser session token" } },
      schemas: { ...responses.toJsonSchemas(), ...requests.toJsonSchemas() },
    },
  }
}
