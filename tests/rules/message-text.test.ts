// R14: 1-2,000 characters after trimming; only LF and tab among control characters; CRLF → LF,
// lone CR refused; stored text is the trimmed text, otherwise exactly as sent.
import { DEFAULT_POLICY } from '@shared/policy'
import { decideSend, normalizeMessageText, textLength } from '@shared/rules'
import { describe, expect, it } from 'vitest'
import { ctx, expectRefusal } from './fixtures'

const E = '😀' // one code point, two UTF-16 units

describe('R14 textLength counts code points', () => {
  it.each([
    { name: 'empty', text: '', length: 0 },
    { name: 'ascii', text: 'hello', length: 5 },
    { name: 'one emoji', text: E, length: 1 },
    { name: '2000 emoji', text: E.repeat(2000), length: 2000 },
    { name: 'accented letter (precomposed)', text: 'é', length: 1 },
    { name: 'newline and tab count', text: 'a\nb\tc', length: 5 },
  ])('R14 textLength($name) = $length', ({ text, length }) => {
    expect(textLength(text)).toBe(length)
  })
})

describe('R14 normalizeMessageText', () => {
  const accepted: { name: string; raw: string; stored: string }[] = [
    { name: 'one character', raw: 'a', stored: 'a' },
    { name: 'exactly 2000 characters', raw: 'x'.repeat(2000), stored: 'x'.repeat(2000) },
    { name: 'exactly 2000 emoji (4000 UTF-16 units)', raw: E.repeat(2000), stored: E.repeat(2000) },
    { name: '1999 letters + 1 emoji', raw: 'x'.repeat(1999) + E, stored: 'x'.repeat(1999) + E },
    { name: '2000 characters plus surrounding spaces (trimmed first)', raw: `   ${'x'.repeat(2000)}\n\t `, stored: 'x'.repeat(2000) },
    { name: 'leading/trailing whitespace trimmed, inner kept exactly', raw: ' \t\n  hello   world \t x \n ', stored: 'hello   world \t x' },
    { name: 'CRLF stored as LF', raw: 'line one\r\nline two', stored: 'line one\nline two' },
    { name: 'several CRLF, blank line kept', raw: 'a\r\n\r\nb', stored: 'a\n\nb' },
    { name: 'trailing CRLF trimmed', raw: 'bye\r\n', stored: 'bye' },
    { name: 'tab and LF kept inside', raw: 'a\tb\nc', stored: 'a\tb\nc' },
    { name: 'unicode kept exactly (no normalisation)', raw: 'cafe\u0301 Ωmega', stored: 'cafe\u0301 Ωmega' },
    { name: 'zero-width joiner emoji kept', raw: '👩‍💻', stored: '👩‍💻' },
    { name: 'inner non-breaking space kept', raw: 'a\u00a0b', stored: 'a\u00a0b' },
  ]
  it.each(accepted)('R14 accepts $name', ({ raw, stored }) => {
    expect(normalizeMessageText(raw)).toEqual({ ok: true, text: stored })
  })

  const refused: { name: string; raw: string; reason: RegExp }[] = [
    { name: 'empty', raw: '', reason: /empty/ },
    { name: 'spaces only', raw: '     ', reason: /empty/ },
    { name: 'whitespace only (tab, LF, CRLF, NBSP)', raw: ' \t\n\r\n\u00a0 ', reason: /empty/ },
    { name: '2001 characters', raw: 'x'.repeat(2001), reason: /2001 characters/ },
    { name: '2001 emoji', raw: E.repeat(2001), reason: /2001 characters/ },
    { name: '2000 letters + 1 emoji', raw: 'x'.repeat(2000) + E, reason: /2001 characters/ },
    { name: 'lone CR inside', raw: 'a\rb', reason: /carriage return/ },
    { name: 'lone CR at the end (not trimmed away)', raw: 'abc\r', reason: /carriage return/ },
    { name: 'LF CR (reversed pair)', raw: 'a\n\rb', reason: /carriage return/ },
    { name: 'CR CR LF', raw: 'a\r\r\nb', reason: /carriage return/ },
    { name: 'NUL', raw: 'a\u0000b', reason: /control character/ },
    { name: 'BEL', raw: 'ding\u0007', reason: /control character/ },
    { name: 'backspace', raw: 'a\bb', reason: /control character/ },
    { name: 'vertical tab', raw: 'a\u000bb', reason: /control character/ },
    { name: 'form feed', raw: 'a\u000cb', reason: /control character/ },
    { name: 'escape', raw: '\u001b[31mred', reason: /control character/ },
    { name: 'unit separator', raw: 'a\u001fb', reason: /control character/ },
    { name: 'DEL', raw: 'a\u007fb', reason: /control character/ },
    { name: 'C1 NEL (U+0085)', raw: 'a\u0085b', reason: /control character/ },
    { name: 'C1 U+0080', raw: 'a\u0080b', reason: /control character/ },
    { name: 'C1 U+009F', raw: 'a\u009fb', reason: /control character/ },
    { name: 'control character at the edge (not trimmed away)', raw: '\u0000hello', reason: /control character/ },
    { name: 'lone high surrogate', raw: 'a\ud800b', reason: /broken/ },
    { name: 'lone low surrogate', raw: 'a\udc00b', reason: /broken/ },
    { name: 'emoji cut in half at the end', raw: `ok ${E.slice(0, 1)}`, reason: /broken/ },
  ]
  it.each(refused)('R14 refuses $name', ({ raw, reason }) => {
    const refusal = expectRefusal(normalizeMessageText(raw), 'MESSAGE_INVALID')
    expect(refusal.message).toMatch(reason)
    expect(refusal.retryAt).toBeUndefined()
  })

  it('R14 the length limit follows the policy object', () => {
    const policy = { ...DEFAULT_POLICY, messageMaxLength: 5 }
    expect(normalizeMessageText('12345', policy)).toEqual({ ok: true, text: '12345' })
    expectRefusal(normalizeMessageText('123456', policy), 'MESSAGE_INVALID')
  })
})

describe('R14 decideSend stores the normalised text', () => {
  it.each([
    { name: 'trimmed, CRLF → LF', raw: '  hi\r\nthere\t ', stored: 'hi\nthere' },
    { name: '2000 emoji', raw: E.repeat(2000), stored: E.repeat(2000) },
  ])('R14 $name', ({ raw, stored }) => {
    expect(decideSend(ctx(), raw)).toMatchObject({ ok: true, delivery: 'direct', text: stored })
  })

  it.each([
    { name: 'whitespace only', raw: ' \n ' },
    { name: '2001 emoji', raw: E.repeat(2001) },
    { name: 'lone CR', raw: 'a\rb' },
    { name: 'BEL', raw: '\u0007' },
    { name: 'lone surrogate', raw: '\ud800' },
  ])('R14 decideSend refuses $name with MESSAGE_INVALID', ({ raw }) => {
    expectRefusal(decideSend(ctx(), raw), 'MESSAGE_INVALID')
  })
})
