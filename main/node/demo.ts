// `--demo`: a believable world for a first start (docs/PRODUCT.md): three signed-in accounts
// (a verified business, an EU personal account, a 17-year-old), 200+ creators with topics
// and stats, follows, conversations and a pending request. Deterministic, so screenshots
// and tests see the same world every time.
import { defaultSettings } from '@shared/rules'
import type { Account } from '@shared/types'
import type { DomainEvent, StoredMessage } from '../store'
import { conversationIdFor } from '../store'
import type { Store } from '../store'

const FIRST = ['ava', 'noah', 'mia', 'liam', 'zoe', 'leo', 'ivy', 'max', 'nora', 'finn', 'luna', 'omar', 'sara', 'theo', 'yuki', 'ines', 'kofi', 'priya', 'mateo', 'elif', 'jonas', 'amara', 'diego', 'hana']
const TOPICS = ['fitness', 'cooking', 'travel', 'tech', 'gaming', 'beauty', 'fashion', 'music', 'dance', 'comedy', 'education', 'finance', 'pets', 'diy', 'books', 'art', 'photography', 'sports']
const STYLES = ['daily', 'studio', 'with', 'lab', 'club', 'journal', 'kitchen', 'world', 'hq', 'life']
const REGIONS = ['US', 'US', 'US', 'GB', 'CA', 'DE', 'FR', 'ES', 'IT', 'BR', 'MX', 'IN', 'JP', 'KR', 'AU', 'NG', 'ZA', 'SE', 'NL', 'PL']
const BIOS = [
  'Short videos about {topic}. New posts every week.',
  '{Topic} for busy people. Collabs: DM me.',
  'Making {topic} fun since 2019.',
  'Your friendly {topic} nerd. Opinions are my own.',
  'Honest {topic} reviews, no sponsors hidden.',
]

