// Creator lists (docs/API.md "Outreach"): saved from the directory, edited by hand, imported from
// CSV. Members may be named by id or @handle; a list stores ids.
import type { CreatorList } from '@shared/outreach/types'
import type { Domain } from '../domain/domain'
import { knownAccount } from '../domain/account-lookup'
import { notFound } from '../domain/errors'
import { randomId } from '../domain/ids'

/** Ids of the named accounts, each once, in the order given; 404 NOT_FOUND names an unknown one. */
export function resolveMembers(domain: Domain, addresses: readonly string[]): string[] {
  const ids = new Set<string>()
  for (const address of addresses) {
    ids.add(knownAccount(domain, address).id)
  }
  return [...ids]
}

export function getList(domain: Domain, id: string): CreatorList {
  const list = domain.store.outreach.list(id)
  if (!list) {
    throw notFound('The list')
  }
  return list
}

export async function createList(domain: Domain, input: { name: string; members: string[] }): Promise<CreatorList> {
  const at = domain.store.clock().toISOString()
  const list: CreatorList = { id: randomId('l', 8), name: input.name, members: resolveMembers(domain, input.members), createdAt: at, updatedAt: at }
  await domain.store.commit([{ type: 'list.saved', list }]).durable
  return list
}

export async function updateList(domain: Domain, id: string, input: { name?: string; add?: string[]; remove?: string[] }): Promise<CreatorList> {
  const list = getList(domain, id)
  // Resolve everything before changing anything: one unknown member and nothing changes.
  const add = resolveMembers(domain, input.add ?? [])
  const remove = new Set(resolveMembers(domain, input.remove ?? []))
  const members = [...new Set([...list.members, ...add])].filter((m) => !remove.has(m))
  const next: CreatorList = { ...list, name: input.name ?? list.name, members, updatedAt: domain.store.clock().toISOString() }
  await domain.store.commit([{ type: 'list.saved', list: next }]).durable
  return next
}

export async function deleteList(domain: Domain, id: string): Promise<{ deleted: true }> {
  getList(domain, id)
  await domain.store.commit([{ type: 'list.deleted', listId: id }]).durable
  return { deleted: true }
}
