// Operations of messages, conversations, requests and the per-viewer controls, and the event stream.
import { z } from 'zod'
import { SEND_REFUSAL_ORDER } from '../../rules/refusal'
import { conversationSummarySchema, deliverySchema, inboxCountsSchema, messageSchema } from '../responses/domain'
import { component } from '../responses/registry'
import { operationTable } from './operation'

const A = '/accounts/{account}'
const C = `${A}/conversations/{id}` as const
export const sendResponseSchema = component('SendResponse', z.object({ message: messageSchema, conversationId: z.string(), delivery: deliverySchema }))
export const messagesPageSchema = component('MessagesPage', z.object({ messages: z.array(messageSchema), hasMore: z.boolean() }))
const deleted = z.object({ deleted: z.literal(true) })
const inOwnConversation = ['NOT_FOUND', 'NOT_HOME'] as const
const answeringRequest = [...inOwnConversation, 'NOT_YOUR_REQUEST', 'NOT_A_REQUEST'] as const

export const conversationOperations = operationTable({
  send: {
    method: 'post',
    path: `${A}/messages`,
    summary: 'Send a message (R2-R14, R18)',
    status: 201,
    response: sendResponseSchema,
    // Every refusal a send can meet, in the order the rules name them.
    errors: [...SEND_REFUSAL_ORDER, 'NOT_FOUND', 'NOT_HOME', 'HOME_NOT_PAIRED'],
  },
  hideMessage: { method: 'delete', path: `${A}/messages/{id}`, summary: 'Delete a message for me (R17)', status: 200, response: deleted, errors: inOwnConversation },
  conversations: {
    method: 'get',
    path: `${A}/conversations`,
    summary: "Conversations, most recent first, each with the viewer's label ids; ?label= keeps those with that label",
    status: 200,
    response: z.object({ conversations: z.array(conversationSummarySchema), nextCursor: z.string().nullable() }),
    errors: inOwnConversation,
  },
  counts: {
    method: 'get',
    path: `${A}/counts`,
    summary: 'Unread (inbox, both folders) and request counts over the whole inbox',
    status: 200,
    response: z.object({ counts: inboxCountsSchema }),
    errors: inOwnConversation,
  },
  conversation: {
    method: 'get',
    path: C,
    summary: 'One conversation summary',
    status: 200,
    response: z.object({ conversation: conversationSummarySchema }),
    errors: inOwnConversation,
  },
  messages: { method: 'get', path: `${C}/messages`, summary: 'A page of messages, oldest first', status: 200, response: messagesPageSchema, errors: inOwnConversation },
  acceptRequest: {
    method: 'post',
    path: `${A}/requests/{id}/accept`,
    summary: 'Accept a message request (R8)',
    status: 200,
    response: z.object({ folder: z.literal('inbox') }),
    errors: answeringRequest,
  },
  deleteRequest: {
    method: 'post',
    path: `${A}/requests/{id}/delete`,
    summary: 'Delete a message request (R8)',
    status: 200,
    response: deleted,
    errors: answeringRequest,
  },
  markRead: {
    method: 'post',
    path: `${C}/read`,
    summary: 'Mark read (R15)',
    status: 200,
    response: z.object({ readUpTo: z.string().nullable() }),
    errors: inOwnConversation,
  },
  mute: {
    method: 'post',
    path: `${C}/mute`,
    summary: 'Mute or unmute (R16)',
    status: 200,
    response: z.object({ muted: z.boolean(), until: z.string().nullable() }),
    errors: inOwnConversation,
  },
  hideConversation: { method: 'delete', path: C, summary: 'Delete a conversation for me (R17)', status: 200, response: deleted, errors: inOwnConversation },
  events: {
    method: 'get',
    path: '/events',
    summary: 'Server-sent events; resume with Last-Event-ID',
    status: 200,
    response: z.string().describe('A text/event-stream of `id:`, `event:` and `data:` (JSON) frames (docs/API.md "Events").'),
    media: 'text/event-stream',
  },
})
