// Operations of outreach (docs/API.md "Outreach"): creator lists, templates, campaigns, the creator pipeline.
import { z } from 'zod'
import { campaignRecipientSchema, campaignSchema, creatorListSchema, creatorSchema, templatePreviewSchema, templateSchema } from '../responses/outreach'
import { operationTable } from './operation'

const oneList = z.object({ list: creatorListSchema })
const oneTemplate = z.object({ template: templateSchema })
const oneCampaign = z.object({ campaign: campaignSchema })
const deleted = z.object({ deleted: z.literal(true) })
const found = ['NOT_FOUND'] as const

export const outreachOperations = operationTable({
  lists: { method: 'get', path: '/lists', summary: 'Creator lists of this node', status: 200, response: z.object({ lists: z.array(creatorListSchema) }) },
  createList: { method: 'post', path: '/lists', summary: 'Create a creator list (members by id or @handle)', status: 201, response: oneList, errors: found },
  list: { method: 'get', path: '/lists/{id}', summary: 'One creator list', status: 200, response: oneList, errors: found },
  updateList: { method: 'patch', path: '/lists/{id}', summary: 'Rename, add or remove members', status: 200, response: oneList, errors: found },
  deleteList: { method: 'delete', path: '/lists/{id}', summary: 'Delete a creator list', status: 200, response: deleted, errors: found },
  templates: { method: 'get', path: '/templates', summary: 'Message templates of this node', status: 200, response: z.object({ templates: z.array(templateSchema) }) },
  createTemplate: {
    method: 'post',
    path: '/templates',
    summary: 'Create a template ({displayName}, {handle}, {topic})',
    status: 201,
    response: oneTemplate,
    errors: ['TEMPLATE_INVALID'],
  },
  template: { method: 'get', path: '/templates/{id}', summary: 'One template', status: 200, response: oneTemplate, errors: found },
  updateTemplate: {
    method: 'patch',
    path: '/templates/{id}',
    summary: 'Rename or rewrite a template',
    status: 200,
    response: oneTemplate,
    errors: ['TEMPLATE_INVALID', 'NOT_FOUND'],
  },
  deleteTemplate: { method: 'delete', path: '/templates/{id}', summary: 'Delete a template', status: 200, response: deleted, errors: found },
  previewTemplate: {
    method: 'post',
    path: '/templates/{id}/preview',
    summary: 'The template filled per recipient, or why each would be skipped',
    status: 200,
    response: z.object({ previews: z.array(templatePreviewSchema) }),
    errors: ['NOT_FOUND', 'NOT_HOME'],
  },
  campaigns: {
    method: 'get',
    path: '/campaigns',
    summary: 'Campaigns, newest first (optionally of one account)',
    status: 200,
    response: z.object({ campaigns: z.array(campaignSchema) }),
  },
  createCampaign: {
    method: 'post',
    path: '/campaigns',
    summary: 'Start a paced campaign (skips decided now)',
    status: 201,
    response: oneCampaign,
    errors: ['NOT_FOUND', 'NOT_HOME'],
  },
  campaign: {
    method: 'get',
    path: '/campaigns/{id}',
    summary: 'One campaign with counts, stats and projected finish',
    status: 200,
    response: oneCampaign,
    errors: found,
  },
  setCampaignState: {
    method: 'patch',
    path: '/campaigns/{id}',
    summary: 'Pause, resume or cancel',
    status: 200,
    response: oneCampaign,
    errors: ['NOT_FOUND', 'CAMPAIGN_FINISHED'],
  },
  campaignRecipients: {
    method: 'get',
    path: '/campaigns/{id}/recipients',
    summary: 'Each recipient with status, step, code and times',
    status: 200,
    response: z.object({ recipients: z.array(campaignRecipientSchema) }),
    errors: found,
  },
  campaignCsv: {
    method: 'get',
    path: '/campaigns/{id}/recipients.csv',
    summary: 'The results as CSV, one row per recipient',
    status: 200,
    response: z.string(),
    media: 'text/csv',
    errors: found,
  },
  creators: { method: 'get', path: '/creators', summary: 'The creator pipeline', status: 200, response: z.object({ creators: z.array(creatorSchema) }) },
  updateCreator: {
    method: 'patch',
    path: '/creators/{account}',
    summary: "Set a creator's stage, notes, fee or deliverables",
    status: 200,
    response: z.object({ creator: creatorSchema }),
    errors: found,
  },
})
