// Accounts, settings, follows, blocks, relations, node identity and browser sessions, over a
// real port (docs/API.md "Routes" and the extra ones the panes use).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from '@shared/api'
import { defaultSettings } from '@shared/rules'
import type { Account } from '@shared/types'
import type { TestNode } from './support'
import { api, bornYearsAgo, expectSentence, pair, refused, startTestNode, TestClock, TOKEN, uniqueHandle } from './support'

let t: TestNode
let clock: TestClock
beforeAll(async () => {
  // A driven clock (fixed at noon UTC) so ages never flip at midnight during a run.
  clock = new TestClock()
  t = await startTestNode({ clock })
})
afterAll(async () => {
  await t.stop()
})

describe('health and node identity', () => {
  it('GET /health answers without a token, naming the node and its storage state', async () => {
    const res = await api(t.url, 'GET', '/api/v1/health', { token: null })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ ok: true, node: { id: t.node.nodeId, name: expect.any(String) }, storage: { state: 'ok', since: null, message: null } })
  })

  it('GET /node gives id, name and a lastSeq that grows with every write', async () => {
    const before = (await t.client.node()).node
    expect(before).toEqual({ id: t.node.nodeId, name: t.node.name, lastSeq: expect.any(Number) })
    await t.account()
    const after = (await t.client.node()).node
    expect(after.lastSeq).toBe(before.lastSeq + 1)
  })
})

describe('POST /accounts (R1)', () => {
  it('creates an account: 201 with the public shape and, for a local account, birth date and phone', async () => {
    const handle = uniqueHandle('Mixed.Case')
    const { account } = await t.client.createAccount({
      handle: `  ${handle.toUpperCase()} `,
      displayName: 'Ada Lovelace',
      birthDate: '1990-12-10',
      phone: '+442071838750',
      region: 'gb',
      kind: 'personal',
      bio: 'Engines.',
      topics: ['Math', 'poetry'],
    })
    expect(account).toMatchObject({
      handle: handle.toLowerCase(),
      displayName: 'Ada Lovelace',
      kind: 'personal',
      verified: false,
      region: 'GB',
      local: true,
      birthDate: '1990-12-10',
      phone: '+442071838750',
      bio: 'Engines.',
      topics: ['math', 'poetry'],
      homeNodeId: t.node.nodeId,
    })
    expect(account.id).toMatch(/^\S+$/)
    // Stored: it reads back by id and by @handle in any case.
    expect((await t.client.getAccount(account.id)).account).toEqual(account)
    expect((await t.client.getAccount(`@${handle.toUpperCase()}`)).account.id).toBe(account.id)
  })

  it('R1 a personal account is never verified; a verified business keeps its badge', async () => {
    const personal = await t.account({ kind: 'personal', verified: true })
    const business = await t.account({ kind: 'business', verified: true })
    expect(personal.verified).toBe(false)
    expect(business).toMatchObject({ kind: 'business', verified: true })
  })

  it('R1 HANDLE_TAKEN: `ALICE` when `alice` exists is 409, and nothing is stored', async () => {
    const handle = uniqueHandle('alice')
    const first = await t.account({ handle })
    const count = (await t.client.listAccounts()).accounts.length
    const err = await refused(t.account({ handle: handle.toUpperCase() }), 409, 'HANDLE_TAKEN')
    expect(err.field).toBe('handle')
    await refused(t.account({ handle: ` ${handle} ` }), 409, 'HANDLE_TAKEN')
    expect((await t.client.listAccounts()).accounts.length).toBe(count)
    expect((await t.client.getAccount(`@${handle}`)).account).toEqual(first)
  })

  it.each([
    ['handle', { handle: 'a' }],
    ['handle', { handle: 'x'.repeat(25) }],
    ['handle', { handle: 'no-dashes' }],
    ['handle', { handle: 'émile' }],
    ['birthDate', { birthDate: '1990-02-30' }],
    ['birthDate', { birthDate: '17/05/1990' }],
    ['birthDate', { birthDate: '2999-01-01' }],
    ['birthDate', { birthDate: '1850-01-01' }],
    ['phone', { phone: '0041 79 123 45 67' }],
    ['region', { region: 'ZZ' }],
    ['kind', { kind: 'creator' }],
    ['displayName', { displayName: '   ' }],
  ])('R1 400 INVALID_INPUT naming %s for %j', async (field, patch) => {
    const err = await refused(t.account(patch as never), 400, 'INVALID_INPUT')
    expect(err.field).toBe(field)
  })
})

