// Integration-test support: a real node (real store in a temp folder, real HTTP port) started
// in-process with a fixed token, an optional hand-driven clock, and the typed client.
import { mkdtemp, rm } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'
import { ApiError, createClient } from '@shared/api'
import type { CreateAccountBody, EnvelopeClient } from '@shared/api'
import { DEFAULT_POLICY } from '@shared/policy'
import type { Policy } from '@shared/policy'
import type { AccountView } from '@shared/types'
import { silentLogger } from '../../main/lib/logger'
import { startNode } from '../../main/node/start'
import type { RunningNode } from '../../main/node/start'
import type { FileOps } from '../../main/store/log'

export const TOKEN = 'test-token.Envelope-0123456789'
export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR
export const ADULT = '1990-05-17'

/**
 * A clock the test drives. Every reading moves it on by 1 ms, so two sends never share a
 * timestamp (the message order is by time, ties broken by a random id).
 */
export class TestClock {
  private t: number
  constructor(start: string | Date = '2026-03-10T12:00:00.000Z') {
    this.t = new Date(start).getTime()
  }
  readonly now = (): Date => new Date(this.t++)
  peek(): Date {
    return new Date(this.t)
  }
  advance(ms: number): void {
    this.t += ms
  }
  set(at: string | Date): void {
    const next = new Date(at).getTime()
    if (next < this.t) {
      throw new Error('TestClock only moves forward')
    }
    this.t = next
  }
}

export interface PolicyOverrides {
  personal?: Partial<Policy['caps']['personal']>
  verifiedBusiness?: Partial<Policy['caps']['verifiedBusiness']>
}

export function policyWith(overrides: PolicyOverrides): Policy {
  return {
    ...DEFAULT_POLICY,
    caps: {
      personal: { ...DEFAULT_POLICY.caps.personal, ...overrides.personal },
      verifiedBusiness: { ...DEFAULT_POLICY.caps.verifiedBusiness, ...overrides.verifiedBusiness },
    },
  }
}

export interface TestNodeOptions {
  clock?: TestClock
  policy?: Policy
  demo?: boolean
  /** Reuse a folder (restart tests); otherwise a fresh temp folder, removed by stop(). */
  dataDir?: string
  /** The campaign scheduler's own tick; 0: only when the test calls node.outreach.tick(). */
  schedulerTickMs?: number
  /** The store's file steps (disk-fault tests wrap the real ones). */
  files?: FileOps
  /** How often the store checks a faulted disk again, ms. */
  storageProbeMs?: number
}

export interface TestNode {
  node: RunningNode
  url: string
  dataDir: string
  client: EnvelopeClient
  clock?: TestClock
  /** Creates an adult US personal account with a phone, open to followers, unless told otherwise. */
  account(overrides?: Partial<CreateAccountBody>): Promise<AccountView>
  /** Stops the node; removes the folder unless it was given or `keep` is set. */
  stop(keep?: boolean): Promise<void>
}

export async function tempDir(prefix = 'envelope-api-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix))
}

let handleCounter = 0
/** A handle no other test uses: 2-24 chars of a-z 0-9 . _ */
export function uniqueHandle(stem = 'u'): string {
  handleCounter += 1
  return `${stem.slice(0, 12)}_${handleCounter}_${Math.random().toString(36).slice(2, 6)}`
}

export async function startTestNode(options: TestNodeOptions = {}): Promise<TestNode> {
  const ownDir = options.dataDir === undefined
  const dataDir = options.dataDir ?? (await tempDir())
  const node = await startNode({
    dataDir,
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    logger: silentLogger,
    clock: options.clock?.now,
    policy: options.policy,
    demo: options.demo,
    schedulerTickMs: options.schedulerTickMs,
    files: options.files,
    storageProbeMs: options.storageProbeMs,
  })
  const client = createClient({ baseUrl: node.url, token: TOKEN })
  return {
    node,
    url: node.url,
    dataDir,
    client,
    clock: options.clock,
    account: async (overrides = {}) => {
      const { account } = await client.createAccount({
        handle: uniqueHandle(),
        displayName: 'Test Person',
        birthDate: ADULT,
        phone: '+14155550123',
        region: 'US',
        kind: 'personal',
        ...overrides,
      })
      return account
    },
    stop: async (keep = false) => {
      await node.stop()
      if (ownDir && !keep) {
        await rm(dataDir, { recursive: true, force: true })
      }
    },
  }
}

