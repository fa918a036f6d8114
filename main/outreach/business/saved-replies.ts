// Saved replies, per account: texts with the outreach templates' variables, inserted from the
// compose box with "/" (the renderer fills them with shared/outreach/template.ts).
import { SAVED_REPLY_LIMITS } from '@shared/business/schemas'
import type { SavedReply } from '@shared/business/types'
import { normalizeMessageText } from '@shared/rules'
import type { Domain } from '../../domain/domain'
import { homeAccount } from '../../domain/account-lookup'
import { invalid, notFound } from '../../domain/errors'
import { randomId } from '../../domain/ids'

/** The schema has checked the text (R14, known variables); it is stored trimmed like a message. */
function stored(text: string): string {
  const normal = normalizeMessageText(text)
  return normal.ok ? normal.text : text
}

export function listSavedReplies(domain: Domain, address: string): SavedReply[] {
  return domain.store.business.savedReplies(homeAccount(domain, address).id)
}

export async function createSavedReply(domain: Domain, address: string, input: { title: string; text: string }): Promise<SavedReply> {
  const me = homeAccount(domain, address)
  const { store } = domain
  if (store.business.savedReplies(me.id).length >= SAVED_REPLY_LIMITS.perAccount) {
    throw invalid('title', `An account keeps at most ${SAVED_REPLY_LIMITS.perAccount} saved replies.`)
  }
  const now = store.clock().toISOString()
  const reply: SavedReply = { id: randomId('r', 8), title: input.title, text: stored(input.text), createdAt: now, updatedAt: now }
  await store.commit([{ type: 'savedReply.created', by: me.id, reply }]).durable
  return reply
}

export async function updateSavedReply(domain: Domain, address: string, replyId: string, patch: { title?: string; text?: string }): Promise<SavedReply> {
  const me = homeAccount(domain, address)
  if (!domain.store.business.savedReply(me.id, replyId)) {
    throw notFound('The saved reply')
  }
  const clean = { ...patch, ...(patch.text !== undefined ? { text: stored(patch.text) } : {}) }
  await domain.store.commit([{ type: 'savedReply.updated', by: me.id, replyId, patch: clean }]).durable
  return domain.store.business.savedReply(me.id, replyId)!
}

export async function deleteSavedReply(domain: Domain, address: string, replyId: string): Promise<{ deleted: true }> {
  const me = homeAccount(domain, address)
  if (!domain.store.business.savedReply(me.id, replyId)) {
    throw notFound('The saved reply')
  }
  await domain.store.commit([{ type: 'savedReply.deleted', by: me.id, replyId }]).durable
  return { deleted: true }
}
