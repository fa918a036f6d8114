// R5 business tools: who may use them (BUSINESS_ONLY, NOT_AVAILABLE_IN_REGION), every limit
// (welcome 250, 3 questions of 80/200, 4 keyword replies of 40/500), the refusal order, when
// they act (only while whoCanMessageMe is `everyone`), and which text an auto-reply answers.
import { describe, expect, it } from 'vitest'
import {
  autoReplyFor,
  BUSINESS_LIMITS,
  businessAccessRefusal,
  businessStatus,
  checkBusinessTools,
  decideBusinessTools,
} from '@shared/business/rules'
import type { BusinessTools } from '@shared/business/types'
import { WHO_CAN_MESSAGE_ME } from '@shared/rules'

const US_BUSINESS = { kind: 'business', region: 'US' }
const x = (n: number) => 'x'.repeat(n)
const q = (question: string, answer = 'An answer.') => ({ question, answer })
const k = (keyword: string, reply = 'A reply.') => ({ keyword, reply })

describe('R5 who may use the business tools', () => {
  const table = [
    { who: 'a US business', account: US_BUSINESS, code: null },
    { who: 'a Brazilian business', account: { kind: 'business', region: 'BR' }, code: null },
    { who: 'a US personal account', account: { kind: 'personal', region: 'US' }, code: 'BUSINESS_ONLY' },
    { who: 'a German business (EU)', account: { kind: 'business', region: 'DE' }, code: 'NOT_AVAILABLE_IN_REGION' },
    { who: 'a Norwegian business (EEA)', account: { kind: 'business', region: 'NO' }, code: 'NOT_AVAILABLE_IN_REGION' },
    { who: 'a French personal account: BUSINESS_ONLY comes first', account: { kind: 'personal', region: 'FR' }, code: 'BUSINESS_ONLY' },
  ]
  it.each(table)('R5 $who → $code', ({ account, code }) => {
    const refusal = businessAccessRefusal(account)
    expect(refusal?.code ?? null).toBe(code)
    if (refusal) {
      expect(refusal.message).toMatch(/\.$/)
    }
  })
})

describe('R5 the auto-messages act only while whoCanMessageMe is `everyone`', () => {
  const rows = WHO_CAN_MESSAGE_ME.flatMap((who) => [
    { account: US_BUSINESS, who, active: who === 'everyone', off: who === 'everyone' ? null : 'NOT_EVERYONE' },
    { account: { kind: 'personal', region: 'US' }, who, active: false, off: 'BUSINESS_ONLY' },
    { account: { kind: 'business', region: 'IT' }, who, active: false, off: 'NOT_AVAILABLE_IN_REGION' },
  ])
  it.each(rows)('R5 $account.kind in $account.region with "$who" → active $active ($off)', ({ account, who, active, off }) => {
    const status = businessStatus(account, who)
    expect(status.active).toBe(active)
    expect(status.off?.code ?? null).toBe(off)
  })
})

