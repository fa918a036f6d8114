// GET /api/v1/directory with each filter, on a node seeded with the demo world (200+
// creators with topics, follower counts and engagement rates), checked against the full list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DirectoryPage, DirectoryQueryInput } from '@shared/api'
import type { AccountView, PublicAccount } from '@shared/types'
import { DEMO_HANDLES } from '../../main/node/demo'
import type { TestNode } from './support'
import { api, startTestNode } from './support'

let t: TestNode
let everyone: AccountView[]

beforeAll(async () => {
  t = await startTestNode({ demo: true })
  everyone = (await t.client.listAccounts(true)).accounts
})
afterAll(async () => {
  await t.stop()
})

/** Every match of a query, all pages. */
async function search(query: DirectoryQueryInput): Promise<{ accounts: PublicAccount[]; total: number }> {
  const accounts: PublicAccount[] = []
  let page: DirectoryPage
  do {
    page = await t.client.directory({ ...query, limit: 200, offset: accounts.length })
    accounts.push(...page.accounts)
  } while (page.accounts.length === 200)
  expect(accounts).toHaveLength(page.total)
  return { accounts, total: page.total }
}

const handles = (list: { handle: string }[]) => list.map((a) => a.handle).sort()

describe('GET /accounts on a demo node', () => {
  it('lists the 3 signed-in accounts; ?all=true adds the 200+ directory profiles', async () => {
    const local = (await t.client.listAccounts()).accounts
    expect(handles(local)).toEqual(Object.values(DEMO_HANDLES).sort())
    expect(everyone.length).toBeGreaterThanOrEqual(203)
    expect(everyone.filter((a) => !a.directoryOnly)).toHaveLength(3)
  })
})

describe('GET /directory filters (docs/PRODUCT.md 7)', () => {
  const cases: [string, DirectoryQueryInput, (a: AccountView) => boolean][] = [
    ['q (text in handle, name or bio)', { q: 'Fitness' }, (a) => [a.handle, a.displayName.toLowerCase(), a.bio.toLowerCase()].some((s) => s.includes('fitness'))],
    ['topic', { topic: 'travel' }, (a) => a.topics.includes('travel')],
    ['region', { region: 'de' }, (a) => a.region === 'DE'],
    ['minFollowers', { minFollowers: 100_000 }, (a) => a.stats.followers >= 100_000],
    ['maxFollowers', { maxFollowers: 5_000 }, (a) => a.stats.followers <= 5_000],
    ['follower range', { minFollowers: 10_000, maxFollowers: 200_000 }, (a) => a.stats.followers >= 10_000 && a.stats.followers <= 200_000],
    ['minEngagement', { minEngagement: 10 }, (a) => a.stats.engagementRate >= 10],
    ['maxEngagement', { maxEngagement: 2 }, (a) => a.stats.engagementRate <= 2],
    ['kind=business', { kind: 'business' }, (a) => a.kind === 'business'],
    ['kind=personal', { kind: 'personal' }, (a) => a.kind === 'personal'],
    ['verified=true', { verified: 'true' }, (a) => a.verified],
    ['verified=false', { verified: 'false' }, (a) => !a.verified],
    ['combined', { kind: 'business', verified: 'true', minFollowers: 5_000, topic: 'fitness' }, (a) => a.kind === 'business' && a.verified && a.stats.followers >= 5_000 && a.topics.includes('fitness')],
  ]

  it.each(cases)('%s returns exactly the matching accounts', async (_name, query, predicate) => {
    const expected = everyone.filter(predicate)
    const { accounts, total } = await search(query)
    expect(total).toBe(expected.length)
    expect(handles(accounts)).toEqual(handles(expected))
    // Each filter must actually filter on this world, or the test would prove nothing.
    expect(expected.length).toBeGreaterThan(0)
    if (!('q' in query) || query.q !== '') {
      expect(expected.length).toBeLessThan(everyone.length)
    }
  })

  it('no filter returns everyone, most followed first; results show no private fields', async () => {
    const { accounts } = await search({})
    expect(accounts).toHaveLength(everyone.length)
    const followers = accounts.map((a) => a.stats.followers)
    expect([...followers].sort((x, y) => y - x)).toEqual(followers)
    for (const a of accounts) {
      expect(a).not.toHaveProperty('birthDate')
      expect(a).not.toHaveProperty('phone')
    }
  })

  it('an exact handle (with or without @) comes first', async () => {
    const { accounts } = await t.client.directory({ q: `@${DEMO_HANDLES.eu}` })
    expect(accounts[0].handle).toBe(DEMO_HANDLES.eu)
  })

  it('limit and offset page through the same order', async () => {
    const { accounts: all } = await search({ topic: 'music' })
    const p1 = await t.client.directory({ topic: 'music', limit: 5, offset: 0 })
    const p2 = await t.client.directory({ topic: 'music', limit: 5, offset: 5 })
    expect([...p1.accounts, ...p2.accounts].map((a) => a.id)).toEqual(all.slice(0, 10).map((a) => a.id))
    expect(p1.total).toBe(all.length)
    expect((await t.client.directory({})).accounts).toHaveLength(50)
  })

  it('live follows count in the follower filter', async () => {
    const fan = await t.account()
    const target = everyone.filter((a) => a.directoryOnly && !a.verified).sort((x, y) => x.stats.followers - y.stats.followers)[0]
    const exact = target.stats.followers
    expect(handles((await t.client.directory({ minFollowers: exact + 1, maxFollowers: exact + 1, q: target.handle })).accounts)).toEqual([])
    await t.client.follow(fan.id, target.id)
    expect(handles((await t.client.directory({ minFollowers: exact + 1, maxFollowers: exact + 1, q: target.handle })).accounts)).toContain(target.handle)
  })

  it.each([['minFollowers=-1', 'minFollowers'], ['limit=0', 'limit'], ['limit=201', 'limit'], ['kind=creator', 'kind'], ['verified=yes', 'verified'], ['minEngagement=abc', 'minEngagement'], ['sort=asc', 'query']])(
    '400 INVALID_INPUT for %s',
    async (qs, field) => {
      const res = await api(t.url, 'GET', `/api/v1/directory?${qs}`)
      expect(res.status).toBe(400)
      expect(res.body.error).toMatchObject({ code: 'INVALID_INPUT', field })
    },
  )
})
