// Who may message whom: R6 direct channel, R7 message requests, R8 pending/declined requests,
// R9 refusals, R10 replies, R11 blocks. alice (sender) writes to bob (recipient) at NOW.
import { decideFollow, decideSend } from '@shared/rules'
import type { WhoCanMessageMe } from '@shared/types'
import { describe, expect, it } from 'vitest'
import { conv, ctx, DAY, expectRefusal, HOUR, iso, outcome, T } from './fixtures'

type Expected = 'direct' | 'request' | 'NOT_FOLLOWING' | 'RECIPIENT_NOT_ACCEPTING'

// The full matrix, written out by hand from docs/RULES.md R6, R7 and R9 (not computed).
const matrix: { rules: string; setting: WhoCanMessageMe; follows: boolean; followedBack: boolean; expected: Expected }[] = [
  { rules: 'R6', setting: 'everyone', follows: true, followedBack: true, expected: 'direct' },
  { rules: 'R6', setting: 'everyone', follows: true, followedBack: false, expected: 'direct' },
  { rules: 'R7', setting: 'everyone', follows: false, followedBack: true, expected: 'request' },
  { rules: 'R7', setting: 'everyone', follows: false, followedBack: false, expected: 'request' },
  { rules: 'R6', setting: 'followers', follows: true, followedBack: true, expected: 'direct' },
  { rules: 'R6', setting: 'followers', follows: true, followedBack: false, expected: 'direct' },
  { rules: 'R9', setting: 'followers', follows: false, followedBack: true, expected: 'NOT_FOLLOWING' },
  { rules: 'R9', setting: 'followers', follows: false, followedBack: false, expected: 'NOT_FOLLOWING' },
  { rules: 'R6', setting: 'mutual', follows: true, followedBack: true, expected: 'direct' },
  { rules: 'R9', setting: 'mutual', follows: true, followedBack: false, expected: 'RECIPIENT_NOT_ACCEPTING' },
  { rules: 'R9', setting: 'mutual', follows: false, followedBack: true, expected: 'NOT_FOLLOWING' },
  { rules: 'R9', setting: 'mutual', follows: false, followedBack: false, expected: 'NOT_FOLLOWING' },
  { rules: 'R9', setting: 'nobody', follows: true, followedBack: true, expected: 'RECIPIENT_NOT_ACCEPTING' },
  { rules: 'R9', setting: 'nobody', follows: true, followedBack: false, expected: 'RECIPIENT_NOT_ACCEPTING' },
  { rules: 'R9', setting: 'nobody', follows: false, followedBack: true, expected: 'NOT_FOLLOWING' },
  { rules: 'R9', setting: 'nobody', follows: false, followedBack: false, expected: 'NOT_FOLLOWING' },
]

describe('R5 R6 R7 R9 first message: setting × sender follows × recipient follows back', () => {
  it.each(matrix)(
    'R5 $rules setting=$setting senderFollows=$follows recipientFollowsSender=$followedBack → $expected',
    ({ setting, follows, followedBack, expected }) => {
      const decision = decideSend(
        ctx({ recipient: { whoCanMessageMe: setting }, senderFollowsRecipient: follows, recipientFollowsSender: followedBack }),
        '  hello bob  ',
      )
      expect(outcome(decision)).toBe(expected)
      if (decision.ok) {
        // A first message starts a new conversation (counts for R12/R13) and accepts nothing.
        expect(decision).toEqual({ ok: true, delivery: expected, text: 'hello bob', newConversation: true, acceptsRequest: false })
      } else {
        expect(decision.retryAt).toBeUndefined()
        expect(decision.message).toMatch(/\w/)
      }
    },
  )
})

