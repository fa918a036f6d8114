// Commands of the business tools (GET/PUT /accounts/{account}/business): reading and saving
// the auto-messages with the refusal order docs/API.md fixes, and what a contact is shown.
import { businessAccessRefusal, businessStatus, decideBusinessTools } from '@shared/business/rules'
import type { AutoActivity, BusinessStatus, BusinessTools } from '@shared/business/types'
import type { Domain } from '../../domain/domain'
import { homeAccount, knownAccount } from '../../domain/account-lookup'
import { DomainError } from '../../domain/errors'
import type { DomainEvent } from '../../store'

export interface BusinessView {
  business: BusinessTools
  status: BusinessStatus
}

function refusal(r: { code: string; message: string; field?: string }): DomainError {
  return new DomainError(r.code === 'INVALID_INPUT' ? 400 : 403, r.code, r.message, r.field ? { field: r.field } : {})
}

/** A business account homed here; 403 BUSINESS_ONLY / NOT_AVAILABLE_IN_REGION otherwise (R5). */
function businessHere(domain: Domain, address: string) {
  const account = homeAccount(domain, address)
  const refused = businessAccessRefusal(account)
  if (refused) {
    throw refusal(refused)
  }
  return account
}

function viewOf(domain: Domain, accountId: string): BusinessView {
  const facts = domain.store.business.autoMessageFacts(accountId, accountId)!
  return { business: facts.tools, status: businessStatus(facts.business, facts.whoCanMessageMe) }
}

export function getBusinessTools(domain: Domain, address: string): BusinessView {
  return viewOf(domain, businessHere(domain, address).id)
}

/** PUT: BUSINESS_ONLY first, then NOT_AVAILABLE_IN_REGION, then INVALID_INPUT naming the field. */
export async function putBusinessTools(domain: Domain, address: string, body: unknown): Promise<BusinessView> {
  const account = homeAccount(domain, address)
  const decision = decideBusinessTools(account, body)
  if (!decision.ok) {
    throw refusal(decision)
  }
  const { store } = domain
  const before = store.business.tools(account.id)
  const events: DomainEvent[] = []
  if (JSON.stringify(before) !== JSON.stringify(decision.tools)) {
    events.push({ type: 'business.updated', accountId: account.id, tools: decision.tools })
  }
  const questions = decision.tools.suggestedQuestions.map((q) => q.question)
  // Contacts' nodes learn only the questions: answers and keyword replies stay here.
  if (JSON.stringify(questions) !== JSON.stringify(store.business.questions(account.id))) {
    events.push({ type: 'business.questions', accountId: account.id, questions })
  }
  if (events.length > 0) {
    await store.commit(events).durable
  }
  return viewOf(domain, account.id)
}

/** The buttons a contact sees in a new conversation with a business: none while its tools are off (R5). */
export function suggestedQuestionsFor(domain: Domain, address: string): string[] {
  const account = knownAccount(domain, address)
  const facts = domain.store.business.autoMessageFacts(account.id, account.id)!
  if (!businessStatus(account, facts.whoCanMessageMe).active) {
    return []
  }
  return domain.store.business.questions(account.id)
}

export function businessActivity(domain: Domain, address: string, limit: number): AutoActivity[] {
  return domain.store.business.activity(businessHere(domain, address).id, limit)
}
