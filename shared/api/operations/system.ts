// Operations of health, sign-in, node identity and the directory.
import { z } from 'zod'
import { accountViewSchema, publicAccountSchema } from '../responses/domain'
import { component } from '../responses/registry'
import { operationTable } from './operation'

const nodeIdentity = { id: z.string(), name: z.string() }
export const healthResponseSchema = component('HealthResponse', z.object({ ok: z.literal(true), node: z.object(nodeIdentity) }))
export const nodeResponseSchema = component('NodeResponse', z.object({ node: z.object({ ...nodeIdentity, lastSeq: z.number() }) }))
export const directoryPageSchema = component('DirectoryPage', z.object({ accounts: z.array(publicAccountSchema), total: z.number() }))

export const systemOperations = operationTable({
  health: { method: 'get', path: '/health', summary: 'Liveness and node identity', status: 200, response: healthResponseSchema, public: true },
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