describe('GET /accounts and /accounts/{account}', () => {
  it('lists the accounts homed here; ?all=true adds nothing when no directory profiles are hosted', async () => {
    const a = await t.account()
    const { accounts } = await t.client.listAccounts()
    expect(accounts.map((x) => x.id)).toContain(a.id)
    expect(accounts.every((x) => x.local)).toBe(true)
    expect((await t.client.listAccounts(true)).accounts.map((x) => x.id).sort()).toEqual(accounts.map((x) => x.id).sort())
  })

  it('404 NOT_FOUND for an unknown id or handle', async () => {
    await refused(t.client.getAccount('a_nobody'), 404, 'NOT_FOUND')
    await refused(t.client.getAccount('@nobody_here'), 404, 'NOT_FOUND')
    await refused(t.client.getSettings('a_nobody'), 404, 'NOT_FOUND')
  })

  it('an account homed on another node is shown without private fields, and commands for it are 409 NOT_HOME', async () => {
    const now = clock.peek()
    const foreign: Account = {
      id: `a_far_${uniqueHandle('x')}`,
      handle: uniqueHandle('far'),
      displayName: 'Far Away',
      birthDate: '1980-01-01',
      phone: '+14155550999',
      region: 'US',
      kind: 'personal',
      verified: false,
      bio: '',
      topics: [],
      stats: { followers: 0, following: 0, likes: 0, engagementRate: 0 },
      homeNodeId: 'n_elsewhere',
      createdAt: now.toISOString(),
    }
    await t.node.store.importEvents([
      {
        type: 'account.created',
        account: foreign,
        settings: defaultSettings(foreign, now),
        id: `n_elsewhere:${foreign.id}`,
        origin: 'n_elsewhere',
        at: now.toISOString(),
      },
    ]).durable
    const { account } = await t.client.getAccount(foreign.id)
    expect(account).toMatchObject({ id: foreign.id, local: false })
    expect(account).not.toHaveProperty('birthDate')
    expect(account).not.toHaveProperty('phone')
    expect((await t.client.listAccounts()).accounts.map((a) => a.id)).not.toContain(foreign.id)
    await refused(t.client.patchSettings(foreign.id, { readReceipts: false }), 409, 'NOT_HOME')
    await refused(t.client.updateProfile(foreign.id, { bio: 'hi' }), 409, 'NOT_HOME')
    await refused(t.client.send(foreign.id, { to: (await t.account()).id, text: 'x', clientId: 'nh1' }), 409, 'NOT_HOME')
  })
})

describe('PATCH /accounts/{account} (profile)', () => {
  it('updates display name, bio, topics and phone, and they read back', async () => {
    const a = await t.account()
    const { account } = await t.client.updateProfile(a.id, { displayName: 'Renamed', bio: 'New bio', topics: ['Travel'], phone: '+4915123456789' })
    expect(account).toMatchObject({ displayName: 'Renamed', bio: 'New bio', topics: ['travel'], phone: '+4915123456789' })
    expect((await t.client.getAccount(a.id)).account).toMatchObject({ displayName: 'Renamed', bio: 'New bio', topics: ['travel'], phone: '+4915123456789' })
  })

  it('R3 removing the phone makes the next send PHONE_REQUIRED', async () => {
    const [a, b] = await pair(t)
    await t.client.updateProfile(a.id, { phone: null })
    await refused(t.client.send(a.id, { to: b.id, text: 'hi', clientId: 'nophone' }), 403, 'PHONE_REQUIRED')
  })

  it('refuses unknown fields (naming them), a bad phone, and an unknown account; the profile is unchanged', async () => {
    const a = await t.account({ displayName: 'Keep Me' })
    const unknown = await refused(t.client.updateProfile(a.id, { handle: 'newhandle' } as never), 400, 'INVALID_INPUT')
    expect(unknown.message).toContain('handle')
    const stats = await refused(t.client.updateProfile(a.id, { stats: { followers: 1e9 } } as never), 400, 'INVALID_INPUT')
    expect(stats.message).toContain('stats')
    expect((await refused(t.client.updateProfile(a.id, { phone: '12345' }), 400, 'INVALID_INPUT')).field).toBe('phone')
    await refused(t.client.updateProfile('a_nobody', { bio: 'x' }), 404, 'NOT_FOUND')
    expect((await t.client.getAccount(a.id)).account).toEqual(a)
  })
})

