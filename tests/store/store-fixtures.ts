// Accounts for the store's and sync's tests: plain adults in the US, created at `now`.
import { defaultSettings } from '@shared/rules'
import type { Account } from '@shared/types'
import type { DomainEvent } from '../../main/store'

export function plainAccount(id: string, now: Date, homeNodeId = 'n_test'): Account {
  return {
    id,
    handle: id.slice(2),
    displayName: id,
    birthDate: '1990-01-01',
    phone: null,
    region: 'US',
    kind: 'personal',
    verified: false,
    bio: '',
    topics: [],
    stats: { followers: 0, following: 0, likes: 0, engagementRate: 0 },
    homeNodeId,
    createdAt: now.toISOString(),
  }
}

/** `account.created` events for these ids, with default settings. */
export function accountEvents(ids: readonly string[], now: Date): DomainEvent[] {
  return ids.map((id) => ({ type: 'account.created', account: plainAccount(id, now), settings: defaultSettings(plainAccount(id, now), now) }))
}