describe('R8 message requests: pending, accepted, declined', () => {
  const requestFromAlice = conv({ status: 'request', starterId: 'alice', senderHasWritten: true, recipientHasWritten: false })
  const requestFromBob = conv({ status: 'request', starterId: 'bob', senderHasWritten: false, recipientHasWritten: true })

  it.each([
    { name: 'recipient open to everyone', setting: 'everyone' as const, follows: false },
    { name: 'sender now follows, recipient admits followers', setting: 'followers' as const, follows: true },
  ])('R8 the starter cannot send again while the request is pending ($name)', ({ setting, follows }) => {
    const decision = decideSend(
      ctx({ conversation: requestFromAlice, recipient: { whoCanMessageMe: setting }, senderFollowsRecipient: follows }),
      'are you there?',
    )
    const refusal = expectRefusal(decision, 'REQUEST_PENDING')
    expect(refusal.retryAt).toBeUndefined()
  })

  it.each<{ name: string; setting: WhoCanMessageMe; follows: boolean }>([
    { name: 'replier does not follow, requester admits nobody', setting: 'nobody', follows: false },
    { name: 'replier follows, requester admits followers', setting: 'followers', follows: true },
  ])('R8 R10 the request recipient writing back accepts it ($name)', ({ setting, follows }) => {
    const decision = decideSend(
      ctx({ conversation: requestFromBob, recipient: { whoCanMessageMe: setting }, senderFollowsRecipient: follows }),
      'hi!',
    )
    expect(decision).toEqual({ ok: true, delivery: 'direct', text: 'hi!', newConversation: false, acceptsRequest: true })
  })

  it('R8 R10 once accepted and answered, the starter may write freely even if the recipient now admits nobody', () => {
    const decision = decideSend(
      ctx({
        conversation: conv({ status: 'open', starterId: 'alice', senderHasWritten: true, recipientHasWritten: true }),
        recipient: { whoCanMessageMe: 'nobody' },
        senderFollowsRecipient: false,
      }),
      'thanks for accepting',
    )
    expect(decision).toEqual({ ok: true, delivery: 'direct', text: 'thanks for accepting', newConversation: false, acceptsRequest: false })
  })

  it('R8 accepted without a reply: the conversation is in the inbox and the starter may write freely', () => {
    // bob pressed "accept" on alice's request without writing, then switched to "followers".
    const decision = decideSend(
      ctx({
        conversation: conv({ status: 'open', starterId: 'alice', senderHasWritten: true, recipientHasWritten: false, accepted: true }),
        recipient: { whoCanMessageMe: 'followers' },
        senderFollowsRecipient: false,
      }),
      'thanks for accepting',
    )
    expect(decision).toEqual({ ok: true, delivery: 'direct', text: 'thanks for accepting', newConversation: false, acceptsRequest: false })
  })

  it('R8 R11 an accepted request does not survive a block', () => {
    const accepted = conv({ status: 'open', starterId: 'alice', senderHasWritten: true, recipientHasWritten: false, accepted: true })
    expectRefusal(decideSend(ctx({ conversation: accepted, blocked: true }), 'hi'), 'BLOCKED')
  })

  const cooldown = 30 * DAY
  const declinedRows: { name: string; declinedAgo: number; setting: WhoCanMessageMe; follows: boolean; expected: string; retryAt?: number }[] = [
    { name: '1 day after the decline', declinedAgo: DAY, setting: 'everyone', follows: false, expected: 'REQUEST_DECLINED', retryAt: T - DAY + cooldown },
    { name: 'just now', declinedAgo: 0, setting: 'everyone', follows: false, expected: 'REQUEST_DECLINED', retryAt: T + cooldown },
    { name: '1 ms before 30 days', declinedAgo: cooldown - 1, setting: 'everyone', follows: false, expected: 'REQUEST_DECLINED', retryAt: T + 1 },
    // Within the 30 days the decline is named even where a direct message would otherwise pass.
    { name: 'within 30 days, sender now follows and recipient admits followers', declinedAgo: DAY, setting: 'followers', follows: true, expected: 'REQUEST_DECLINED', retryAt: T - DAY + cooldown },
    { name: 'exactly 30 days: a new request', declinedAgo: cooldown, setting: 'everyone', follows: false, expected: 'request' },
    { name: '31 days: a new request', declinedAgo: cooldown + DAY, setting: 'everyone', follows: false, expected: 'request' },
    { name: 'after 30 days R6-R9 apply again: recipient now admits followers only', declinedAgo: cooldown + DAY, setting: 'followers', follows: false, expected: 'NOT_FOLLOWING' },
    { name: 'after 30 days R6-R9 apply again: sender now follows', declinedAgo: cooldown + DAY, setting: 'followers', follows: true, expected: 'direct' },
  ]
  it.each(declinedRows)('R8 request deleted by the recipient, $name → $expected', ({ declinedAgo, setting, follows, expected, retryAt }) => {
    const decision = decideSend(
      ctx({
        conversation: conv({ status: 'declined', starterId: 'alice', declinedAt: iso(T - declinedAgo) }),
        recipient: { whoCanMessageMe: setting },
        senderFollowsRecipient: follows,
      }),
      'hello again',
    )
    expect(outcome(decision)).toBe(expected)
    if (!decision.ok) {
      expect(decision.retryAt).toBe(retryAt === undefined ? undefined : iso(retryAt))
    } else {
      // A fresh start after the cooldown is a new conversation (R12/R13 count it).
      expect(decision).toMatchObject({ newConversation: true, acceptsRequest: false, text: 'hello again' })
    }
  })

  it('R8 the one who deleted the request is not held by the cooldown: R6-R9 govern them afresh', () => {
    const declinedByAlice = conv({ status: 'declined', starterId: 'bob', senderHasWritten: false, recipientHasWritten: true, declinedAt: iso(T - DAY) })
    const direct = decideSend(ctx({ conversation: declinedByAlice, recipient: { whoCanMessageMe: 'followers' }, senderFollowsRecipient: true }), 'hi')
    expect(direct).toMatchObject({ ok: true, delivery: 'direct', newConversation: true, acceptsRequest: false })
    const refused = decideSend(ctx({ conversation: declinedByAlice, recipient: { whoCanMessageMe: 'followers' }, senderFollowsRecipient: false }), 'hi')
    expectRefusal(refused, 'NOT_FOLLOWING')
  })
})

