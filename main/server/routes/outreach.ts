// Outreach routes (docs/API.md "Outreach"): lists, templates, campaigns and their recipients, the
// creator pipeline. Lists and templates belong to the node; a campaign sends as one account.
import { Hono } from 'hono'
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
import { createCampaign, getCampaign, listCampaigns, presentCampaign, setCampaignState } from '../../outreach/campaigns'
import { createList, deleteList, getList, updateList } from '../../outreach/lists'
import { listCreators, updateCreator } from '../../outreach/pipeline'
import { recipientsCsv } from '@shared/outreach/csv'
import { createTemplate, deleteTemplate, getTemplate, previewTemplate, updateTemplate } from '../../outreach/templates'
import type { ServerDeps } from '../deps'
import { presentAccount } from '../present'
import { validate } from '../../http/validate'

const byName = <T extends { name: string }>(items: T[]) => items.sort((a, b) => a.name.localeCompare(b.name))

export function outreachRoutes({ domain, outreach }: ServerDeps) {
  const { store } = domain
  const recipientsOf = (id: string) => store.outreach.recipients(getCampaign(domain, id).id).map((r) => store.outreach.presentRecipient(r))
  return new Hono()
    .get('/lists', (c) => c.json({ lists: byName(store.outreach.lists()) }, 200))
    .post('/lists', validate('json', createListSchema), async (c) => c.json({ list: await createList(domain, c.req.valid('json')) }, 201))
    .get('/lists/:id', (c) => c.json({ list: getList(domain, c.req.param('id')) }, 200))
    .patch('/lists/:id', validate('json', patchListSchema), async (c) => c.json({ list: await updateList(domain, c.req.param('id'), c.req.valid('json')) }, 200))
    .delete('/lists/:id', async (c) => c.json(await deleteList(domain, c.req.param('id')), 200))
    // CSV import: which rows name an account this node knows (unknown ones are listed, not imported).
    .post('/directory/resolve', validate('json', resolveSchema), (c) => {
      const resolved = c.req.valid('json').addresses.map((address) => {
        const account = address.trim() ? store.findAccount(address) : undefined
        return { address, account: account ? presentAccount(store, account, store.nodeId) : null }
      })
      return c.json({ resolved }, 200)
    })
    .get('/templates', (c) => c.json({ templates: byName(store.outreach.templates()) }, 200))
    .post('/templates', validate('json', createTemplateSchema, { text: 'TEMPLATE_INVALID' }), async (c) => {
      return c.json({ template: await createTemplate(domain, c.req.valid('json')) }, 201)
    })
    .get('/templates/:id', (c) => c.json({ template: getTemplate(domain, c.req.param('id')) }, 200))
    .patch('/templates/:id', validate('json', patchTemplateSchema, { text: 'TEMPLATE_INVALID' }), async (c) => {
      return c.json({ template: await updateTemplate(domain, c.req.param('id'), c.req.valid('json')) }, 200)
    })
    .delete('/templates/:id', async (c) => c.json(await deleteTemplate(domain, c.req.param('id')), 200))
    .post('/templates/:id/preview', validate('json', previewSchema), (c) => {
      return c.json({ previews: previewTemplate(domain, c.req.param('id'), c.req.valid('json')) }, 200)
    })
    .get('/campaigns', validate('query', campaignsQuerySchema), (c) => c.json({ campaigns: listCampaigns(domain, c.req.valid('query').account) }, 200))
    .post('/campaigns', validate('json', createCampaignSchema), async (c) => {
      const campaign = await createCampaign(domain, c.req.valid('json'))
      outreach?.kick()
      return c.json({ campaign: presentCampaign(domain, campaign) }, 201)
    })
    .get('/campaigns/:id', (c) => c.json({ campaign: presentCampaign(domain, getCampaign(domain, c.req.param('id'))) }, 200))
    .patch('/campaigns/:id', validate('json', patchCampaignSchema), async (c) => {
      const campaign = await setCampaignState(domain, c.req.param('id'), c.req.valid('json').state)
      if (campaign.state === 'running') {
        outreach?.kick()
      }
      return c.json({ campaign: presentCampaign(domain, campaign) }, 200)
    })
    .get('/campaigns/:id/recipients', (c) => c.json({ recipients: recipientsOf(c.req.param('id')) }, 200))
    .get('/campaigns/:id/recipients.csv', (c) => {
      const campaign = getCampaign(domain, c.req.param('id'))
      const csv = recipientsCsv(recipientsOf(campaign.id))
      const file = `${campaign.name.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60) || 'campaign'}-results.csv`
      return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${file}"` })
    })
    .get('/creators', (c) => c.json({ creators: listCreators(domain) }, 200))
    .patch('/creators/:account', validate('json', patchCreatorSchema), async (c) => {
      return c.json({ creator: await updateCreator(domain, c.req.param('account'), c.req.valid('json')) }, 200)
    })
}
