// A digest of everything a node stores, read through its API (accounts, settings, follows,
// blocks, every conversation of both folders and its messages, outreach lists, templates,
// campaigns and creators): equal digests before and
// after a batch of refused requests prove the batch changed nothing.
import { createHash } from 'node:crypto'
import type { Folder } from '@shared/types'
import type { TestNode } from '../api/support'

const FOLDERS: Folder[] = ['inbox', 'requests']

/** The digest of storeSnapshot(). */
export async function storeDigest(t: Pick<TestNode, 'client'>): Promise<string> {
  return createHash('sha256')
    .update(await storeSnapshot(t))
    .digest('hex')
}

/** Everything the digest covers, as text (one line per part): a failing comparison shows what changed. */
export async function storeSnapshot(t: Pick<TestNode, 'client'>): Promise<string> {
  const { client } = t
  const parts: string[] = []
  const hash = { update: (s: string) => parts.push(s) }
  const { accounts } = await client.listAccounts(true)
  for (const account of [...accounts].sort((x, y) => x.id.localeCompare(y.id))) {
    hash.update(JSON.stringify(account))
    hash.update(JSON.stringify((await client.getSettings(account.id)).settings))
    hash.update(JSON.stringify((await client.listFollows(account.id)).accounts.map((a) => a.id)))
    hash.update(JSON.stringify((await client.listBlocks(account.id)).accounts.map((a) => a.id)))
    for (const folder of FOLDERS) {
      for (const conversation of (await client.conversations(account.id, folder)).conversations) {
        hash.update(JSON.stringify(conversation))
        hash.update(JSON.stringify((await client.messages(account.id, conversation.id, { limit: 100 })).messages))
      }
    }
  }
  hash.update(
    JSON.stringify([(await client.lists()).lists, (await client.templates()).templates, (await client.campaigns()).campaigns, (await client.creators()).creators]),
  )
  return parts.join('\n')
}
