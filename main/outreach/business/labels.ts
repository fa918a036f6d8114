// Labels on conversations, per viewer: create, rename, recolour, delete, put on conversations.
import { LABEL_LIMITS } from '@shared/business/schemas'
import type { Label, LabelColor } from '@shared/business/types'
import type { Domain } from '../../domain/domain'
import { homeAccount } from '../../domain/account-lookup'
import { DomainError, invalid, notFound } from '../../domain/errors'
import { randomId } from '../../domain/ids'
import { ownConversation } from '../../domain/messaging'

function nameTaken(domain: Domain, viewerId: string, name: string, except?: string): boolean {
  const lower = name.toLowerCase()
  return domain.store.business.labels(viewerId).some((l) => l.id !== except && l.name.toLowerCase() === lower)
}

function taken(name: string): DomainError {
  return new DomainError(409, 'LABEL_EXISTS', `You already have a label called "${name}".`, { field: 'name' })
}

export function listLabels(domain: Domain, address: string): Label[] {
  return domain.store.business.labels(homeAccount(domain, address).id)
}

export async function createLabel(domain: Domain, address: string, input: { name: string; color?: LabelColor }): Promise<Label> {
  const me = homeAccount(domain, address)
  const { store } = domain
  if (store.business.labels(me.id).length >= LABEL_LIMITS.perAccount) {
    throw invalid('name', `An account has at most ${LABEL_LIMITS.perAccount} labels.`)
  }
  if (nameTaken(domain, me.id, input.name)) {
    throw taken(input.name)
  }
  const label: Label = { id: randomId('l', 8), name: input.name, color: input.color ?? 'blue', createdAt: store.clock().toISOString() }
  await store.commit([{ type: 'label.created', by: me.id, label }]).durable
  return label
}

function ownLabel(domain: Domain, address: string, labelId: string) {
  const me = homeAccount(domain, address)
  const label = domain.store.business.label(me.id, labelId)
  if (!label) {
    throw notFound('The label')
  }
  return { me, label }
}

export async function updateLabel(domain: Domain, address: string, labelId: string, patch: { name?: string; color?: LabelColor }): Promise<Label> {
  const { me, label } = ownLabel(domain, address, labelId)
  if (patch.name !== undefined && nameTaken(domain, me.id, patch.name, labelId)) {
    throw taken(patch.name)
  }
  if (patch.name !== undefined || patch.color !== undefined) {
    await domain.store.commit([{ type: 'label.updated', by: me.id, labelId, patch }]).durable
  }
  return domain.store.business.label(me.id, label.id)!
}

/** Deleting a label takes it off every conversation too. */
export async function deleteLabel(domain: Domain, address: string, labelId: string): Promise<{ deleted: true }> {
  const { me } = ownLabel(domain, address, labelId)
  await domain.store.commit([{ type: 'label.deleted', by: me.id, labelId }]).durable
  return { deleted: true }
}

/** Puts exactly these labels (the viewer's own, several allowed) on one of its conversations. */
export async function setConversationLabels(domain: Domain, address: string, conversationId: string, labelIds: string[]): Promise<{ labels: string[] }> {
  const { me } = ownConversation(domain, address, conversationId)
  const unique = [...new Set(labelIds)]
  const unknown = unique.find((id) => !domain.store.business.label(me.id, id))
  if (unknown) {
    throw invalid('labelIds', `There is no label ${unknown} on this account.`)
  }
  if (JSON.stringify(unique) !== JSON.stringify(domain.store.business.conversationLabelIds(me.id, conversationId))) {
    await domain.store.commit([{ type: 'conversation.labelled', by: me.id, conversationId, labelIds: unique }]).durable
  }
  return { labels: domain.store.business.conversationLabelIds(me.id, conversationId) }
}
