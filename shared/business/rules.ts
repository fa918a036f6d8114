// Business tools (R5 and TikTok's business limits): who may use them, their limits, and which
// auto-message answers an incoming text. Pure, so the node (authority) and the renderer
// (counters, reasons, preview) decide the same way.
import { normalizeMessageText, textLength } from '../rules/message-text'
import { isEuRegion } from '../rules/settings'
import type { WhoCanMessageMe } from '../types'
import type { AutoKind, BusinessOffCode, BusinessStatus, BusinessTools } from './types'

/** TikTok's limits for business auto-messages (docs/PRODUCT.md "Outreach"). */
export const BUSINESS_LIMITS = {
  welcome: 250,
  suggestedQuestions: 3,
  question: 80,
  answer: 200,
  keywordReplies: 4,
  keyword: 40,
  reply: 500,
} as const

export const EMPTY_BUSINESS_TOOLS: BusinessTools = { welcome: null, suggestedQuestions: [], keywordReplies: [] }

export interface BusinessRefusal {
  ok: false
  code: 'BUSINESS_ONLY' | 'NOT_AVAILABLE_IN_REGION' | 'INVALID_INPUT'
  message: string
  /** For INVALID_INPUT: the field, e.g. "suggestedQuestions.1.answer". */
  field?: string
}

const OFF_MESSAGES: Record<BusinessOffCode, string> = {
  BUSINESS_ONLY: 'Welcome messages, suggested questions and keyword replies are for business accounts.',
  NOT_AVAILABLE_IN_REGION: 'Business auto-messages are not available for accounts in the EU/EEA.',
  NOT_EVERYONE: 'Auto-messages act only while "Who can message me" is set to Everyone.',
}

/** R5 business tools: BUSINESS_ONLY for a personal account, then NOT_AVAILABLE_IN_REGION in the EU/EEA. */
export function businessAccessRefusal(account: { kind: string; region: string }): BusinessRefusal | null {
  if (account.kind !== 'business') {
    return { ok: false, code: 'BUSINESS_ONLY', message: OFF_MESSAGES.BUSINESS_ONLY }
  }
  if (isEuRegion(account.region)) {
    return { ok: false, code: 'NOT_AVAILABLE_IN_REGION', message: OFF_MESSAGES.NOT_AVAILABLE_IN_REGION }
  }
  return null
}

/** R5: the auto-messages act only for a business outside the EU/EEA whose setting is `everyone`. */
export function businessStatus(account: { kind: string; region: string }, whoCanMessageMe: WhoCanMessageMe): BusinessStatus {
  const refusal = businessAccessRefusal(account)
  if (refusal) {
    return { active: false, off: { code: refusal.code as BusinessOffCode, message: refusal.message } }
  }
  if (whoCanMessageMe !== 'everyone') {
    return { active: false, off: { code: 'NOT_EVERYONE', message: OFF_MESSAGES.NOT_EVERYONE } }
  }
  return { active: true, off: null }
}

type TextCheck = { ok: true; text: string } | BusinessRefusal

function invalid(field: string, message: string): BusinessRefusal {
  return { ok: false, code: 'INVALID_INPUT', field, message }
}

