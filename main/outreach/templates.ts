// Message templates and their per-recipient preview (docs/API.md "Outreach"): the preview says
// what each recipient would get, or why they would be skipped, with the rule's code.
import { fillTemplate } from '@shared/outreach/template'
import type { Template } from '@shared/outreach/types'
import type { Delivery } from '@shared/types'
import type { Domain } from '../domain/domain'
import { homeAccount, knownAccount } from '../domain/account-lookup'
import { notFound } from '../domain/errors'
import { randomId } from '../domain/ids'
import { planFirstMessage } from './plan'

export function getTemplate(domain: Domain, id: string): Template {
  const template = domain.store.outreach.template(id)
  if (!template) {
    throw notFound('The template')
  }
  return template
}

export async function createTemplate(domain: Domain, input: { name: string; text: string }): Promise<Template> {
  const template: Template = { id: randomId('t', 8), name: input.name, text: input.text, createdAt: domain.store.clock().toISOString() }
  await domain.store.commit([{ type: 'template.saved', template }]).durable
  return template
}

export async function updateTemplate(domain: Domain, id: string, input: { name?: string; text?: string }): Promise<Template> {
  const template = { ...getTemplate(domain, id), ...input }
  await domain.store.commit([{ type: 'template.saved', template }]).durable
  return template
}

export async function deleteTemplate(domain: Domain, id: string): Promise<{ deleted: true }> {
  getTemplate(domain, id)
  await domain.store.commit([{ type: 'template.deleted', templateId: id }]).durable
  return { deleted: true }
}

export interface Preview {
  recipient: string
  text: string | null
  skip: { code: string; message: string } | null
  /** How it would go now: 'direct' or 'request'; null when skipped. */
  delivery?: Delivery | null
}

/**
 * Each recipient as the template fills it for `account`, in the order asked. A skip is an
 * empty variable or a rule no waiting cures; a full cap window is not a skip (it waits).
 */
export function previewTemplate(domain: Domain, id: string, input: { account: string; recipients: string[]; followFirst?: boolean }): Preview[] {
  const template = getTemplate(domain, id)
  const sender = homeAccount(domain, input.account)
  const now = domain.store.clock()
  return input.recipients.map((address) => {
    const recipient = knownAccount(domain, address)
    const plan = planFirstMessage(domain, sender, recipient, template.text, now, { followFirst: input.followFirst ?? false, includeContacted: true })
    if (!plan.ok) {
      if (plan.curable) {
        const filled = fillTemplate(template.text, recipient)
        return { recipient: address, text: filled.ok ? filled.text : null, skip: null, delivery: null }
      }
      return { recipient: address, text: null, skip: { code: plan.code, message: plan.message }, delivery: null }
    }
    return { recipient: address, text: plan.text, skip: null, delivery: plan.delivery }
  })
}
