// GET /api/openapi.json: the API described from the same zod schemas that validate it.
import { z } from 'zod'
import {
  createAccountSchema,
  directoryQuerySchema,
  eventsQuerySchema,
  folderQuerySchema,
  messagesQuerySchema,
  muteSchema,
  pairSchema,
  patchSettingsSchema,
  sendMessageSchema,
  targetSchema,
  updateProfileSchema,
} from '@shared/schemas'
import type { RefusalCode } from '@shared/types'
import { refusalError } from '../domain/errors'

type Method = 'get' | 'post' | 'patch' | 'delete'
interface RouteDoc {
  method: Method
  path: string
  summary: string
  body?: z.ZodType
  query?: z.ZodType
  success: number
  errors?: string[]
  auth?: false
}

const A = '/api/v1/accounts/{account}'
export const ROUTES: RouteDoc[] = [
  { method: 'get', path: '/api/v1/health', summary: 'Liveness and node identity', success: 200, auth: false },
  { method: 'post', path: '/api/v1/session', summary: 'Trade a one-time sign-in code for a session token', body: z.object({ code: z.string() }), success: 200, errors: ['INVALID_CODE'], auth: false },
  { method: 'post', path: '/api/v1/login-links', summary: 'A fresh one-time sign-in link for another browser', success: 201 },
  { method: 'get', path: '/api/v1/node', summary: 'This node: id, name, listening URL', success: 200 },
  { method: 'post', path: '/api/v1/accounts', summary: 'Create an account homed on this node', body: createAccountSchema, success: 201, errors: ['INVALID_INPUT', 'HANDLE_TAKEN'] },
  { method: 'get', path: '/api/v1/accounts', summary: 'Accounts homed on this node', success: 200 },
  { method: 'get', path: A, summary: 'Any account this node knows (by id or @handle)', success: 200, errors: ['NOT_FOUND'] },
  { method: 'patch', path: A, summary: 'Update profile (display name, bio, topics, phone)', body: updateProfileSchema, success: 200, errors: ['NOT_FOUND', 'NOT_HOME'] },
  { method: 'get', path: `${A}/settings`, summary: 'Message and notification settings', success: 200 },
  { method: 'patch', path: `${A}/settings`, summary: 'Change settings (R4, R15)', body: patchSettingsSchema, success: 200, errors: ['SETTING_NOT_ALLOWED'] },
  { method: 'get', path: `${A}/follows`, summary: 'Accounts this account follows', success: 200 },
  { method: 'post', path: `${A}/follows`, summary: 'Follow', body: targetSchema, success: 200, errors: ['BLOCKED'] },
  { method: 'delete', path: `${A}/follows/{target}`, summary: 'Unfollow', success: 200 },
  { method: 'get', path: `${A}/blocks`, summary: 'Accounts this account has blocked', success: 200 },
  { method: 'post', path: `${A}/blocks`, summary: 'Block (R11)', body: targetSchema, success: 200 },
  { method: 'delete', path: `${A}/blocks/{target}`, summary: 'Unblock', success: 200 },
  { method: 'get', path: `${A}/relations/{target}`, summary: 'Follow/block state and how a send would go now', success: 200 },
  { method: 'post', path: `${A}/messages`, summary: 'Send a message (R2-R14, R18)', body: sendMessageSchema, success: 201, errors: ['MESSAGE_INVALID', 'AGE_RESTRICTED', 'PHONE_REQUIRED', 'BLOCKED', 'REQUEST_DECLINED', 'REQUEST_PENDING', 'NOT_FOLLOWING', 'RECIPIENT_NOT_ACCEPTING', 'RATE_LIMITED', 'DAILY_CAP'] },
  { method: 'delete', path: `${A}/messages/{id}`, summary: 'Delete a message for me (R17)', success: 200 },
  { method: 'get', path: `${A}/conversations`, summary: 'Conversations, most recent first', query: folderQuerySchema, success: 200 },
  { method: 'get', path: `${A}/conversations/{id}`, summary: 'One conversation summary', success: 200 },
  { method: 'get', path: `${A}/conversations/{id}/messages`, summary: 'A page of messages, oldest first', query: messagesQuerySchema, success: 200 },
  { method: 'post', path: `${A}/requests/{id}/accept`, summary: 'Accept a message request (R8)', success: 200 },
  { method: 'post', path: `${A}/requests/{id}/delete`, summary: 'Delete a message request (R8)', success: 200 },
  { method: 'post', path: `${A}/conversations/{id}/read`, summary: 'Mark read (R15)', success: 200 },
  { method: 'post', path: `${A}/conversations/{id}/mute`, summary: 'Mute or unmute (R16)', body: muteSchema, success: 200 },
  { method: 'delete', path: `${A}/conversations/{id}`, summary: 'Delete a conversation for me (R17)', success: 200 },
  { method: 'get', path: '/api/v1/peer-info', summary: 'This node as a peer sees it: id, name, peer URL, certificate fingerprint', success: 200, auth: false },
  { method: 'get', path: '/api/v1/pairing-code', summary: 'The current one-time pairing code (10 minutes, single use)', success: 200 },
  { method: 'post', path: '/api/v1/pairing-code', summary: 'Replace the pairing code with a new one', success: 200 },
  { method: 'get', path: '/api/v1/peers', summary: 'This node and its paired peers with live status', success: 200 },
  { method: 'get', path: '/api/v1/peers/{id}', summary: 'One paired peer', success: 200, errors: ['NOT_FOUND'] },
  { method: 'post', path: '/api/v1/peers', summary: 'Pair with another node by its URL and pairing code', body: pairSchema, success: 201, errors: ['PAIRING_FAILED', 'ALREADY_PAIRED', 'CANNOT_PAIR_WITH_SELF', 'PEER_UNREACHABLE', 'PEER_UNTRUSTED'] },
  { method: 'delete', path: '/api/v1/peers/{id}', summary: 'Unpair: revoke the shared secret', success: 200, errors: ['NOT_FOUND'] },
  { method: 'get', path: '/api/v1/directory', summary: 'Search accounts with filters', query: directoryQuerySchema, success: 200 },
  { method: 'get', path: '/api/v1/events', summary: 'Server-sent events (text/event-stream); resume with Last-Event-ID', query: eventsQuerySchema, success: 200 },
]

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' }, retryAt: { type: 'string', format: 'date-time' } },
    },
  },
}

