// Account commands: create an account, edit its profile, change its settings (R1-R5, R15).
import type { z } from 'zod'
import type { createAccountSchema, patchSettingsSchema, updateProfileSchema } from '@shared/schemas'
import { birthDateProblem, checkSettingsChange, defaultSettings } from '@shared/rules'
import type { Account, AccountSettings } from '@shared/types'
import type { Domain } from './domain'
import { homeAccount } from './account-lookup'
import { DomainError, invalid, refusalError } from './errors'
import { newAccountId } from './ids'

export async function createAccount(domain: Domain, input: z.output<typeof createAccountSchema>): Promise<Account> {
  const { store } = domain
  const now = store.clock()
  const dateProblem = birthDateProblem(input.birthDate, now)
  if (dateProblem) {
    throw invalid('birthDate', dateProblem)
  }
  if (store.handleTaken(input.handle)) {
    throw new DomainError(409, 'HANDLE_TAKEN', `The handle @${input.handle} is taken.`, { field: 'handle' })
  }
  const account: Account = {
    id: newAccountId(),
    handle: input.handle,
    displayName: input.displayName,
    birthDate: input.birthDate,
    phone: input.phone ?? null,
    region: input.region,
    kind: input.kind,
    // Verification is a business badge; a personal account is never verified.
    verified: input.kind === 'business' && input.verified === true,
    bio: input.bio ?? '',
    topics: input.topics ?? [],
    stats: { followers: 0, following: 0, likes: 0, engagementRate: 0 },
    homeNodeId: store.nodeId,
    createdAt: now.toISOString(),
  }
  const settings = defaultSettings(account, now, domain.policy)
  await store.commit([{ type: 'account.created', account, settings }]).durable
  return account
}

export async function updateProfile(domain: Domain, address: string, patch: z.output<typeof updateProfileSchema>): Promise<Account> {
  const account = homeAccount(domain, address)
  await domain.store.commit([{ type: 'account.updated', accountId: account.id, patch }]).durable
  return domain.store.account(account.id)!
}

export function settingsOf(domain: Domain, accountId: string): AccountSettings {
  return domain.store.settingsOf(accountId)!
}

export async function updateSettings(domain: Domain, address: string, change: z.output<typeof patchSettingsSchema>): Promise<AccountSettings> {
  const account = homeAccount(domain, address)
  const verdict = checkSettingsChange(change, account, domain.store.clock(), domain.policy)
  if (!verdict.ok) {
    throw refusalError(verdict)
  }
  const current = settingsOf(domain, account.id)
  const next: AccountSettings = {
    whoCanMessageMe: change.whoCanMessageMe ?? current.whoCanMessageMe,
    readReceipts: change.readReceipts ?? current.readReceipts,
    notifications: { ...current.notifications, ...change.notifications },
  }
  // Nothing changed: no event, so peers and clients are not asked to redraw for nothing.
  if (JSON.stringify(next) === JSON.stringify(current)) {
    return current
  }
  await domain.store.commit([{ type: 'settings.updated', accountId: account.id, settings: next }]).durable
  return next
}
