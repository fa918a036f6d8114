// Accounts, their settings and profiles, follows, blocks and relations.
import { Hono } from 'hono'
import { decideSend } from '@shared/rules'
import { createAccountSchema, patchSettingsSchema, targetSchema, updateProfileSchema } from '@shared/schemas'
import type { Relation } from '@shared/types'
import { createAccount, settingsOf, updateProfile, updateSettings } from '../../domain/accounts'
import { sendContext } from '../../domain/context'
import { homeAccount, knownAccount } from '../../domain/context-types'
import { block, blockedList, follow, unblock, unfollow } from '../../domain/social'
import { blockedEitherWay, conversationIdFor, follows } from '../../store'
import type { ServerDeps } from '../deps'
import { presentAccount } from '../present'
import { validate } from '../validate'

export function accountRoutes({ domain }: ServerDeps) {
  const { store } = domain
  const view = (account: Parameters<typeof presentAccount>[1]) => presentAccount(store.state, account, store.nodeId)

  return new Hono()
    .post('/', validate('json', createAccountSchema), async (c) => {
      const account = await createAccount(domain, c.req.valid('json'))
      return c.json({ account: view(account) }, 201)
    })
    .get('/', (c) => {
      // The accounts signed in here; ?all=true adds the directory profiles this node hosts.
      const all = c.req.query('all') === 'true'
      const accounts = [...store.state.accounts.values()]
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
    .get('/:account/follows', (c) => {
      const account = knownAccount(domain, c.req.param('account'))
      const ids = [...(store.state.following.get(account.id) ?? [])]
      return c.json({ accounts: ids.flatMap((id) => (store.state.accounts.has(id) ? [view(store.state.accounts.get(id)!)] : [])) }, 200)
    })
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
    .get('/:account/relations/:target', (c) => {
      const me = homeAccount(domain, c.req.param('account'))
      const other = knownAccount(domain, c.req.param('target'))
      const state = store.state
      const now = store.clock()
      // A one-character probe text: only the relationship decides the outcome.
      const ctx = sendContext(state, me, other, now, domain.policy)
      const summarize = (d: ReturnType<typeof decideSend>): Relation['preview'] => (d.ok ? { ok: true, delivery: d.delivery } : d)
      const convId = conversationIdFor(me.id, other.id)
      const relation: Relation = {
        following: follows(state, me.id, other.id),
        followedBy: follows(state, other.id, me.id),
        blocking: state.blocks.get(me.id)?.has(other.id) ?? false,
        blockedBy: state.blocks.get(other.id)?.has(me.id) ?? false,
        conversationId: state.conversations.has(convId) ? convId : null,
        preview: me.id === other.id ? { ok: false, code: 'NOT_FOLLOWING', message: 'You cannot message yourself.' } : summarize(decideSend(ctx, '.')),
        previewIfFollowing:
          ctx.senderFollowsRecipient || me.id === other.id || blockedEitherWay(state, me.id, other.id)
            ? null
            : summarize(decideSend({ ...ctx, senderFollowsRecipient: true }, '.')),
      }
      return c.json({ relation }, 200)
    })
}
