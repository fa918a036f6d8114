// GET /api/openapi.json: the API described from the same zod schemas that validate it.
import { z } from 'zod'
import {
  activityQuerySchema,
  conversationLabelsSchema,
  conversationsQuerySchema,
  createLabelSchema,
  createSavedReplySchema,
  updateLabelSchema,
  updateSavedReplySchema,
} from '@shared/business/schemas'
import {
  createAccountSchema,
  directoryQuerySchema,
  eventsQuerySchema,
  messagesQuerySchema,
  muteSchema,
  pairSchema,
  patchSettingsSchema,
  sendMessageSchema,
  targetSchema,
  updateProfileSchema,
} from '@shared/schemas'
import {
  campaignsQuerySchema,
  createCampaignSchema,
  createListSchema,
  createTemplateSchema,
  patchCampaignSchema,
  patchCreatorSchema,
  patchListSchema,
  patchTemplateSchema,
  previewSchema,
  resolveSchema,
} from '@shared/outreach/schemas'
import { SEND_REFUSAL_ORDER } from '@shared/rules'
import type { RefusalCode } from '@shared/types'
import { refusalError } from '../domain/errors'

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'
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
const businessText = (max: number) => z.string().max(max)
/** The PUT body's shape for the document; the node checks it with checkBusinessTools (refusal order of docs/API.md). */
const businessToolsBodySchema = z.strictObject({
  welcome: businessText(250).nullable().optional(),
  suggestedQuestions: z
    .array(z.strictObject({ question: businessText(80), answer: businessText(200) }))
    .max(3)
    .optional(),
  keywordReplies: z
    .array(z.strictObject({ keyword: businessText(40), reply: businessText(500) }))
    .max(4)
    .optional(),
})
export const ROUTES: RouteDoc[] = [
  { method: 'get', path: '/api/v1/health', summary: 'Liveness and node identity', success: 200, auth: false },
  {
    method: 'post',
    path: '/api/v1/session',
    summary: 'Trade a one-time sign-in code for a session token',
    body: z.object({ code: z.string() }),
    success: 200,
    errors: ['INVALID_CODE'],
    auth: false,
  },
  { method: 'post', path: '/api/v1/login-links', summary: 'A fresh one-time sign-in link for another browser', success: 201 },
  { method: 'get', path: '/api/v1/node', summary: 'This node: id, name, listening URL', success: 200 },
  {
    method: 'post',
    path: '/api/v1/accounts',
    summary: 'Create an account homed on this node',
    body: createAccountSchema,
    success: 201,
    errors: ['INVALID_INPUT', 'HANDLE_TAKEN'],
  },
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
  {
    method: 'post',
    path: `${A}/messages`,
    summary: 'Send a message (R2-R14, R18)',
    body: sendMessageSchema,
    success: 201,
    // Every refusal a send can meet, in the order the rules name them.
    errors: [...SEND_REFUSAL_ORDER],
  },
  { method: 'delete', path: `${A}/messages/{id}`, summary: 'Delete a message for me (R17)', success: 200 },
  {
    method: 'get',
    path: `${A}/conversations`,
    summary: "Conversations, most recent first, each with the viewer's label ids; ?label= keeps those with that label",
    query: conversationsQuerySchema,
    success: 200,
  },
  { method: 'get', path: `${A}/counts`, summary: 'Unread (inbox, both folders) and request counts over the whole inbox', success: 200 },
  { method: 'get', path: `${A}/conversations/{id}`, summary: 'One conversation summary', success: 200 },
  { method: 'get', path: `${A}/conversations/{id}/messages`, summary: 'A page of messages, oldest first', query: messagesQuerySchema, success: 200 },
  { method: 'post', path: `${A}/requests/{id}/accept`, summary: 'Accept a message request (R8)', success: 200 },
  { method: 'post', path: `${A}/requests/{id}/delete`, summary: 'Delete a message request (R8)', success: 200 },
  { method: 'post', path: `${A}/conversations/{id}/read`, summary: 'Mark read (R15)', success: 200 },
  { method: 'post', path: `${A}/conversations/{id}/mute`, summary: 'Mute or unmute (R16)', body: muteSchema, success: 200 },
  { method: 'delete', path: `${A}/conversations/{id}`, summary: 'Delete a conversation for me (R17)', success: 200 },
  {
    method: 'get',
    path: `${A}/business`,
    summary: 'Business auto-messages and whether they act now (R5)',
    success: 200,
    errors: ['BUSINESS_ONLY', 'NOT_AVAILABLE_IN_REGION', 'NOT_FOUND', 'NOT_HOME'],
  },
  {
    method: 'put',
    path: `${A}/business`,
    summary: 'Set the welcome (250), up to 3 suggested questions (80/200) and up to 4 keyword replies (40/500)',
    body: businessToolsBodySchema,
    success: 200,
    errors: ['BUSINESS_ONLY', 'NOT_AVAILABLE_IN_REGION', 'INVALID_INPUT', 'NOT_HOME'],
  },
  {
    method: 'get',
    path: `${A}/business/activity`,
    summary: 'Auto-messages planned and how each went (sent, pending, refused with its code, skipped)',
    query: activityQuerySchema,
    success: 200,
    errors: ['BUSINESS_ONLY', 'NOT_AVAILABLE_IN_REGION'],
  },
  {
    method: 'get',
    path: `${A}/suggested-questions`,
    summary: 'The suggested questions a contact sees as buttons (empty while the tools are off)',
    success: 200,
    errors: ['NOT_FOUND'],
  },
  { method: 'get', path: `${A}/labels`, summary: "This account's conversation labels", success: 200 },
  { method: 'post', path: `${A}/labels`, summary: 'Create a label (name, colour)', body: createLabelSchema, success: 201, errors: ['INVALID_INPUT', 'LABEL_EXISTS'] },
  {
    method: 'patch',
    path: `${A}/labels/{id}`,
    summary: 'Rename or recolour a label',
    body: updateLabelSchema,
    success: 200,
    errors: ['INVALID_INPUT', 'LABEL_EXISTS', 'NOT_FOUND'],
  },
  { method: 'delete', path: `${A}/labels/{id}`, summary: 'Delete a label (and take it off every conversation)', success: 200, errors: ['NOT_FOUND'] },
  {
    method: 'put',
    path: `${A}/conversations/{id}/labels`,
    summary: 'Put exactly these labels on a conversation',
    body: conversationLabelsSchema,
    success: 200,
    errors: ['INVALID_INPUT', 'NOT_FOUND'],
  },
  { method: 'get', path: `${A}/saved-replies`, summary: 'Saved replies, by title', success: 200 },
  {
    method: 'post',
    path: `${A}/saved-replies`,
    summary: 'Save a reply (title, text with {displayName}, {handle}, {topic})',
    body: createSavedReplySchema,
    success: 201,
    errors: ['INVALID_INPUT'],
  },
  {
    method: 'patch',
    path: `${A}/saved-replies/{id}`,
    summary: 'Change a saved reply',
    body: updateSavedReplySchema,
    success: 200,
    errors: ['INVALID_INPUT', 'NOT_FOUND'],
  },
  { method: 'delete', path: `${A}/saved-replies/{id}`, summary: 'Delete a saved reply', success: 200, errors: ['NOT_FOUND'] },
  { method: 'get', path: '/api/v1/peer-info', summary: 'This node as a peer sees it: id, name, peer URL, certificate fingerprint', success: 200, auth: false },
  { method: 'get', path: '/api/v1/pairing-code', summary: 'The current one-time pairing code (10 minutes, single use)', success: 200 },
  { method: 'post', path: '/api/v1/pairing-code', summary: 'Replace the pairing code with a new one', success: 200 },
  { method: 'get', path: '/api/v1/peers', summary: 'This node and its paired peers with live status', success: 200 },
  { method: 'get', path: '/api/v1/peers/{id}', summary: 'One paired peer', success: 200, errors: ['NOT_FOUND'] },
  {
    method: 'post',
    path: '/api/v1/peers',
    summary: 'Pair with another node by its URL and pairing code',
    body: pairSchema,
    success: 201,
    errors: ['PAIRING_FAILED', 'ALREADY_PAIRED', 'CANNOT_PAIR_WITH_SELF', 'PEER_UNREACHABLE', 'PEER_UNTRUSTED'],
  },
  { method: 'delete', path: '/api/v1/peers/{id}', summary: 'Unpair: revoke the shared secret', success: 200, errors: ['NOT_FOUND'] },
  {
    method: 'get',
    path: '/api/v1/network',
    summary: 'Every node heard of, with its links (online, events behind, lag), and the routes to nodes reached through a relay',
    success: 200,
  },
  { method: 'get', path: '/api/v1/nearby', summary: 'Envelope nodes announcing themselves on the LAN (mDNS _envelope._tcp)', success: 200 },
  { method: 'get', path: '/api/v1/directory', summary: 'Search accounts with filters', query: directoryQuerySchema, success: 200 },
  { method: 'get', path: `${A}/usage`, summary: 'R12/R13 usage: counted, limits, when the next slot frees', success: 200, errors: ['NOT_FOUND', 'NOT_HOME'] },
  {
    method: 'post',
    path: '/api/v1/directory/resolve',
    summary: 'Which addresses (ids or @handles) name a known account (CSV import)',
    body: resolveSchema,
    success: 200,
  },
  { method: 'get', path: '/api/v1/lists', summary: 'Creator lists of this node', success: 200 },
  {
    method: 'post',
    path: '/api/v1/lists',
    summary: 'Create a creator list (members by id or @handle)',
    body: createListSchema,
    success: 201,
    errors: ['INVALID_INPUT', 'NOT_FOUND'],
  },
  { method: 'get', path: '/api/v1/lists/{id}', summary: 'One creator list', success: 200, errors: ['NOT_FOUND'] },
  { method: 'patch', path: '/api/v1/lists/{id}', summary: 'Rename, add or remove members', body: patchListSchema, success: 200, errors: ['INVALID_INPUT', 'NOT_FOUND'] },
  { method: 'delete', path: '/api/v1/lists/{id}', summary: 'Delete a creator list', success: 200, errors: ['NOT_FOUND'] },
  { method: 'get', path: '/api/v1/templates', summary: 'Message templates of this node', success: 200 },
  {
    method: 'post',
    path: '/api/v1/templates',
    summary: 'Create a template ({displayName}, {handle}, {topic})',
    body: createTemplateSchema,
    success: 201,
    errors: ['TEMPLATE_INVALID'],
  },
  { method: 'get', path: '/api/v1/templates/{id}', summary: 'One template', success: 200, errors: ['NOT_FOUND'] },
  {
    method: 'patch',
    path: '/api/v1/templates/{id}',
    summary: 'Rename or rewrite a template',
    body: patchTemplateSchema,
    success: 200,
    errors: ['TEMPLATE_INVALID', 'NOT_FOUND'],
  },
  { method: 'delete', path: '/api/v1/templates/{id}', summary: 'Delete a template', success: 200, errors: ['NOT_FOUND'] },
  {
    method: 'post',
    path: '/api/v1/templates/{id}/preview',
    summary: 'The template filled per recipient, or why each would be skipped',
    body: previewSchema,
    success: 200,
    errors: ['NOT_FOUND', 'NOT_HOME'],
  },
  { method: 'get', path: '/api/v1/campaigns', summary: 'Campaigns, newest first (optionally of one account)', query: campaignsQuerySchema, success: 200 },
  {
    method: 'post',
    path: '/api/v1/campaigns',
    summary: 'Start a paced campaign (skips decided now)',
    body: createCampaignSchema,
    success: 201,
    errors: ['INVALID_INPUT', 'NOT_FOUND', 'NOT_HOME'],
  },
  { method: 'get', path: '/api/v1/campaigns/{id}', summary: 'One campaign with counts, stats and projected finish', success: 200, errors: ['NOT_FOUND'] },
  {
    method: 'patch',
    path: '/api/v1/campaigns/{id}',
    summary: 'Pause, resume or cancel',
    body: patchCampaignSchema,
    success: 200,
    errors: ['NOT_FOUND', 'CAMPAIGN_FINISHED'],
  },
  { method: 'get', path: '/api/v1/campaigns/{id}/recipients', summary: 'Each recipient with status, step, code and times', success: 200, errors: ['NOT_FOUND'] },
  { method: 'get', path: '/api/v1/campaigns/{id}/recipients.csv', summary: 'The results as CSV (text/csv), one row per recipient', success: 200, errors: ['NOT_FOUND'] },
  { method: 'get', path: '/api/v1/creators', summary: 'The creator pipeline', success: 200 },
  {
    method: 'patch',
    path: '/api/v1/creators/{account}',
    summary: "Set a creator's stage, notes, fee or deliverables",
    body: patchCreatorSchema,
    success: 200,
    errors: ['INVALID_INPUT', 'NOT_FOUND'],
  },
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
  TEMPLATE_INVALID: 400,
  CAMPAIGN_FINISHED: 409,
  ALREADY_PAIRED: 409,
  LABEL_EXISTS: 409,
  BUSINESS_ONLY: 403,
  NOT_AVAILABLE_IN_REGION: 403,
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
    for (const [name, schema] of Object.entries(props)) {
      params.push({ name, in: 'query', required: false, schema } as never)
    }
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
    if (route.auth !== false) {
      responses[401] = { description: 'UNAUTHENTICATED', content: { 'application/json': { schema: errorSchema } } }
    }
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
