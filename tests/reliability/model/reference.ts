// The reference model of the model tests: docs/RULES.md written again, small and separately
// (it does not import shared/rules), tracked per person and per pair. It predicts a send's
// outcome and code, a setting change's acceptance, and what a viewer should see.
import type { Audience } from './actions'

export const HOUR = 3_600_000
export const DAY = 24 * HOUR
/** Small caps, so that short sequences reach them (R12, R13); both nodes run with this policy. */
export const CAPS = { messagesPerDay: 6, newConversationsPerDay: 2, newConversationsPerBurst: 1 }
export const BURST_WINDOW_MS = 10 * 60_000
export const DECLINE_COOLDOWN_MS = 30 * DAY
const EU = new Set(['FR', 'DE', 'IE'])

export type Predicted = { delivery: 'direct' | 'request' } | { code: string }

/** A conversation as the rules see it (one per unordered pair). */
type Conversation =
  | { status: 'request'; starter: number }
  | { status: 'declined'; starter: number; declinedAt: number }
  | { status: 'open'; starter: number; accepted: boolean; wrote: Set<number> }

/** Whole years from the birth date to `now`, counted in UTC (R2). */
export function ageOn(birthDate: string, now: number): number {
  const [y, m, d] = birthDate.split('-').map(Number)
  const at = new Date(now)
  const years = at.getUTCFullYear() - y
  const before = at.getUTCMonth() + 1 < m || (at.getUTCMonth() + 1 === m && at.getUTCDate() < d)
  return before ? years - 1 : years
}

export class Model {
  follows = new Set<string>()
  blocks = new Set<string>()
  audience: Audience[]
  receipts: boolean[]
  conversations = new Map<string, Conversation>()
  /** Pairs whose state the model no longer tracks (a request across a block): no channel prediction. */
  unsure = new Set<string>()
  /** Per sender: times of delivered sends, and of those that started a conversation. */
  sent: number[][]
  started: number[][]
  /** "viewer>other": muted until (ms; Infinity: until unmuted). */
  muted = new Map<string, number>()

  /** Each person's birth date and region, and the time the accounts were created. */
  constructor(
    readonly people: { birthDate: string; region: string }[],
    createdAt: number,
  ) {
    // R4: minors default to "nobody", adults to "followers"; R15: receipts on outside the EU.
    this.audience = people.map((_p, i) => (this.age(i, createdAt) < 18 ? 'nobody' : 'followers'))
    this.receipts = people.map((_p, i) => !this.isEu(i))
    this.sent = people.map(() => [])
    this.started = people.map(() => [])
  }

  key = (x: number, y: number): string => `${x}>${y}`
  pairKey = (x: number, y: number): string => (x < y ? `${x}-${y}` : `${y}-${x}`)
  blockedEither = (x: number, y: number): boolean => this.blocks.has(this.key(x, y)) || this.blocks.has(this.key(y, x))
  age = (i: number, now: number): number => ageOn(this.people[i].birthDate, now)
  isEu = (i: number): boolean => EU.has(this.people[i].region)
  /** R15: receipts count as off in the EU/EEA. */
  receiptsOn = (i: number): boolean => this.receipts[i] && !this.isEu(i)
  conversation = (x: number, y: number): Conversation | undefined => this.conversations.get(this.pairKey(x, y))

  /** R4 and R15: the refusal a setting change gets, or null when it is allowed. */
  settingRefusal(who: number, change: { audience?: Audience; receipts?: boolean }, now: number): string | null {
    if (change.audience === 'everyone' && this.age(who, now) < 18) {
      return 'SETTING_NOT_ALLOWED'
    }
    if (change.receipts === true && this.isEu(who)) {
      return 'SETTING_NOT_ALLOWED'
    }
    return null
  }

  /** A pending request from s to r (R8). */
  pendingRequest(s: number, r: number): boolean {
    const c = this.conversation(s, r)
    return c?.status === 'request' && c.starter === s
  }

  /** The outcome of s sending to r now, in the refusal order of docs/RULES.md; null where unsure. */
  expectedSend(s: number, r: number, now: number): (Predicted & { newConversation?: boolean }) | null {
    if (this.age(s, now) < 16 || this.age(r, now) < 16) {
      return { code: 'AGE_RESTRICTED' }
    }
    if (this.blockedEither(s, r)) {
      return { code: 'BLOCKED' }
    }
    if (this.unsure.has(this.pairKey(s, r))) {
      return null
    }
    const channel = this.channel(s, r, now)
    if ('code' in channel) {
      return channel
    }
    return this.capRefusal(s, channel.newConversation, now) ?? channel
  }

