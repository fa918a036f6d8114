// Directory filters (docs/PRODUCT.md 7) become the node's query: empty fields left out, numbers
// from number inputs (which Vue hands over as numbers) kept, verified as "true".
import { describe, expect, it } from 'vitest'
import { emptyFilters, toQuery, useDirectoryStore } from '../../renderer/src/stores/directory'
import { FakeNode, account, connect } from './support/fakeNode'

describe('directory filters', () => {
  it('sends only what is filled in', () => {
    expect(toQuery(emptyFilters(), 30, 0)).toEqual({ limit: 30, offset: 0 })
    const f = {
      ...emptyFilters(),
      q: ' luna ',
      topic: 'Fitness',
      region: 'de',
      minFollowers: 10000,
      maxFollowers: '',
      minEngagement: '2.5',
      kind: 'business' as const,
      verifiedOnly: true,
    }
    expect(toQuery(f, 30, 60)).toEqual({
      limit: 30,
      offset: 60,
      q: 'luna',
      topic: 'fitness',
      region: 'DE',
      minFollowers: 10000,
      minEngagement: 2.5,
      kind: 'business',
      verified: 'true',
    })
  })

  it('searches, then appends the next page', async () => {
    const node = new FakeNode().on('GET', '/directory', (c: { query: URLSearchParams }) => ({
      accounts: [account(`a_${c.query.get('offset')}`, `p${c.query.get('offset')}`)],
      total: 2,
    }))
    connect(node)
    const d = useDirectoryStore()
    d.filters.topic = 'tech'
    await d.search()
    await d.loadMore()
    expect(d.results.map((a) => a.id)).toEqual(['a_0', 'a_1'])
    expect(node.calls.map((c) => c.query.get('topic'))).toEqual(['tech', 'tech'])
    await d.loadMore()
    expect(node.calls).toHaveLength(2)
  })
})
