// Messages, conversations, requests and the per-viewer controls, under /accounts/{account}.
import { Hono } from 'hono'
import { conversationsQuerySchema } from '@shared/business/schemas'
import { messagesQuerySchema, muteSchema, sendMessageSchema } from '@shared/schemas'
import { homeAccount } from '../../domain/account-lookup'
import { DomainError, notFound } from '../../domain/errors'
import { acceptRequest, deleteRequest, hideConversation, hideMessage, markRead, mute, ownConversation, sendMessage } from '../../domain/messaging'
import { decodeCursor } from '../../store'
import type { ServerDeps } from '../deps'
import { plainSendInput } from '../../http/send-input'
import { validate } from '../../http/validate'

export function conversationRoutes({ domain }: ServerDeps) {
  const { store } = domain
  return new Hono()
    .post('/:account/messages', validate('json', sendMessageSchema, { text: 'MESSAGE_INVALID' }, plainSendInput), async (c) => {
      return c.json(await sendMessage(domain, c.req.param('account'), c.req.valid('json')), 201)
    })
    .delete('/:account/messages/:id', async (c) => {
      return c.json(await hideMessage(domain, c.req.param('account'), c.req.param('id')), 200)
    })
    .get('/:account/conversations', validate('query', conversationsQuerySchema), (c) => {
      const me = homeAccount(domain, c.req.param('account'))
      const { folder, limit, cursor, label } = c.req.valid('query')
      const after = cursor === undefined ? null : decodeCursor(cursor)
      if (after === null && cursor !== undefined) {
        throw new DomainError(400, 'INVALID_INPUT', 'The "cursor" is not one this node gave out; start again without it.', { field: 'cursor' })
      }
      // Each with the viewer's own labels. `label` keeps those that carry it, all in one page
      // (a label marks a few conversations; filtering page by page would give short pages).
      const page = label
        ? store.conversationPage(me.id, folder, Number.POSITIVE_INFINITY, null)
        : store.conversationPage(me.id, folder, limit ?? Number.POSITIVE_INFINITY, after)
      const labelled = page.conversations.map((s) => ({ ...s, labels: store.business.conversationLabelIds(me.id, s.id) }))
      const conversations = label ? labelled.filter((s) => s.labels.includes(label)) : labelled
      return c.json({ ...page, conversations, ...(label ? { nextCursor: null } : {}) }, 200)
    })
    .get('/:account/counts', (c) => {
      // The whole inbox counted (no rows built), for a client that holds only the pages it has drawn.
      const me = homeAccount(domain, c.req.param('account'))
      return c.json({ counts: store.inboxCounts(me.id) }, 200)
    })
    .get('/:account/conversations/:id', (c) => {
      const { me, conv } = ownConversation(domain, c.req.param('account'), c.req.param('id'))
      const summary = store.conversationSummary(conv.id, me.id, store.clock())
      if (!summary) {
        throw notFound('The conversation')
      }
      return c.json({ conversation: { ...summary, labels: store.business.conversationLabelIds(me.id, conv.id) } }, 200)
    })
    .get('/:account/conversations/:id/messages', validate('query', messagesQuerySchema), (c) => {
      const { me, conv } = ownConversation(domain, c.req.param('account'), c.req.param('id'))
      const { before, limit } = c.req.valid('query')
      const page = store.messagesPage(conv.id, me.id, before, limit ?? 50)
      if (page === 'UNKNOWN_CURSOR') {
        throw new DomainError(400, 'INVALID_INPUT', 'The message named by "before" is not in this conversation.', { field: 'before' })
      }
      return c.json(page, 200)
    })
    .post('/:account/requests/:id/accept', async (c) => {
      return c.json(await acceptRequest(domain, c.req.param('account'), c.req.param('id')), 200)
    })
    .post('/:account/requests/:id/delete', async (c) => {
      return c.json(await deleteRequest(domain, c.req.param('account'), c.req.param('id')), 200)
    })
    .post('/:account/conversations/:id/read', async (c) => {
      return c.json(await markRead(domain, c.req.param('account'), c.req.param('id')), 200)
    })
    .post('/:account/conversations/:id/mute', validate('json', muteSchema), async (c) => {
      return c.json(await mute(domain, c.req.param('account'), c.req.param('id'), c.req.valid('json')), 200)
    })
    .delete('/:account/conversations/:id', async (c) => {
      return c.json(await hideConversation(domain, c.req.param('account'), c.req.param('id')), 200)
    })
}
