// The creator pipeline (docs/PRODUCT.md "Outreach": relationship management): a stage, notes, a
// fee and deliverables per creator. Campaign events move stages too (main/store/outreach).
import type { z } from 'zod'
import type { patchCreatorSchema } from '@shared/outreach/schemas'
import type { Creator } from '@shared/outreach/types'
import type { Domain } from '../domain/domain'
import { knownAccount } from '../domain/account-lookup'
import { randomId } from '../domain/ids'

export function listCreators(domain: Domain): Creator[] {
  return domain.store.outreach
    .creators()
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0))
    .map((c) => domain.store.outreach.presentCreator(c))
}

/** Adds the creator to the pipeline if absent, and applies the change. */
export async function updateCreator(domain: Domain, address: string, patch: z.output<typeof patchCreatorSchema>): Promise<Creator> {
  const account = knownAccount(domain, address)
  const deliverables = patch.deliverables?.map((d) => ({ id: d.id ?? randomId('d', 6), title: d.title, dueDate: d.dueDate ?? null, done: d.done ?? false }))
  const { deliverables: _raw, ...rest } = patch
  const change = deliverables ? { ...rest, deliverables } : rest
  await domain.store.commit([{ type: 'creator.updated', accountId: account.id, patch: change }]).durable
  return domain.store.outreach.presentCreator(domain.store.outreach.creator(account.id)!)
}