describe('settings (R4, R5, R15)', () => {
  it('R4 R15 defaults: an adult outside the EU gets followers and receipts on', async () => {
    const a = await t.account({ region: 'US' })
    expect((await t.client.getSettings(a.id)).settings).toMatchObject({ whoCanMessageMe: 'followers', readReceipts: true })
  })

  it('R4 a 16-17 year old defaults to nobody and cannot choose everyone (403 SETTING_NOT_ALLOWED)', async () => {
    const teen = await t.account({ birthDate: bornYearsAgo(17, clock.peek()) })
    expect((await t.client.getSettings(teen.id)).settings.whoCanMessageMe).toBe('nobody')
    await refused(t.client.patchSettings(teen.id, { whoCanMessageMe: 'everyone' }), 403, 'SETTING_NOT_ALLOWED')
    expect((await t.client.getSettings(teen.id)).settings.whoCanMessageMe).toBe('nobody')
    // The other options stay open to them.
    expect((await t.client.patchSettings(teen.id, { whoCanMessageMe: 'mutual' })).settings.whoCanMessageMe).toBe('mutual')
    expect((await t.client.getSettings(teen.id)).settings.whoCanMessageMe).toBe('mutual')
  })

  it('R4 an under-16 account defaults to nobody too', async () => {
    const kid = await t.account({ birthDate: bornYearsAgo(14, clock.peek()) })
    expect((await t.client.getSettings(kid.id)).settings.whoCanMessageMe).toBe('nobody')
  })

  it('R15 an EU/EEA account has receipts off and cannot turn them on (403 SETTING_NOT_ALLOWED)', async () => {
    for (const region of ['DE', 'FR', 'NO']) {
      const eu = await t.account({ region })
      expect((await t.client.getSettings(eu.id)).settings.readReceipts).toBe(false)
      await refused(t.client.patchSettings(eu.id, { readReceipts: true }), 403, 'SETTING_NOT_ALLOWED')
      expect((await t.client.getSettings(eu.id)).settings.readReceipts).toBe(false)
    }
  })

  it('R5 every setting value an adult may choose is stored; notification settings merge', async () => {
    const a = await t.account()
    for (const value of ['everyone', 'mutual', 'nobody', 'followers'] as const) {
      expect((await t.client.patchSettings(a.id, { whoCanMessageMe: value })).settings.whoCanMessageMe).toBe(value)
      expect((await t.client.getSettings(a.id)).settings.whoCanMessageMe).toBe(value)
    }
    const { settings } = await t.client.patchSettings(a.id, { readReceipts: false, notifications: { showPreview: false } })
    expect(settings).toMatchObject({ readReceipts: false, notifications: { enabled: true, showPreview: false } })
    expect((await t.client.getSettings(a.id)).settings).toEqual(settings)
  })

  it('400 for an unknown setting value or field, and nothing changes', async () => {
    const a = await t.account()
    const before = (await t.client.getSettings(a.id)).settings
    expect((await refused(t.client.patchSettings(a.id, { whoCanMessageMe: 'all' as never }), 400, 'INVALID_INPUT')).field).toBe('whoCanMessageMe')
    expect((await refused(t.client.patchSettings(a.id, { theme: 'dark' } as never), 400, 'INVALID_INPUT')).message).toContain('theme')
    expect((await t.client.getSettings(a.id)).settings).toEqual(before)
  })
})

describe('follows and blocks (R6, R11)', () => {
  it('follow, list, count and unfollow; following twice is a no-op', async () => {
    const a = await t.account()
    const b = await t.account()
    expect(await t.client.follow(a.id, `@${b.handle}`)).toEqual({ following: true })
    expect(await t.client.follow(a.id, b.id)).toEqual({ following: true })
    expect((await t.client.listFollows(a.id)).accounts.map((x) => x.id)).toEqual([b.id])
    expect((await t.client.getAccount(b.id)).account.stats.followers).toBe(1)
    expect((await t.client.getAccount(a.id)).account.stats.following).toBe(1)
    expect(await t.client.unfollow(a.id, b.id)).toEqual({ following: false })
    expect((await t.client.listFollows(a.id)).accounts).toEqual([])
    expect((await t.client.getAccount(b.id)).account.stats.followers).toBe(0)
  })

  it('refuses following oneself (400) and unknown accounts (404)', async () => {
    const a = await t.account()
    expect((await refused(t.client.follow(a.id, a.id), 400, 'INVALID_INPUT')).field).toBe('target')
    await refused(t.client.follow(a.id, 'a_nobody'), 404, 'NOT_FOUND')
    await refused(t.client.follow('a_nobody', a.id), 404, 'NOT_FOUND')
    await refused(t.client.unfollow(a.id, 'a_nobody'), 404, 'NOT_FOUND')
  })

  it('R11 a block removes follows both ways, is listed, and neither side can follow the other (403 BLOCKED)', async () => {
    const a = await t.account()
    const b = await t.account()
    await t.client.follow(a.id, b.id)
    await t.client.follow(b.id, a.id)
    expect(await t.client.block(b.id, a.id)).toEqual({ blocked: true })
    expect(await t.client.block(b.id, a.id)).toEqual({ blocked: true })
    expect((await t.client.listBlocks(b.id)).accounts.map((x) => x.id)).toEqual([a.id])
    expect((await t.client.listBlocks(a.id)).accounts).toEqual([])
    expect((await t.client.listFollows(a.id)).accounts).toEqual([])
    expect((await t.client.listFollows(b.id)).accounts).toEqual([])
    await refused(t.client.follow(a.id, b.id), 403, 'BLOCKED')
    await refused(t.client.follow(b.id, a.id), 403, 'BLOCKED')
    expect((await t.client.listFollows(a.id)).accounts).toEqual([])
  })

  it('R11 unblock does not restore follows, but following is possible again', async () => {
    const a = await t.account()
    const b = await t.account()
    await t.client.follow(a.id, b.id)
    await t.client.block(b.id, a.id)
    expect(await t.client.unblock(b.id, a.id)).toEqual({ blocked: false })
    expect((await t.client.listBlocks(b.id)).accounts).toEqual([])
    expect((await t.client.listFollows(a.id)).accounts).toEqual([])
    await t.client.follow(a.id, b.id)
    expect((await t.client.listFollows(a.id)).accounts.map((x) => x.id)).toEqual([b.id])
    expect(await t.client.unblock(b.id, a.id)).toEqual({ blocked: false })
  })
})

