// Operations of health, sign-in, node identity and the directory.
import { z } from 'zod'
import { accountViewSchema, publicAccountSchema } from '../responses/domain'
import { component } from '../responses/registry'
import { operationTable } from './operation'

const nodeIdentity = { id: z.string(), name: z.string() }
export const storageStatusSchema = component(
  'StorageStatus',
  z.object({
    state: z.enum(['ok', 'unavailable']).describe("'unavailable' while a full or read-only disk refuses writes; reads go on, and writes resume by themselves."),
    since: z.string().nullable().describe('When writes began to be refused; null while they are taken.'),
    message: z.string().nullable().describe('A sentence: why writes are refused (they answer 503 STORAGE_UNAVAILABLE) and what happens next; null while they are taken.'),
  }),
  "Whether the node's data folder takes writes now.",
)
export const healthResponseSchema = component('HealthResponse', z.object({ ok: z.literal(true), node: z.object(nodeIdentity), storage: storageStatusSchema }))
export const nodeResponseSchema = component('NodeResponse', z.object({ node: z.object({ ...nodeIdentity, lastSeq: z.number() }) }))
export const directoryPageSchema = component('DirectoryPage', z.object({ accounts: z.array(publicAccountSchema), total: z.number() }))

export const systemOperations = operationTable({
  health: {
    method: 'get',
    path: '/health',
    summary: 'Liveness, node identity and whether its storage takes writes',
    status: 200,
    response: healthResponseSchema,
    public: true,
  },
  exchangeSession: {
    method: 'post',
    path: '/session',
    summary: 'Trade a one-time sign-in code for a session token',
    status: 200,
    response: z.object({ token: z.string() }),
    errors: ['INVALID_CODE'],
    public: true,
  },
  createLoginLink: {
    method: 'post',
    path: '/login-links',
    summary: 'A fresh one-time sign-in link for another browser',
    status: 201,
    response: z.object({ url: z.string(), expiresAt: z.string().nullable() }),
  },
  node: { method: 'get', path: '/node', summary: 'This node: id, name, last durable sequence number', status: 200, response: nodeResponseSchema },
  directory: { method: 'get', path: '/directory', summary: 'Search accounts with filters', status: 200, response: directoryPageSchema },
  resolveAccounts: {
    method: 'post',
    path: '/directory/resolve',
    summary: 'Which addresses (ids or @handles) name a known account (CSV import)',
    status: 200,
    response: z.object({ resolved: z.array(z.object({ address: z.string(), account: accountViewSchema.nullable() })) }),
  },
})