/** One auto-message text: a string that is a valid message (R14), at most `limit` characters after trimming. */
function checkText(value: unknown, field: string, what: string, limit: number): TextCheck {
  if (typeof value !== 'string') {
    return invalid(field, `${what} must be text.`)
  }
  const normal = normalizeMessageText(value)
  if (!normal.ok) {
    return invalid(field, `${what}: ${normal.message.replace(/^The message/, 'it')}`)
  }
  const length = textLength(normal.text)
  if (length > limit) {
    return invalid(field, `${what} is ${length} characters long; the limit is ${limit}.`)
  }
  return { ok: true, text: normal.text }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function unknownKey(value: Record<string, unknown>, allowed: readonly string[]): string | undefined {
  return Object.keys(value).find((k) => !allowed.includes(k))
}

function checkList<T>(
  raw: unknown,
  field: string,
  max: number,
  what: string,
  item: (value: unknown, field: string, index: number) => { ok: true; value: T } | BusinessRefusal,
): { ok: true; value: T[] } | BusinessRefusal {
  if (raw === undefined || raw === null) {
    return { ok: true, value: [] }
  }
  if (!Array.isArray(raw)) {
    return invalid(field, `"${field}" must be a list.`)
  }
  if (raw.length > max) {
    return invalid(field, `At most ${max} ${what} are allowed; there are ${raw.length}.`)
  }
  const out: T[] = []
  for (let i = 0; i < raw.length; i++) {
    const checked = item(raw[i], `${field}.${i}`, i)
    if (!checked.ok) {
      return checked
    }
    out.push(checked.value)
  }
  return { ok: true, value: out }
}

function pairOf(
  value: unknown,
  field: string,
  keys: [string, string],
  labels: [string, string],
  limits: [number, number],
): { ok: true; value: [string, string] } | BusinessRefusal {
  if (!isObject(value)) {
    return invalid(field, `Each entry of "${field.replace(/\.\d+$/, '')}" has a ${keys[0]} and a ${keys[1]}.`)
  }
  const extra = unknownKey(value, keys)
  if (extra) {
    return invalid(`${field}.${extra}`, `Unknown field: ${extra}.`)
  }
  const first = checkText(value[keys[0]], `${field}.${keys[0]}`, labels[0], limits[0])
  if (!first.ok) {
    return first
  }
  const second = checkText(value[keys[1]], `${field}.${keys[1]}`, labels[1], limits[1])
  if (!second.ok) {
    return second
  }
  return { ok: true, value: [first.text, second.text] }
}

/**
 * R5 business limits on a PUT body: `welcome` null or up to 250 characters; up to 3 suggested
 * questions (question 80, answer 200); up to 4 keyword replies (keyword 40, reply 500). Every
 * text is also a valid message (R14) and is stored trimmed. A field left out means "none".
 * Questions and keywords are unique, since each answers one exact text.
 */
export function checkBusinessTools(raw: unknown): { ok: true; tools: BusinessTools } | BusinessRefusal {
  if (!isObject(raw)) {
    return invalid('body', 'The request body must be a JSON object.')
  }
  const extra = unknownKey(raw, ['welcome', 'suggestedQuestions', 'keywordReplies'])
  if (extra) {
    return invalid(extra, `Unknown field: ${extra}.`)
  }
  let welcome: string | null = null
  if (raw.welcome !== undefined && raw.welcome !== null && !(typeof raw.welcome === 'string' && raw.welcome.trim() === '')) {
    const checked = checkText(raw.welcome, 'welcome', 'The welcome message', BUSINESS_LIMITS.welcome)
    if (!checked.ok) {
      return checked
    }
    welcome = checked.text
  }
  const questions = checkList(raw.suggestedQuestions, 'suggestedQuestions', BUSINESS_LIMITS.suggestedQuestions, 'suggested questions', (v, f) => {
    const p = pairOf(v, f, ['question', 'answer'], ['A question', 'An answer'], [BUSINESS_LIMITS.question, BUSINESS_LIMITS.answer])
    return p.ok ? { ok: true, value: { question: p.value[0], answer: p.value[1] } } : p
  })
  if (!questions.ok) {
    return questions
  }
  const keywords = checkList(raw.keywordReplies, 'keywordReplies', BUSINESS_LIMITS.keywordReplies, 'keyword replies', (v, f) => {
    const p = pairOf(v, f, ['keyword', 'reply'], ['A keyword', 'A reply'], [BUSINESS_LIMITS.keyword, BUSINESS_LIMITS.reply])
    return p.ok ? { ok: true, value: { keyword: p.value[0], reply: p.value[1] } } : p
  })
  if (!keywords.ok) {
    return keywords
  }
  const dupQuestion = questions.value.findIndex((q, i) => questions.value.findIndex((o) => o.question === q.question) < i)
  if (dupQuestion >= 0) {
    return invalid(`suggestedQuestions.${dupQuestion}.question`, 'Each suggested question must be different.')
  }
  const dupKeyword = keywords.value.findIndex((k, i) => keywords.value.findIndex((o) => o.keyword === k.keyword) < i)
  if (dupKeyword >= 0) {
    return invalid(`keywordReplies.${dupKeyword}.keyword`, 'Each keyword must be different.')
  }
  return { ok: true, tools: { welcome, suggestedQuestions: questions.value, keywordReplies: keywords.value } }
}

/** A PUT on the business tools, refusals in the fixed order: BUSINESS_ONLY, NOT_AVAILABLE_IN_REGION, INVALID_INPUT. */
export function decideBusinessTools(account: { kind: string; region: string }, raw: unknown): { ok: true; tools: BusinessTools } | BusinessRefusal {
  return businessAccessRefusal(account) ?? checkBusinessTools(raw)
}

/**
 * The auto-reply an incoming text gets: a suggested question's answer, else a keyword's reply.
 * Both match the whole text exactly, case-sensitively (the stored text is already trimmed, R14).
 */
export function autoReplyFor(tools: BusinessTools, text: string): { kind: Exclude<AutoKind, 'welcome'>; text: string } | null {
  const question = tools.suggestedQuestions.find((q) => q.question === text)
  if (question) {
    return { kind: 'answer', text: question.answer }
  }
  const keyword = tools.keywordReplies.find((k) => k.keyword === text)
  if (keyword) {
    return { kind: 'keyword', text: keyword.reply }
  }
  return null
}
