// GET /accounts/{account}/usage: R12/R13 as counted now for one account (docs/API.md "Usage").
import { capUsage } from '@shared/rules'
import type { Usage } from '@shared/outreach/types'
import type { Domain } from '../domain/domain'
import { homeAccount } from '../domain/account-lookup'

export function usageOf(domain: Domain, address: string): Usage {
  const account = homeAccount(domain, address)
  return capUsage(account, domain.store.sendHistory(account.id), domain.store.clock(), domain.policy)
}
