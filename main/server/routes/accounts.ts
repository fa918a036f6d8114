// Accounts, their settings and profiles, follows, blocks and relations.
import { Hono } from 'hono'
import { createAccountSchema, patchSettingsSchema, targetSchema, updateProfileSchema } from '@shared/schemas'
import { createAccount, settingsOf, updateProfile, updateSettings } from '../../domain/accounts'
import { homeAccount, knownAccount } from '../../domain/account-lookup'
import { usageOf } from '../../outreach/usage'
import { block, blockedList, follow, followingList, relation, unblock, unfollow } from '../../domain/social'
import type { ServerDeps } from '../deps'
import { presentAccount } from '../present'
import { validate } from '../../http/validate'

export function accountRoutes({ domain }: ServerDeps) {
  const { store } = domain
  const view = (account: Parameters<typeof presentAccount>[1]) => presentAccount(store, account, store.nodeId)

  return new Hono()
    .post('/', validate('json', createAccountSchema), async (c) => {
      const account = await createAccount(domain, c.req.valid('json'))
      return c.json({ account: view(account) }, 201)
    })
    .get('/', (c) => {
      // The accounts signed in here; ?all=true adds the directory profiles this node hosts.
      const all = c.req.query('all') === 'true'
      const accounts = store
        .allAccounts()
        .filter((a) => a.homeNodeId === store.nodeId && (all || !a.directoryOnly))
        .map(view)
      return c.json({ accounts }, 200)
    })
    .get('/:account', (c) => c.json({ account: view(knownAccount(domain, c.req.param('account'))) }, 200))
    .patch('/:account', validate('json', updateProfileSchema), async (c) => {
      const account = await updateProfile(domain, c.req.param('account'), c.req.valid('json'))
      return c.json({ account: view(account) }, 200)
    })
    .get('/:account/settings', (c) => {
      const account = homeAccount(domain, c.req.param('account'))
      return c.json({ settings: settingsOf(domain, account.id) }, 200)
    })
    .patch('/:account/settings', validate('json', patchSettingsSchema), async (c) => {
      const settings = await updateSettings(domain, c.req.param('account'), c.req.valid('json'))
      return c.json({ settings }, 200)
    })
    .get('/:account/follows', (c) => c.json({ accounts: followingList(domain, c.req.param('account')).map(view) }, 200))
    .post('/:account/follows', validate('json', targetSchema), async (c) => {
      return c.json(await follow(domain, c.req.param('account'), c.req.valid('json').target), 200)
    })
    .delete('/:account/follows/:target', async (c) => {
      return c.json(await unfollow(domain, c.req.param('account'), c.req.param('target')), 200)
    })
    .get('/:account/blocks', (c) => c.json({ accounts: blockedList(domain, c.req.param('account')).map(view) }, 200))
    .post('/:account/blocks', validate('json', targetSchema), async (c) => {
      return c.json(await block(domain, c.req.param('account'), c.req.valid('json').target), 200)
    })
    .delete('/:account/blocks/:target', async (c) => {
      return c.json(await unblock(domain, c.req.param('account'), c.req.param('target')), 200)
    })
    .get('/:account/usage', (c) => c.json({ usage: usageOf(domain, c.req.param('account')) }, 200))
    .get('/:account/relations/:target', (c) => c.json({ relation: relation(domain, c.req.param('account'), c.req.param('target')) }, 200))
}