describe('GET /accounts/{a}/relations/{target}', () => {
  it('R6 R9 R11 shows follow and block state and how a send would go now and after following', async () => {
    const a = await t.account()
    const b = await t.account()
    let { relation } = await t.client.relation(a.id, b.id)
    expect(relation).toMatchObject({ following: false, followedBy: false, blocking: false, blockedBy: false, conversationId: null })
    expect(relation.preview).toMatchObject({ ok: false, code: 'NOT_FOLLOWING' })
    expect(relation.previewIfFollowing).toEqual({ ok: true, delivery: 'direct' })

    await t.client.follow(a.id, b.id)
    await t.client.follow(b.id, a.id)
    ;({ relation } = await t.client.relation(a.id, `@${b.handle}`))
    expect(relation).toMatchObject({ following: true, followedBy: true, preview: { ok: true, delivery: 'direct' }, previewIfFollowing: null })

    const sent = await t.client.send(a.id, { to: b.id, text: 'hi', clientId: 'rel-1' })
    expect((await t.client.relation(a.id, b.id)).relation.conversationId).toBe(sent.conversationId)

    await t.client.block(b.id, a.id)
    ;({ relation } = await t.client.relation(a.id, b.id))
    expect(relation).toMatchObject({ following: false, followedBy: false, blocking: false, blockedBy: true, previewIfFollowing: null })
    expect(relation.preview).toMatchObject({ ok: false, code: 'BLOCKED' })
    expect((await t.client.relation(b.id, a.id)).relation.blocking).toBe(true)
  })

  it('R7 previews a request to an account open to everyone', async () => {
    const a = await t.account()
    const b = await t.account()
    await t.client.patchSettings(b.id, { whoCanMessageMe: 'everyone' })
    expect((await t.client.relation(a.id, b.id)).relation.preview).toEqual({ ok: true, delivery: 'request' })
  })

  it('404 for an unknown target or account', async () => {
    const a = await t.account()
    await refused(t.client.relation(a.id, 'a_nobody'), 404, 'NOT_FOUND')
    await refused(t.client.relation('a_nobody', a.id), 404, 'NOT_FOUND')
  })
})

describe('POST /session (browser sign-in)', () => {
  it('trades a one-time code for a session token that works; the code then fails', async () => {
    const code = t.node.sessions.issueLoginCode()
    const anon = createClient({ baseUrl: t.url })
    const { token } = await anon.exchangeSession(code)
    expect(token).not.toBe(TOKEN)
    const session = createClient({ baseUrl: t.url, token })
    const a = await session.createAccount({ handle: uniqueHandle('sess'), displayName: 'Via Session', birthDate: '1990-01-01', region: 'US', kind: 'personal' })
    expect((await session.listAccounts()).accounts.map((x) => x.id)).toContain(a.account.id)
    const again = await refused(anon.exchangeSession(code), 400, 'INVALID_CODE')
    expectSentence(again.message)
    // The session survives the failed reuse.
    expect((await session.node()).node.id).toBe(t.node.nodeId)
  })

  it('refuses a made-up code and an empty one', async () => {
    const anon = createClient({ baseUrl: t.url })
    await refused(anon.exchangeSession('not-a-real-code'), 400, 'INVALID_CODE')
    await refused(anon.exchangeSession(''), 400, 'INVALID_INPUT')
    const res = await api(t.url, 'POST', '/api/v1/session', {
      token: null,
      body: JSON.stringify({ code: 'x', token: TOKEN }),
      headers: { 'Content-Type': 'application/json' },
    })
    expect(res.status).toBe(400)
    expect(res.body.error?.code).toBe('INVALID_INPUT')
  })
})
