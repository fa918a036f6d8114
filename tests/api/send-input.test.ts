// The send's hand-written check (main/http/send-input.ts) against sendMessageSchema: whatever it
// takes, it takes as zod would, to the same value and key order; what it leaves, zod judges.
import { describe, expect, it } from 'vitest'
import { SEND_TEXT_MAX_LENGTH, sendMessageSchema } from '@shared/schemas'
import { plainSendInput } from '../../main/http/send-input'

const ok = { to: 'a_reader', text: 'hello', clientId: 'c-1' }

/** Inputs around every bound and type the schema has, as JSON.parse would give them. */
const inputs: unknown[] = [
  ok,
  { clientId: 'c-1', text: 'hello', to: 'a_reader' },
  { ...ok, to: '  @bob  ' },
  { ...ok, to: '\t\n' },
  { ...ok, to: '' },
  { ...ok, to: 'x'.repeat(64) },
  { ...ok, to: 'x'.repeat(65) },
  { ...ok, to: ` ${'x'.repeat(64)} ` },
  { ...ok, to: '\u00a0@bob\u2028' },
  { ...ok, text: '' },
  { ...ok, text: 'x'.repeat(SEND_TEXT_MAX_LENGTH) },
  { ...ok, text: 'x'.repeat(SEND_TEXT_MAX_LENGTH + 1) },
  { ...ok, text: '👋'.repeat(SEND_TEXT_MAX_LENGTH / 2) },
  { ...ok, text: `${'👋'.repeat(SEND_TEXT_MAX_LENGTH / 2)}x` },
  { ...ok, text: 'line\r\nline \u0000' },
  { ...ok, clientId: '' },
  { ...ok, clientId: 'a'.repeat(100) },
  { ...ok, clientId: 'a'.repeat(101) },
  { ...ok, clientId: 'Az09._:-' },
  { ...ok, clientId: 'c 1' },
  { ...ok, clientId: 'c-1\n' },
  { ...ok, clientId: 'é' },
  { ...ok, to: 5 },
  { ...ok, text: null },
  { ...ok, clientId: ['c'] },
  { to: 'a_reader', text: 'hello' },
  { to: 'a_reader', clientId: 'c-1' },
  { text: 'hello', clientId: 'c-1' },
  { ...ok, extra: 1 },
  { ...ok, extra: undefined },
  JSON.parse('{"to":"a_reader","text":"hello","clientId":"c-1","__proto__":{"x":1}}'),
  JSON.parse('{"__proto__":{"to":"a_reader"},"text":"hello","clientId":"c-1","x":1}'),
  Object.assign(Object.create({ to: 'a_reader' }) as object, { text: 'hello', clientId: 'c-1', x: 1 }),
  Object.assign(Object.create(null) as object, ok),
  {},
  [],
  ['a_reader', 'hello', 'c-1'],
  null,
  'text',
  3,
  true,
]

describe('plainSendInput', () => {
  it.each(inputs.map((input) => [JSON.stringify(input) ?? String(input), input]))('%s: as sendMessageSchema', (_, input) => {
    const taken = plainSendInput(input)
    const parsed = sendMessageSchema.safeParse(input)
    if (taken !== undefined) {
      expect(parsed.success).toBe(true)
      expect(JSON.stringify(taken)).toBe(JSON.stringify(parsed.data))
      expect(taken).not.toBe(input)
    }
  })

  it('takes the plain valid sends itself (the fast path is used)', () => {
    for (const input of [ok, inputs[1], inputs[2], inputs[5], inputs[10], inputs[12], inputs[16], inputs[18]]) {
      expect(plainSendInput(input)).toEqual(sendMessageSchema.parse(input))
    }
  })
})
