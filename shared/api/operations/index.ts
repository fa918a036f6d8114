// Every operation of the node API, by operationId: the one table the typed client, the
// OpenAPI document (main/server/openapi.ts) and the contract test (tests/api/contract-types.test.ts) read.
import type { z } from 'zod'
import { accountOperations } from './accounts'
import { businessOperations } from './business'
import { conversationOperations } from './conversations'
import { networkOperations } from './network'
import { outreachOperations } from './outreach'
import { systemOperations } from './system'

/** The operations by area: each area is a tag of the OpenAPI document. */
export const operationAreas = {
  node: { description: 'Health, sign-in, node identity, the directory', operations: systemOperations },
  accounts: { description: 'Accounts, settings, follows, blocks, usage', operations: accountOperations },
  messages: { description: 'Messages, conversations, requests, the event stream', operations: conversationOperations },
  business: { description: 'Business auto-messages, labels, saved replies', operations: businessOperations },
  outreach: { description: 'Creator lists, templates, campaigns, the pipeline', operations: outreachOperations },
  peers: { description: 'LAN sync: pairing, peers, the network map, nodes nearby', operations: networkOperations },
}

export const operations = {
  ...systemOperations,
  ...accountOperations,
  ...conversationOperations,
  ...businessOperations,
  ...outreachOperations,
  ...networkOperations,
}

export type Operations = typeof operations
export type OperationId = keyof Operations
/** What a success of operation `K` carries. */
export type ResponseOf<K extends OperationId> = z.output<Operations[K]['response']>

export type { HttpMethod, Operation } from './operation'
