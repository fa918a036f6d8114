// The business inbox under /accounts/{account}: auto-message settings and activity, the
// suggested questions a contact sees, labels, saved replies (docs/API.md "Business tools").
import { Hono } from 'hono'
import {
  activityQuerySchema,
  conversationLabelsSchema,
  createLabelSchema,
  createSavedReplySchema,
  updateLabelSchema,
  updateSavedReplySchema,
} from '@shared/business/schemas'
import { createLabel, deleteLabel, listLabels, setConversationLabels, updateLabel } from '../../outreach/business/labels'
import { createSavedReply, deleteSavedReply, listSavedReplies, updateSavedReply } from '../../outreach/business/saved-replies'
import { businessActivity, getBusinessTools, putBusinessTools, suggestedQuestionsFor } from '../../outreach/business/tools'
import type { ServerDeps } from '../deps'
import { validate } from '../../http/validate'

/** Not JSON at all: the tools' checks answer INVALID_INPUT for it, after the account's (docs/API.md order). */
const NOT_JSON = Symbol('not JSON')

export function businessRoutes({ domain }: ServerDeps) {
  return new Hono()
    .get('/:account/business', (c) => c.json(getBusinessTools(domain, c.req.param('account')), 200))
    .put('/:account/business', async (c) => {
      const body: unknown = await c.req.json().catch(() => NOT_JSON)
      return c.json(await putBusinessTools(domain, c.req.param('account'), body === NOT_JSON ? undefined : body), 200)
    })
    .get('/:account/business/activity', validate('query', activityQuerySchema), (c) => {
      return c.json({ activity: businessActivity(domain, c.req.param('account'), c.req.valid('query').limit ?? 50) }, 200)
    })
    .get('/:account/suggested-questions', (c) => c.json({ questions: suggestedQuestionsFor(domain, c.req.param('account')) }, 200))
    .get('/:account/labels', (c) => c.json({ labels: listLabels(domain, c.req.param('account')) }, 200))
    .post('/:account/labels', validate('json', createLabelSchema), async (c) => {
      return c.json({ label: await createLabel(domain, c.req.param('account'), c.req.valid('json')) }, 201)
    })
    .patch('/:account/labels/:id', validate('json', updateLabelSchema), async (c) => {
      return c.json({ label: await updateLabel(domain, c.req.param('account'), c.req.param('id'), c.req.valid('json')) }, 200)
    })
    .delete('/:account/labels/:id', async (c) => c.json(await deleteLabel(domain, c.req.param('account'), c.req.param('id')), 200))
    .put('/:account/conversations/:id/labels', validate('json', conversationLabelsSchema), async (c) => {
      return c.json(await setConversationLabels(domain, c.req.param('account'), c.req.param('id'), c.req.valid('json').labelIds), 200)
    })
    .get('/:account/saved-replies', (c) => c.json({ savedReplies: listSavedReplies(domain, c.req.param('account')) }, 200))
    .post('/:account/saved-replies', validate('json', createSavedReplySchema), async (c) => {
      return c.json({ savedReply: await createSavedReply(domain, c.req.param('account'), c.req.valid('json')) }, 201)
    })
    .patch('/:account/saved-replies/:id', validate('json', updateSavedReplySchema), async (c) => {
      return c.json({ savedReply: await updateSavedReply(domain, c.req.param('account'), c.req.param('id'), c.req.valid('json')) }, 200)
    })
    .delete('/:account/saved-replies/:id', async (c) => c.json(await deleteSavedReply(domain, c.req.param('account'), c.req.param('id')), 200))
}
