// The demo world of lab node 2, 3, ... (`npm run lab`, scripts/lab/): a brand, a friend and a
// newcomer of its own, with ids and handles no other lab node uses. Lab node 1 seeds the
// usual demo world (main/node/demo.ts), whose creators every node then learns by sync: the
// shared creators the brands reach out to.
import { defaultSettings } from '@shared/rules'
import type { Account } from '@shared/types'
import type { DomainEvent, Store } from '../store'

const BRANDS = ['lumen.agency', 'harbor.media', 'atlas.brands', 'pixel.partners', 'cobalt.crew', 'maple.collective', 'orbit.studio', 'tide.social']
const FRIENDS = ['sam', 'alex', 'robin', 'jules', 'kim', 'noor', 'eli', 'ari']
const cap = (s: string) => s[0].toUpperCase() + s.slice(1)

export function labWorldEvents(nodeId: string, index: number, now: Date): DomainEvent[] {
  const slot = (index - 2) % BRANDS.length
  const brand = BRANDS[slot]
  const friend = FRIENDS[slot]
  const stats = (followers: number) => ({ followers, following: 120, likes: followers * 9, engagementRate: 4.2 })
  const make = (a: Omit<Account, 'homeNodeId' | 'createdAt' | 'region' | 'verified' | 'topics' | 'bio'> & Partial<Account>): Account => ({
    region: 'US',
    verified: false,
    topics: ['marketing'],
    bio: '',
    ...a,
    homeNodeId: nodeId,
    createdAt: new Date(now.getTime() - 90 * 86_400_000).toISOString(),
  })
  const accounts = [
    make({ id: `a_lab${index}_brand`, handle: brand, displayName: brand.split('.').map(cap).join(' '), birthDate: '1985-03-03', phone: '+14155550300', kind: 'business', verified: true, bio: 'Agency on a lab node.', stats: stats(12_000 * index) }),
    make({ id: `a_lab${index}_friend`, handle: `${friend}.lab${index}`, displayName: `${cap(friend)} (lab ${index})`, birthDate: '1994-06-06', phone: '+14155550301', kind: 'personal', topics: ['travel'], bio: 'Chats with friends on other nodes.', stats: stats(800) }),
    make({ id: `a_lab${index}_newbie`, handle: `new.${friend}${index}`, displayName: `New ${cap(friend)}`, birthDate: '1999-09-09', phone: '+14155550302', kind: 'personal', topics: ['music'], bio: 'Just joined.', stats: stats(40) }),
  ]
  const events: DomainEvent[] = accounts.map((account) => ({ type: 'account.created', account, settings: defaultSettings(account, now) }))
  // Brands and friends take first messages from anyone, as requests (R7): strangers can reach them.
  for (const a of accounts.slice(0, 2)) {
    events.push({ type: 'settings.updated', accountId: a.id, settings: { ...defaultSettings(a, now), whoCanMessageMe: 'everyone' } })
  }
  return events
}

/** Seeds lab node `index` (2 or more) into an empty store; a store that holds data is never touched. */
export async function seedLabWorld(store: Store, index: number): Promise<boolean> {
  if (store.lastSeq > 0) {
    return false
  }
  await store.commit(labWorldEvents(store.nodeId, index, store.clock())).durable
  return true
}
