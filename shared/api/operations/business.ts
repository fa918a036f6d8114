// Operations of the business inbox: auto-messages and their activity, suggested questions, labels, saved replies.
import { z } from 'zod'
import { businessToolsBodySchema } from '../../business/schemas'
import { autoActivitySchema, businessResponseSchema, labelSchema, savedReplySchema } from '../responses/business'
import { operationTable } from './operation'

const A = '/accounts/{account}'
const businessOff = ['BUSINESS_ONLY', 'NOT_AVAILABLE_IN_REGION', 'NOT_FOUND', 'NOT_HOME'] as const
const oneLabel = z.object({ label: labelSchema })
const oneReply = z.object({ savedReply: savedReplySchema })
const deleted = z.object({ deleted: z.literal(true) })

export const businessOperations = operationTable({
  business: {
    method: 'get',
    path: `${A}/business`,
    summary: 'Business auto-messages and whether they act now (R5)',
    status: 200,
    response: businessResponseSchema,
    errors: businessOff,
  },
  putBusiness: {
    method: 'put',
    path: `${A}/business`,
    summary: 'Set the welcome (250), up to 3 suggested questions (80/200) and up to 4 keyword replies (40/500)',
    status: 200,
    response: businessResponseSchema,
    errors: [...businessOff, 'INVALID_INPUT'],
    // The route checks it with checkBusinessTools, in the refusal order docs/API.md gives.
    body: businessToolsBodySchema,
  },
  businessActivity: {
    method: 'get',
    path: `${A}/business/activity`,
    summary: 'Auto-messages planned and how each went (sent, pending, refused with its code, skipped)',
    status: 200,
    response: z.object({ activity: z.array(autoActivitySchema) }),
    errors: businessOff,
  },
  suggestedQuestions: {
    method: 'get',
    path: `${A}/suggested-questions`,
    summary: 'The suggested questions a contact sees as buttons (empty while the tools are off)',
    status: 200,
    response: z.object({ questions: z.array(z.string()) }),
    errors: ['NOT_FOUND'],
  },
  labels: {
    method: 'get',
    path: `${A}/labels`,
    summary: "This account's conversation labels",
    status: 200,
    response: z.object({ labels: z.array(labelSchema) }),
    errors: ['NOT_FOUND', 'NOT_HOME'],
  },
  createLabel: {
    method: 'post',
    path: `${A}/labels`,
    summary: 'Create a label (name, colour)',
    status: 201,
    response: oneLabel,
    errors: ['LABEL_EXISTS', 'NOT_FOUND', 'NOT_HOME'],
  },
  updateLabel: {
    method: 'patch',
    path: `${A}/labels/{id}`,
    summary: 'Rename or recolour a label',
    status: 200,
    response: oneLabel,
    errors: ['LABEL_EXISTS', 'NOT_FOUND', 'NOT_HOME'],
  },
  deleteLabel: {
    method: 'delete',
    path: `${A}/labels/{id}`,
    summary: 'Delete a label (and take it off every conversation)',
    status: 200,
    response: deleted,
    errors: ['NOT_FOUND', 'NOT_HOME'],
  },
  setConversationLabels: {
    method: 'put',
    path: `${A}/conversations/{id}/labels`,
    summary: 'Put exactly these labels on a conversation',
    status: 200,
    response: z.object({ labels: z.array(z.string()) }),
    errors: ['NOT_FOUND', 'NOT_HOME'],
  },
  savedReplies: {
    method: 'get',
    path: `${A}/saved-replies`,
    summary: 'Saved replies, by title',
    status: 200,
    response: z.object({ savedReplies: z.array(savedReplySchema) }),
    errors: ['NOT_FOUND', 'NOT_HOME'],
  },
  createSavedReply: {
    method: 'post',
    path: `${A}/saved-replies`,
    summary: 'Save a reply (title, text with {displayName}, {handle}, {topic})',
    status: 201,
    response: oneReply,
    errors: ['NOT_FOUND', 'NOT_HOME'],
  },
  updateSavedReply: {
    method: 'patch',
    path: `${A}/saved-replies/{id}`,
    summary: 'Change a saved reply',
    status: 200,
    response: oneReply,
    errors: ['NOT_FOUND', 'NOT_HOME'],
  },
  deleteSavedReply: {
    method: 'delete',
    path: `${A}/saved-replies/{id}`,
    summary: 'Delete a saved reply',
    status: 200,
    response: deleted,
    errors: ['NOT_FOUND', 'NOT_HOME'],
  },
})