describe('R5 limits of the business tools (400 INVALID_INPUT naming the field)', () => {
  const L = BUSINESS_LIMITS
  const ok = [
    { name: 'nothing at all', body: {} },
    { name: 'welcome null', body: { welcome: null } },
    { name: `welcome of exactly ${L.welcome} characters`, body: { welcome: x(L.welcome) } },
    { name: `welcome of ${L.welcome} emoji (characters, not UTF-16 units)`, body: { welcome: '🙂'.repeat(L.welcome) } },
    { name: `${L.suggestedQuestions} questions at their limits`, body: { suggestedQuestions: [q(x(L.question), x(L.answer)), q('b'), q('c')] } },
    { name: `${L.keywordReplies} keyword replies at their limits`, body: { keywordReplies: [k(x(L.keyword), x(L.reply)), k('b'), k('c'), k('d')] } },
  ]
  it.each(ok)('R5 accepts $name', ({ body }) => {
    expect(checkBusinessTools(body).ok).toBe(true)
  })

  const bad = [
    { name: `welcome of ${L.welcome + 1} characters`, body: { welcome: x(L.welcome + 1) }, field: 'welcome' },
    { name: 'welcome that is not text', body: { welcome: 5 }, field: 'welcome' },
    { name: 'welcome with a control character (R14)', body: { welcome: 'Hi\u0007' }, field: 'welcome' },
    { name: `${L.suggestedQuestions + 1} suggested questions`, body: { suggestedQuestions: [q('a'), q('b'), q('c'), q('d')] }, field: 'suggestedQuestions' },
    { name: `a question of ${L.question + 1} characters`, body: { suggestedQuestions: [q('a'), q(x(L.question + 1))] }, field: 'suggestedQuestions.1.question' },
    { name: `an answer of ${L.answer + 1} characters`, body: { suggestedQuestions: [q('a', x(L.answer + 1))] }, field: 'suggestedQuestions.0.answer' },
    { name: 'an empty question', body: { suggestedQuestions: [q('  ')] }, field: 'suggestedQuestions.0.question' },
    { name: 'a question without an answer', body: { suggestedQuestions: [{ question: 'Hours?' }] }, field: 'suggestedQuestions.0.answer' },
    { name: 'the same question twice', body: { suggestedQuestions: [q('Hours?'), q('Hours?')] }, field: 'suggestedQuestions.1.question' },
    { name: `${L.keywordReplies + 1} keyword replies`, body: { keywordReplies: [k('a'), k('b'), k('c'), k('d'), k('e')] }, field: 'keywordReplies' },
    { name: `a keyword of ${L.keyword + 1} characters`, body: { keywordReplies: [k(x(L.keyword + 1))] }, field: 'keywordReplies.0.keyword' },
    { name: `a reply of ${L.reply + 1} characters`, body: { keywordReplies: [k('a'), k('b', x(L.reply + 1))] }, field: 'keywordReplies.1.reply' },
    { name: 'the same keyword twice', body: { keywordReplies: [k('PRICE'), k('PRICE')] }, field: 'keywordReplies.1.keyword' },
    { name: 'an unknown field', body: { welcome: 'Hi', greeting: 'Hello' }, field: 'greeting' },
    { name: 'an unknown field in a keyword reply', body: { keywordReplies: [{ keyword: 'a', reply: 'b', extra: 1 }] }, field: 'keywordReplies.0.extra' },
    { name: 'a list that is not a list', body: { keywordReplies: 'PRICE' }, field: 'keywordReplies' },
    { name: 'a body that is not an object', body: ['welcome'], field: 'body' },
  ]
  it.each(bad)('R5 refuses $name → INVALID_INPUT on $field', ({ body, field }) => {
    const result = checkBusinessTools(body)
    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT', field })
    if (!result.ok) {
      expect(result.message).toMatch(/[.]$/)
    }
  })

  it('R5 stores every text trimmed (as R14 stores a message) and a blank welcome as none', () => {
    const result = checkBusinessTools({ welcome: '   ', suggestedQuestions: [q(' Hours? ', ' 9 to 5 ')], keywordReplies: [k(' PRICE ', ' $10 ')] })
    expect(result).toEqual({
      ok: true,
      tools: { welcome: null, suggestedQuestions: [{ question: 'Hours?', answer: '9 to 5' }], keywordReplies: [{ keyword: 'PRICE', reply: '$10' }] },
    })
  })
})

describe('R5 refusal order: BUSINESS_ONLY, then NOT_AVAILABLE_IN_REGION, then INVALID_INPUT', () => {
  const tooLong = { welcome: x(BUSINESS_LIMITS.welcome + 1) }
  const table = [
    { who: 'personal, EU, bad input', account: { kind: 'personal', region: 'DE' }, code: 'BUSINESS_ONLY' },
    { who: 'personal, US, bad input', account: { kind: 'personal', region: 'US' }, code: 'BUSINESS_ONLY' },
    { who: 'business, EU, bad input', account: { kind: 'business', region: 'DE' }, code: 'NOT_AVAILABLE_IN_REGION' },
    { who: 'business, US, bad input', account: US_BUSINESS, code: 'INVALID_INPUT' },
  ]
  it.each(table)('R5 $who → $code', ({ account, code }) => {
    expect(decideBusinessTools(account, tooLong)).toMatchObject({ ok: false, code })
  })
  it('R5 a US business with good input is accepted', () => {
    expect(decideBusinessTools(US_BUSINESS, { welcome: 'Hi!' })).toMatchObject({ ok: true, tools: { welcome: 'Hi!' } })
  })
})

describe('R5 which incoming text gets an auto-reply: exact, whole, case-sensitive', () => {
  const tools: BusinessTools = {
    welcome: 'Welcome!',
    suggestedQuestions: [q('What are your hours?', 'Nine to five.')],
    keywordReplies: [k('PRICE', 'Ten dollars.'), k('What are your hours?', 'Never used: the question wins.')],
  }
  const table = [
    { text: 'PRICE', reply: { kind: 'keyword', text: 'Ten dollars.' } },
    { text: 'price', reply: null },
    { text: 'Price', reply: null },
    { text: 'PRICE?', reply: null },
    { text: 'the PRICE', reply: null },
    { text: 'PRICE PRICE', reply: null },
    { text: 'What are your hours?', reply: { kind: 'answer', text: 'Nine to five.' } },
    { text: 'what are your hours?', reply: null },
    { text: 'Welcome!', reply: null },
  ]
  it.each(table)('R5 "$text" → $reply.kind', ({ text, reply }) => {
    expect(autoReplyFor(tools, text)).toEqual(reply)
  })
})