/** Runs `fn`, expects it to fail with an ApiError, checks status and code, and returns the error. */
export async function refused(fn: Promise<unknown>, status: number, code: string): Promise<ApiError> {
  let caught: unknown
  try {
    await fn
  } catch (error) {
    caught = error
  }
  expect(caught, `expected ${status} ${code}`).toBeInstanceOf(ApiError)
  const err = caught as ApiError
  expect({ status: err.status, code: err.code }, err.message).toEqual({ status, code })
  expectSentence(err.message)
  return err
}

/** A message meant for a person: several words ending with a full stop, free of zod's developer jargon. */
export function expectSentence(message: unknown): void {
  expect(typeof message).toBe('string')
  const text = message as string
  expect(text, 'a sentence').toMatch(/^["@A-Za-z0-9].*\S.*[.!?]$/s)
  expect(text.split(/\s+/).length, 'more than a word').toBeGreaterThanOrEqual(3)
  expect(text, 'no zod/internal jargon').not.toMatch(/Invalid input|expected \w+, received|ZodError|undefined|\[object/)
}

/** A raw request, for what fetch will not send (a foreign Host header, chunked bodies). */
export function rawRequest(
  url: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; chunked?: boolean },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string; json: () => unknown }> {
  const target = new URL(url)
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) })
        })
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    if (options.body !== undefined) {
      if (options.chunked) {
        // Several writes without a Content-Length: the body arrives chunked.
        const buf = Buffer.from(options.body)
        const step = 64 * 1024
        for (let i = 0; i < buf.length; i += step) {
          req.write(buf.subarray(i, i + step))
        }
      } else {
        req.write(options.body)
      }
    }
    req.end()
  })
}

/** fetch with the node token (or none), for shapes the typed client would not send. */
export async function api(
  url: string,
  method: string,
  path: string,
  init: { body?: string; headers?: Record<string, string>; token?: string | null } = {},
): Promise<{ status: number; body: { error?: { code: string; message: string; [k: string]: unknown }; [k: string]: unknown }; headers: Headers }> {
  const headers: Record<string, string> = { ...init.headers }
  const token = init.token === undefined ? TOKEN : init.token
  if (token !== null) {
    headers.Authorization = `Bearer ${token}`
  }
  const response = await fetch(`${url}${path}`, { method, headers, body: init.body })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : {}, headers: response.headers }
}

/** A birth date that makes someone exactly `age` on `now`'s UTC day (their birthday is today). */
export function bornYearsAgo(age: number, now: Date): string {
  const y = now.getUTCFullYear() - age
  return `${String(y).padStart(4, '0')}-${String(now.getUTCMonth() + 1).padStart(2, '0')}-${String(now.getUTCDate()).padStart(2, '0')}`
}

/** Makes `from` follow `to` and returns nothing; a test shorthand. */
export async function follow(t: TestNode, from: AccountView, to: AccountView): Promise<void> {
  await t.client.follow(from.id, to.id)
}

let clientCounter = 0
export function cid(stem = 'c'): string {
  clientCounter += 1
  return `${stem}-${clientCounter}-${Math.random().toString(36).slice(2, 8)}`
}

/** Sends `text` from one account to another with a fresh client id. */
export function send(t: TestNode, from: AccountView, to: AccountView | string, text = 'hello', clientId = cid()) {
  return t.client.send(from.id, { to: typeof to === 'string' ? to : to.id, text, clientId })
}

/** Two adults where `a` follows `b` (b admits followers): a may message b directly. */
export async function pair(t: TestNode): Promise<[AccountView, AccountView]> {
  const a = await t.account()
  const b = await t.account()
  await follow(t, a, b)
  return [a, b]
}
