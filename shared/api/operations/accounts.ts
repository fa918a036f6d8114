// Operations of accounts, settings, follows, blocks, relations and usage.
import { z } from 'zod'
import { accountSettingsSchema, accountViewSchema, relationSchema } from '../responses/domain'
import { usageSchema } from '../responses/outreach'
import { operationTable } from './operation'

const A = '/accounts/{account}'
const oneAccount = z.object({ account: accountViewSchema })
const accounts = z.object({ accounts: z.array(accountViewSchema) })
const settings = z.object({ settings: accountSettingsSchema })
const following = z.object({ following: z.boolean() })
const blocked = z.object({ blocked: z.boolean() })

export const accountOperations = operationTable({
  createAccount: {
    method: 'post',
    path: '/accounts',
    summary: 'Create an account homed on this node',
    status: 201,
    response: oneAccount,
    errors: ['HANDLE_TAKEN'],
  },
  listAccounts: {
    method: 'get',
    path: '/accounts',
    summary: 'Accounts signed in here; ?all=true adds the directory profiles this node hosts',
    status: 200,
    response: accounts,
    // Read as a plain query string by the route (anything but "true" is false).
    query: z.object({ all: z.enum(['true', 'false']).optional() }),
  },
  getAccount: { method: 'get', path: A, summary: 'Any account this node knows (by id or @handle)', status: 200, response: oneAccount, errors: ['NOT_FOUND'] },
  updateProfile: {
    method: 'patch',
    path: A,
    summary: 'Update profile (display name, bio, topics, phone)',
    status: 200,
    response: oneAccount,
    errors: ['NOT_FOUND', 'NOT_HOME'],
  },
  getSettings: { method: 'get', path: `${A}/settings`, summary: 'Message and notification settings', status: 200, response: settings, errors: ['NOT_FOUND', 'NOT_HOME'] },
  patchSettings: {
    method: 'patch',
    path: `${A}/settings`,
    summary: 'Change settings (R4, R15)',
    status: 200,
    response: settings,
    errors: ['SETTING_NOT_ALLOWED', 'NOT_FOUND', 'NOT_HOME'],
  },
  listFollows: { method: 'get', path: `${A}/follows`, summary: 'Accounts this account follows', status: 200, response: accounts, errors: ['NOT_FOUND'] },
  follow: { method: 'post', path: `${A}/follows`, summary: 'Follow', status: 200, response: following, errors: ['BLOCKED', 'NOT_FOUND', 'NOT_HOME'] },
  unfollow: { method: 'delete', path: `${A}/follows/{target}`, summary: 'Unfollow', status: 200, response: following, errors: ['NOT_FOUND', 'NOT_HOME'] },
  listBlocks: { method: 'get', path: `${A}/blocks`, summary: 'Accounts this account has blocked', status: 200, response: accounts, errors: ['NOT_FOUND'] },
  block: { method: 'post', path: `${A}/blocks`, summary: 'Block (R11)', status: 200, response: blocked, errors: ['NOT_FOUND', 'NOT_HOME'] },
  unblock: { method: 'delete', path: `${A}/blocks/{target}`, summary: 'Unblock', status: 200, response: blocked, errors: ['NOT_FOUND', 'NOT_HOME'] },
  relation: {
    method: 'get',
    path: `${A}/relations/{target}`,
    summary: 'Follow/block state and how a send would go now',
    status: 200,
    response: z.object({ relation: relationSchema }),
    errors: ['NOT_FOUND', 'NOT_HOME'],
  },
  usage: {
    method: 'get',
    path: `${A}/usage`,
    summary: 'R12/R13 usage: counted, limits, when the next slot frees',
    status: 200,
    response: z.object({ usage: usageSchema }),
    errors: ['NOT_FOUND', 'NOT_HOME'],
  },
})
