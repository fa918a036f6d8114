// Builders for the pure-rule tests: one fixed clock, one adult sender and recipient that may
// message each other directly, and overrides for whatever a test wants to break.
import { DEFAULT_POLICY } from '@shared/policy'
import type { ConversationFacts, SendContext, SendDecision, SendHistory, SendParty } from '@shared/rules'
import type { Refusal } from '@shared/types'
import { expect } from 'vitest'

/** The fixed "now" of every rule test: Tuesday 10 March 2026, noon UTC. */
export const NOW = new Date('2026-03-10T12:00:00.000Z')
export const T = NOW.getTime()

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

/** A birth date such that the person turns exactly `age` on NOW's UTC day. */
export function bornYearsAgo(age: number, now: Date = NOW): string {
  const y = now.getUTCFullYear() - age
  const m = String(now.getUTCMonth() + 1).padStart(2, '0')
  const d = String(now.getUTCDate()).padStart(2, '0')
  return `${String(y).padStart(4, '0')}-${m}-${d}`
}

/** A birth date such that the person is `age` on NOW and turns `age + 1` tomorrow. */
export function bornOneDayShortOf(age: number, now: Date = NOW): string {
  const next = new Date(now.getTime() + DAY)
  return bornYearsAgo(age + 1, next)
}

export const ADULT_BIRTH = '1990-05-17'

export function party(overrides: Partial<SendParty> = {}): SendParty {
  return {
    id: 'alice',
    birthDate: ADULT_BIRTH,
    phone: '+14155550123',
    kind: 'personal',
    verified: false,
    region: 'US',
    whoCanMessageMe: 'followers',
    ...overrides,
  }
}

export function emptyHistory(): SendHistory {
  return { messageTimes: [], newConversationTimes: [] }
}

export interface CtxOverrides extends Partial<Omit<SendContext, 'sender' | 'recipient' | 'history'>> {
  sender?: Partial<SendParty>
  recipient?: Partial<SendParty>
  history?: Partial<SendHistory>
}

/**
 * A send from alice to bob at NOW that the rules allow directly: both adults, alice has a
 * phone and follows bob, bob admits followers, no conversation yet, no earlier sends.
 */
export function ctx(overrides: CtxOverrides = {}): SendContext {
  const { sender, recipient, history, ...rest } = overrides
  return {
    now: NOW,
    policy: DEFAULT_POLICY,
    senderFollowsRecipient: true,
    recipientFollowsSender: false,
    blocked: false,
    conversation: null,
    ...rest,
    sender: party({ id: 'alice', ...sender }),
    recipient: party({ id: 'bob', phone: '+4915112345678', region: 'DE', ...recipient }),
    history: { ...emptyHistory(), ...history },
  }
}

/** The conversation between alice (sender) and bob, as the rules see it. */
export function conv(overrides: Partial<ConversationFacts> = {}): ConversationFacts {
  return {
    status: 'open',
    starterId: 'alice',
    senderHasWritten: true,
    recipientHasWritten: false,
    declinedAt: null,
    ...overrides,
  }
}

/** `count` epoch-ms times, ascending, the last one `endAgoMs` before NOW, `stepMs` apart. */
export function times(count: number, endAgoMs: number, stepMs: number): number[] {
  const last = T - endAgoMs
  return Array.from({ length: count }, (_, i) => last - (count - 1 - i) * stepMs)
}

export function iso(ms: number): string {
  return new Date(ms).toISOString()
}

/** Asserts a refusal and narrows the type. */
export function expectRefusal(decision: SendDecision | { ok: true } | Refusal, code: Refusal['code']): Refusal {
  expect(decision.ok).toBe(false)
  const refusal = decision as Refusal
  expect(refusal.code).toBe(code)
  expect(refusal.message.length).toBeGreaterThan(10)
  return refusal
}

/** The code of a decision, or 'ok' when allowed: handy in tables. */
export function outcome(decision: SendDecision): string {
  return decision.ok ? decision.delivery : decision.code
}
