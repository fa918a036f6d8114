// The creator pipeline (PRODUCT.md "Outreach": relationship management): a stage, notes, a
// fee and deliverables per creator. Campaign events move stages too (main/store/outreach).
import type { z } from 'zod'
import type { patchCreatorSchema } from '@shared/outreach/schemas'
import type { Creator } from '@shared/outreach/types'
import type { Domain } from '../domain/context-types'
import { knownAccount } from '../domain/context-types'
import { randomId } from '../domain/ids'
import { creatorRecord, creatorRecords, presentCreator } from '../store'

export function listCreators(domain: Domain): Creator[] {
  return creatorRecords(domain.store)
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0))
    .map((c) => presentCreator(domain.store, c))
}

/** Adds the creator to the pipeline if absent, and applies the change. */
export async function updateCreator(domain: Domain, address: string, patch: z.output<typeof patchCreatorSchema>): Promise<Creator> {
  const account = knownAccount(domain, address)
  const deliverables = patch.deliverables?.map((d) => ({ id: d.id ?? randomId('d', 6), title: d.title, dueDate: d.dueDate ?? null, done: d.done ?? false }))
  const { deliverables: _raw, ...rest } = patch
  const change = deliverables ? { ...rest, deliverables } : rest
  await domain.store.commit([{ type: 'creator.updated', accountId: account.id, patch: change }]).durable
  return presentCreator(domain.store, creatorRecord(domain.store, account.id)!)
}