describe('R10 replies', () => {
  const bobWrote = conv({ status: 'open', starterId: 'bob', senderHasWritten: false, recipientHasWritten: true })
  const bothWrote = conv({ status: 'open', starterId: 'alice', senderHasWritten: true, recipientHasWritten: true })
  const aliceUnanswered = conv({ status: 'open', starterId: 'alice', senderHasWritten: true, recipientHasWritten: false })

  const rows: { name: string; c: ReturnType<typeof conv>; setting: WhoCanMessageMe; follows: boolean; expected: string; newConversation?: boolean }[] = [
    { name: 'bob wrote first; alice does not follow and bob admits nobody', c: bobWrote, setting: 'nobody', follows: false, expected: 'direct', newConversation: false },
    { name: 'bob wrote first; bob admits mutual only', c: bobWrote, setting: 'mutual', follows: true, expected: 'direct', newConversation: false },
    { name: 'both have written; bob admits nobody', c: bothWrote, setting: 'nobody', follows: false, expected: 'direct', newConversation: false },
    { name: 'unanswered starter who still follows (bob admits followers)', c: aliceUnanswered, setting: 'followers', follows: true, expected: 'direct', newConversation: false },
    { name: 'unanswered starter who unfollowed (bob admits followers)', c: aliceUnanswered, setting: 'followers', follows: false, expected: 'NOT_FOLLOWING' },
    { name: 'unanswered starter after bob switched to nobody', c: aliceUnanswered, setting: 'nobody', follows: true, expected: 'RECIPIENT_NOT_ACCEPTING' },
    { name: 'unanswered starter, not mutual (bob admits mutual)', c: aliceUnanswered, setting: 'mutual', follows: true, expected: 'RECIPIENT_NOT_ACCEPTING' },
    // The conversation is already in bob's inbox: what would be a request lands there directly.
    { name: 'unanswered starter, not following, bob open to everyone', c: aliceUnanswered, setting: 'everyone', follows: false, expected: 'direct', newConversation: false },
  ]
  it.each(rows)('R10 $name → $expected', ({ c, setting, follows, expected, newConversation }) => {
    const decision = decideSend(ctx({ conversation: c, recipient: { whoCanMessageMe: setting }, senderFollowsRecipient: follows }), 'reply')
    expect(outcome(decision)).toBe(expected)
    if (decision.ok) {
      expect(decision).toEqual({ ok: true, delivery: 'direct', text: 'reply', newConversation, acceptsRequest: false })
    }
  })

  it.each([
    { name: 'blocked', over: { blocked: true }, code: 'BLOCKED' as const },
    { name: 'sender under 16', over: { sender: { birthDate: '2015-01-01' } }, code: 'AGE_RESTRICTED' as const },
    { name: 'recipient under 16', over: { recipient: { birthDate: '2015-01-01' } }, code: 'AGE_RESTRICTED' as const },
    { name: 'sender without phone', over: { sender: { phone: null } }, code: 'PHONE_REQUIRED' as const },
  ])('R10 R11 R2 R3 a reply is still refused when $name', ({ over, code }) => {
    const decision = decideSend(ctx({ conversation: bobWrote, recipient: { whoCanMessageMe: 'nobody' }, senderFollowsRecipient: false, ...over }), 'reply')
    expectRefusal(decision, code)
  })
})

