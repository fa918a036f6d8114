// Directory search for the compose and profile panes (docs/PRODUCT.md 7).
import type { DirectoryQuery } from '@shared/schemas'
import type { PublicAccount } from '@shared/types'
import type { StoreState } from './state'
import { toPublic } from './queries'

export function searchDirectory(state: StoreState, query: DirectoryQuery): { accounts: PublicAccount[]; total: number } {
  const q = query.q?.trim().toLowerCase().replace(/^@/, '') ?? ''
  const topic = query.topic?.trim().toLowerCase()
  const region = query.region?.toUpperCase()
  const matches: PublicAccount[] = []
  for (const account of state.accounts.values()) {
    if (query.kind && account.kind !== query.kind) {
      continue
    }
    if (query.verified && account.verified !== (query.verified === 'true')) {
      continue
    }
    if (region && account.region !== region) {
      continue
    }
    if (topic && !account.topics.includes(topic)) {
      continue
    }
    if (q && !account.handle.includes(q) && !account.displayName.toLowerCase().includes(q) && !account.bio.toLowerCase().includes(q)) {
      continue
    }
    const view = toPublic(state, account)
    const { followers, engagementRate } = view.stats
    if (query.minFollowers !== undefined && followers < query.minFollowers) {
      continue
    }
    if (query.maxFollowers !== undefined && followers > query.maxFollowers) {
      continue
    }
    if (query.minEngagement !== undefined && engagementRate < query.minEngagement) {
      continue
    }
    if (query.maxEngagement !== undefined && engagementRate > query.maxEngagement) {
      continue
    }
    matches.push(view)
  }
  // Exact handle first, then the most followed: what a person searching expects to see.
  matches.sort((a, b) => Number(b.handle === q) - Number(a.handle === q) || b.stats.followers - a.stats.followers || (a.handle < b.handle ? -1 : 1))
  const offset = query.offset ?? 0
  return { accounts: matches.slice(offset, offset + (query.limit ?? 50)), total: matches.length }
}