  private channel(s: number, r: number, now: number): Predicted & { newConversation?: boolean } {
    const c = this.conversation(s, r)
    if (c?.status === 'declined' && c.starter === s && now < c.declinedAt + DECLINE_COOLDOWN_MS) {
      return { code: 'REQUEST_DECLINED' }
    }
    if (c?.status === 'request') {
      return c.starter === s ? { code: 'REQUEST_PENDING' } : { delivery: 'direct', newConversation: false }
    }
    if (c?.status === 'open') {
      if (c.wrote.has(r) || c.accepted) {
        return { delivery: 'direct', newConversation: false }
      }
      const outcome = this.fresh(s, r, !c.wrote.has(s))
      return 'code' in outcome ? outcome : { ...outcome, delivery: 'direct' }
    }
    return this.fresh(s, r, true)
  }

  /** R6, R7, R9. */
  private fresh(s: number, r: number, newConversation: boolean): Predicted & { newConversation?: boolean } {
    const follows = this.follows.has(this.key(s, r))
    const mutual = follows && this.follows.has(this.key(r, s))
    const aud = this.audience[r]
    const admitted = aud === 'everyone' || aud === 'followers' ? follows : aud === 'mutual' ? mutual : false
    if (admitted) {
      return { delivery: 'direct', newConversation }
    }
    if (aud === 'everyone') {
      return { delivery: 'request', newConversation }
    }
    return follows ? { code: 'RECIPIENT_NOT_ACCEPTING' } : { code: 'NOT_FOLLOWING' }
  }

  /** R13 then R12 (only delivered sends count). */
  private capRefusal(s: number, newConversation: boolean | undefined, now: number): Predicted | null {
    const within = (times: number[], ms: number) => times.filter((t) => t > now - ms).length
    if (newConversation && within(this.started[s], BURST_WINDOW_MS) >= CAPS.newConversationsPerBurst) {
      return { code: 'RATE_LIMITED' }
    }
    if (within(this.sent[s], DAY) >= CAPS.messagesPerDay || (newConversation && within(this.started[s], DAY) >= CAPS.newConversationsPerDay)) {
      return { code: 'DAILY_CAP' }
    }
    return null
  }

  /** A delivered send from s to r, with what the node answered. */
  delivered(s: number, r: number, delivery: 'direct' | 'request', newConversation: boolean, now: number): void {
    this.sent[s].push(now)
    if (newConversation) {
      this.started[s].push(now)
    }
    const pk = this.pairKey(s, r)
    const c = this.conversations.get(pk)
    if (delivery === 'request') {
      this.conversations.set(pk, { status: 'request', starter: s })
    } else if (c?.status === 'request' && c.starter === r) {
      // Writing back to a request you received accepts it.
      this.conversations.set(pk, { status: 'open', starter: r, accepted: true, wrote: new Set([r, s]) })
    } else if (c?.status === 'open') {
      c.wrote.add(s)
    } else {
      this.conversations.set(pk, { status: 'open', starter: s, accepted: false, wrote: new Set([s]) })
    }
  }

  /** R11: a block removes follows both ways; what becomes of a request across it is not modelled. */
  blocked(s: number, r: number): void {
    this.blocks.add(this.key(s, r))
    this.follows.delete(this.key(s, r))
    this.follows.delete(this.key(r, s))
    if (this.conversation(s, r)?.status === 'request') {
      this.unsure.add(this.pairKey(s, r))
    }
  }

  accepted(s: number, r: number): void {
    this.conversations.set(this.pairKey(s, r), { status: 'open', starter: r, accepted: true, wrote: new Set([r]) })
  }

  declined(s: number, r: number, now: number): void {
    this.conversations.set(this.pairKey(s, r), { status: 'declined', starter: r, declinedAt: now })
  }

  /** R16: is `viewer`'s conversation with `other` muted at `now`? */
  mutedNow(viewer: number, other: number, now: number): boolean {
    return (this.muted.get(this.key(viewer, other)) ?? 0) > now
  }
}