const STATUS_OF_CODE: Record<string, number> = {
  INVALID_INPUT: 400,
  INVALID_CODE: 400,
  PAIRING_FAILED: 400,
  CANNOT_PAIR_WITH_SELF: 400,
  NOT_FOUND: 404,
  HANDLE_TAKEN: 409,
  NOT_HOME: 409,
  ALREADY_PAIRED: 409,
  PEER_UNREACHABLE: 502,
  PEER_UNTRUSTED: 502,
}

/** Codes not listed above are rule refusals, with the status the API answers them with (docs/API.md). */
function statusOf(code: string): number {
  return STATUS_OF_CODE[code] ?? refusalError({ ok: false, code: code as RefusalCode, message: '' }).status
}

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>
}

function parametersOf(route: RouteDoc): Record<string, unknown>[] {
  const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }))
  if (route.query) {
    const props = (jsonSchema(route.query).properties ?? {}) as Record<string, unknown>
    for (const [name, schema] of Object.entries(props)) params.push({ name, in: 'query', required: false, schema } as never)
  }
  return params
}

export function openApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const route of ROUTES) {
    const responses: Record<string, unknown> = { [route.success]: { description: 'Success' } }
    for (const code of route.errors ?? []) {
      const status = statusOf(code)
      responses[status] = { description: `Error (${code} and others)`, content: { 'application/json': { schema: errorSchema } } }
    }
    if (route.auth !== false) responses[401] = { description: 'UNAUTHENTICATED', content: { 'application/json': { schema: errorSchema } } }
    paths[route.path] ??= {}
    paths[route.path][route.method] = {
      summary: route.summary,
      parameters: parametersOf(route),
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body) } } } } : {}),
      ...(route.auth === false ? { security: [] } : {}),
      responses,
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Envelope node API', version, description: 'See docs/API.md. Errors are {error: {code, message, ...}}.' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  }
}