describe('R11 blocks', () => {
  const rows: { name: string; over: Parameters<typeof ctx>[0] }[] = [
    { name: 'on a send that would otherwise be direct', over: {} },
    { name: 'over NOT_FOLLOWING', over: { senderFollowsRecipient: false } },
    { name: 'over RECIPIENT_NOT_ACCEPTING', over: { recipient: { whoCanMessageMe: 'nobody' } } },
    { name: 'over a message request (recipient open to everyone)', over: { recipient: { whoCanMessageMe: 'everyone' }, senderFollowsRecipient: false } },
    { name: 'over REQUEST_PENDING', over: { conversation: conv({ status: 'request' }) } },
    { name: 'over REQUEST_DECLINED', over: { conversation: conv({ status: 'declined', declinedAt: iso(T - DAY) }) } },
    { name: 'on a reply', over: { conversation: conv({ starterId: 'bob', senderHasWritten: false, recipientHasWritten: true }) } },
    { name: 'on accepting a received request', over: { conversation: conv({ status: 'request', starterId: 'bob', senderHasWritten: false, recipientHasWritten: true }) } },
    { name: 'over caps', over: { history: { messageTimes: Array.from({ length: 500 }, (_, i) => T - HOUR + i), newConversationTimes: [] } } },
  ]
  it.each(rows)('R11 BLOCKED wins $name', ({ over }) => {
    const refusal = expectRefusal(decideSend(ctx({ ...over, blocked: true }), 'hi'), 'BLOCKED')
    expect(refusal.retryAt).toBeUndefined()
  })

  it('R11 a blocked account cannot follow the blocker (and neither the other way)', () => {
    expectRefusal(decideFollow(true), 'BLOCKED')
    expect(decideFollow(false)).toEqual({ ok: true })
  })

  it('R11 unblock restores messaging rights but not the follows', () => {
    // After unblocking: blocked is false, but the follows the block removed are gone.
    const afterUnblock = { blocked: false, senderFollowsRecipient: false, recipientFollowsSender: false }
    expectRefusal(decideSend(ctx({ ...afterUnblock, recipient: { whoCanMessageMe: 'followers' } }), 'hi'), 'NOT_FOLLOWING')
    expect(outcome(decideSend(ctx({ ...afterUnblock, recipient: { whoCanMessageMe: 'everyone' } }), 'hi'))).toBe('request')
    const reply = conv({ starterId: 'bob', senderHasWritten: false, recipientHasWritten: true })
    expect(outcome(decideSend(ctx({ ...afterUnblock, conversation: reply, recipient: { whoCanMessageMe: 'nobody' } }), 'hi'))).toBe('direct')
  })
})
