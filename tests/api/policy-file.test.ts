// `--policy FILE`: an operator's numbers replace the defaults (docs/RULES.md keeps them in one
// object); a file that would break the rules is refused at start with a sentence.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_POLICY } from '@shared/policy'
import { CliError } from '../../main/node/config'
import { loadPolicy } from '../../main/node/policy-file'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'envelope-policy-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

let n = 0
async function file(content: string): Promise<string> {
  const path = join(dir, `p${n++}.json`)
  await writeFile(path, content)
  return path
}

describe('loadPolicy', () => {
  it('R12 merges nested numbers over the defaults and keeps the rest', async () => {
    const policy = loadPolicy(await file(JSON.stringify({ caps: { personal: { messagesPerDay: 20 } }, messageMaxLength: 500 })))
    expect(policy.caps.personal).toEqual({ ...DEFAULT_POLICY.caps.personal, messagesPerDay: 20 })
    expect(policy.caps.verifiedBusiness).toEqual(DEFAULT_POLICY.caps.verifiedBusiness)
    expect(policy.messageMaxLength).toBe(500)
  })

  it.each([
    ['a cap of 0 (R12)', { caps: { personal: { messagesPerDay: 0 } } }, /whole number of at least 1/],
    ['a fractional burst limit (R13)', { caps: { personal: { newConversationsPerBurst: 0.5 } } }, /whole number of at least 1/],
    ['a negative window', { capWindowMs: -5 }, /whole number of at least 1/],
    ['a number given as text', { messageMaxLength: '2000' }, /whole number of at least 1/],
    ['an unknown setting', { caps: { personal: { messagesPerWeek: 5 } } }, /unknown setting "caps.personal.messagesPerWeek"/],
    ['an object where a number belongs', { caps: 5 }, /must be an object/],
    ['mute durations that are not whole numbers', { muteDurationsMs: [3600000, 0] }, /list of whole numbers/],
  ])('refuses %s with a sentence', async (_name, content, message) => {
    const path = await file(JSON.stringify(content))
    expect(() => loadPolicy(path)).toThrow(CliError)
    expect(() => loadPolicy(path)).toThrow(message)
  })

  it('refuses a file that is not a JSON object', async () => {
    expect(() => loadPolicy(join(dir, 'missing.json'))).toThrow(/cannot be read as JSON/)
    const list = await file('[1, 2]')
    expect(() => loadPolicy(list)).toThrow(/must hold a JSON object/)
  })
})
