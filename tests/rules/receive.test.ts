// decideReceive: the recipient's home's half of a cross-node send. It applies every rule the
// recipient's side owns and leaves out R3 and the caps, which the sender's home checks.
import { describe, expect, it } from 'vitest'
import { decideReceive, decideSend } from '@shared/rules'
import { DEFAULT_POLICY } from '@shared/policy'
import { bornYearsAgo, conv, ctx, outcome, times } from './fixtures'

const full = DEFAULT_POLICY.caps.personal.messagesPerDay

describe('decideReceive (the recipient home decides)', () => {
  it.each([
    ['R3 a sender without a phone (its home checked that)', ctx({ sender: { phone: null } }), 'direct', 'PHONE_REQUIRED'],
    ['R12 a sender over its daily cap (its home counts its sends)', ctx({ history: { messageTimes: times(full, 60_000, 1000) } }), 'direct', 'DAILY_CAP'],
    ['R13 a sender over the burst limit', ctx({ history: { newConversationTimes: times(10, 1000, 1000) } }), 'direct', 'RATE_LIMITED'],
  ])('%s: not refused here, refused at the sender home', (_name, c, received, sent) => {
    expect(outcome(decideReceive(c, 'hello'))).toBe(received)
    expect(outcome(decideSend(c, 'hello'))).toBe(sent)
  })

  it.each([
    ['R14 a text breaking R14', ctx(), '\u0000', 'MESSAGE_INVALID'],
    ['R2 a recipient under 16', ctx({ recipient: { birthDate: bornYearsAgo(15) } }), 'hello', 'AGE_RESTRICTED'],
    ['R11 a block on either side', ctx({ blocked: true }), 'hello', 'BLOCKED'],
    ['R8 a second message while the request is pending', ctx({ conversation: conv({ status: 'request' }) }), 'hello', 'REQUEST_PENDING'],
    ['R9 a recipient who admits nobody', ctx({ senderFollowsRecipient: false, recipient: { whoCanMessageMe: 'nobody' } }), 'hello', 'NOT_FOLLOWING'],
    ['R9 mutual without a follow back', ctx({ recipient: { whoCanMessageMe: 'mutual' } }), 'hello', 'RECIPIENT_NOT_ACCEPTING'],
  ])('%s is still refused', (_name, c, text, code) => {
    expect(outcome(decideReceive(c, text))).toBe(code)
  })

  it('R7 a stranger writing to someone open to everyone arrives as a request', () => {
    expect(outcome(decideReceive(ctx({ senderFollowsRecipient: false, recipient: { whoCanMessageMe: 'everyone' } }), 'hi'))).toBe('request')
  })
})