/** Mulberry32: a tiny seeded PRNG, so the demo world is the same on every machine. */
function prng(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const cap = (s: string) => s[0].toUpperCase() + s.slice(1)

export const DEMO_HANDLES = { business: 'northwind.studio', eu: 'lena.berlin', teen: 'kai.sk8' } as const

export function demoEvents(nodeId: string, now: Date, count = 220): DomainEvent[] {
  const rand = prng(20261125)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]
  const iso = (msAgo: number) => new Date(now.getTime() - msAgo).toISOString()
  const year = now.getUTCFullYear()
  const events: DomainEvent[] = []
  const accounts: Account[] = []
  const add = (a: Omit<Account, 'homeNodeId' | 'createdAt'>, createdMsAgo: number) => {
    const account: Account = { ...a, homeNodeId: nodeId, createdAt: iso(createdMsAgo) }
    accounts.push(account)
    events.push({ type: 'account.created', account, settings: defaultSettings(account, now) })
    return account
  }
  const DAY = 86_400_000
  const business = add({ id: 'a_demo_business', handle: DEMO_HANDLES.business, displayName: 'Northwind Studio', birthDate: '1988-04-12', phone: '+14155550101', region: 'US', kind: 'business', verified: true, bio: 'Creative agency. We partner with creators on fitness, travel and tech.', topics: ['marketing', 'fitness', 'travel'], stats: { followers: 48_200, following: 310, likes: 920_000, engagementRate: 3.1 } }, 400 * DAY)
  const eu = add({ id: 'a_demo_lena', handle: DEMO_HANDLES.eu, displayName: 'Lena Vogel', birthDate: '1996-09-30', phone: '+4915123456789', region: 'DE', kind: 'personal', verified: false, bio: 'Berlin. Coffee, film photography, long walks.', topics: ['photography', 'travel'], stats: { followers: 1_240, following: 380, likes: 15_400, engagementRate: 5.6 } }, 300 * DAY)
  const teen = add({ id: 'a_demo_kai', handle: DEMO_HANDLES.teen, displayName: 'Kai', birthDate: `${year - 17}-01-15`, phone: '+14155550177', region: 'US', kind: 'personal', verified: false, bio: 'skate clips and bad jokes', topics: ['sports', 'comedy'], stats: { followers: 410, following: 220, likes: 3_900, engagementRate: 7.2 } }, 200 * DAY)
  const locals = [business, eu, teen]
  // A business wants inbound leads: open to everyone, so strangers' first messages are requests.
  events.push({ type: 'settings.updated', accountId: business.id, settings: { ...defaultSettings(business, now), whoCanMessageMe: 'everyone' } })

  const creators: Account[] = []
  const taken = new Set<string>(locals.map((a) => a.handle))
  for (let i = 0; creators.length < count; i++) {
    const topic = pick(TOPICS)
    const first = pick(FIRST)
    let handle = `${first}.${rand() < 0.5 ? topic : pick(STYLES)}`
    if (taken.has(handle)) {
      handle = `${handle}${i}`
    }
    taken.add(handle)
    const followers = Math.round(Math.exp(7 + rand() * 8)) // ~1k to ~3M, long-tailed like real audiences
    const isBusiness = rand() < 0.12
    const creator = add(
      {
        id: `a_demo_c${String(i).padStart(3, '0')}`,
        handle,
        displayName: `${cap(first)} ${rand() < 0.5 ? cap(topic) : cap(pick(STYLES))}`,
        birthDate: `${1975 + Math.floor(rand() * 30)}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`,
        phone: `+1555${String(1_000_000 + i).slice(1)}`,
        region: pick(REGIONS),
        kind: isBusiness ? 'business' : 'personal',
        verified: isBusiness && rand() < 0.6,
        bio: pick(BIOS).replace('{topic}', topic).replace('{Topic}', cap(topic)),
        topics: [...new Set([topic, pick(TOPICS)])],
        stats: { followers, following: Math.round(50 + rand() * 900), likes: Math.round(followers * (5 + rand() * 30)), engagementRate: Math.round((0.5 + rand() * 14) * 10) / 10 },
        directoryOnly: true,
      },
      Math.floor(rand() * 700) * DAY,
    )
    creators.push(creator)
  }
  // Creators are open to everyone, so a first message to them arrives as a request (R7).
  for (const c of creators) {
    if (rand() < 0.7) {
      events.push({ type: 'settings.updated', accountId: c.id, settings: { ...defaultSettings(c, now), whoCanMessageMe: 'everyone' } })
    }
  }
  const follow = (from: Account, to: Account) => events.push({ type: 'follow.added', from: from.id, to: to.id })
  creators.slice(0, 12).forEach((c) => follow(business, c))
  creators.slice(12, 20).forEach((c) => follow(eu, c))
  creators.slice(20, 24).forEach((c) => follow(teen, c))
  creators.slice(0, 4).forEach((c) => follow(c, business))
  follow(creators[12], eu)
  follow(eu, business)
  follow(business, eu)
  for (let i = 0; i < 60; i++) {
    follow(creators[i + 30], creators[(i * 7) % creators.length])
  }

  let n = 0
  const say = (from: Account, to: Account, text: string, minutesAgo: number, delivery: 'direct' | 'request' = 'direct', newConversation = false) => {
    const message: StoredMessage = { id: `m_demo_${String(n).padStart(4, '0')}`, conversationId: conversationIdFor(from.id, to.id), from: from.id, to: to.id, text, sentAt: iso(minutesAgo * 60_000), clientId: `demo-${n++}`, delivery }
    events.push({ type: 'message.sent', conversationId: message.conversationId, message, newConversation, acceptsRequest: false })
    return message
  }
  const [c0, c1, c2] = creators
  say(business, c0, `Hi ${c0.displayName}! We loved your last video. Open to a paid collab next month?`, 2900, 'direct', true)
  say(c0, business, 'Thanks! Yes, send me the brief and your budget range.', 2850)
  say(business, c0, 'Brief attached in the email we just sent. Budget is flexible for the right fit.', 2800)
  say(c0, business, 'Got it, reading now. I will come back to you tomorrow.', 35)
  say(business, c1, 'Hey! Quick question about your audience demographics, do you have a media kit?', 1500, 'direct', true)
  say(c1, business, 'Sure, here is the summary: 62% 18-24, mostly US and UK.', 1400)
  say(business, eu, 'Lena, are you free for the photo walk on Saturday?', 600, 'direct', true)
  say(eu, business, 'Yes! Meet at Alexanderplatz at 10?', 560)
  say(creators[12], eu, 'Your film photos from Lisbon are gorgeous. Which camera?', 240, 'direct', true)
  // A pending request: a creator who does not follow writes to the business account (R7).
  say(c2, business, `Hello Northwind! I make ${c2.topics[0]} videos and would love to work with you.`, 90, 'request', true)
  return events
}

/** Seeds the demo world into an empty store; a store that holds data is never touched. */
export async function seedDemo(store: Store): Promise<boolean> {
  if (store.lastSeq > 0) {
    return false
  }
  await store.commit(demoEvents(store.nodeId, store.clock())).durable
  return true
}
