// Files that are valid JSON but hold no Envelope data stop start-up with a StoreCorruptError
// that names them, never a TypeError, and nothing in the folder is touched.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { StoreCorruptError } from '../../main/store/log'
import { Store } from '../../main/store/store'

let dataDir: string
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'envelope-shape-'))
})
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

async function segment(records: unknown[]): Promise<string> {
  await mkdir(join(dataDir, 'log'), { recursive: true })
  // A folder with a log has its node.json (without one the start refuses before reading the log).
  await writeFile(join(dataDir, 'node.json'), JSON.stringify({ id: 'n_x', name: 'Shapes', createdAt: at }))
  const file = join(dataDir, 'log', '000001.json')
  await writeFile(file, JSON.stringify({ records }))
  return file
}

const at = '2026-01-01T00:00:00.000Z'
const cases: [string, unknown[], RegExp][] = [
  ['a record of an unknown type', [{ seq: 1, type: 'hello', id: 'n_x:1', origin: 'n_x', at }], /unknown type/],
  ['a record without its id', [{ seq: 1, type: 'follow.added', from: 'a', to: 'b', origin: 'n_x', at }], /id, origin or time/],
  [
    'a message without its text',
    [{ seq: 1, type: 'message.sent', id: 'n_x:1', origin: 'n_x', at, conversationId: 'c', message: { id: 'm', from: 'a', to: 'b', sentAt: at, conversationId: 'c' } }],
    /no valid message/,
  ],
  ['an account without a handle', [{ seq: 1, type: 'account.created', id: 'n_x:1', origin: 'n_x', at, account: { id: 'a' }, settings: {} }], /no valid account/],
  ['a follow naming one account', [{ seq: 1, type: 'follow.added', id: 'n_x:1', origin: 'n_x', at, from: 'a' }], /both accounts/],
  [
    'a mute without its viewer',
    [{ seq: 1, type: 'conversation.muted', id: 'n_x:1', origin: 'n_x', at, conversationId: 'c', muted: true, until: null }],
    /not a valid conversation.muted event \(by\)/,
  ],
  ['a record whose time is not a time', [{ seq: 1, type: 'follow.added', id: 'n_x:1', origin: 'n_x', at: 'yesterday noon', from: 'a', to: 'b' }], /id, origin or time/],
]

describe('store start-up on well-formed JSON that is not Envelope data', () => {
  it.each(cases)('refuses %s, naming the log and leaving the file as it was', async (_name, records, problem) => {
    const file = await segment(records)
    const before = await readFile(file)
    const error = await Store.open({ dataDir }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StoreCorruptError)
    expect((error as Error).message).toMatch(problem)
    expect((error as Error).message).toContain(join(dataDir, 'log'))
    expect(await readFile(file)).toEqual(before)
  })

  it('refuses a node.json that holds no node id, and leaves it as it was', async () => {
    const file = join(dataDir, 'node.json')
    await writeFile(file, JSON.stringify({ hello: 'world' }))
    const error = await Store.open({ dataDir }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StoreCorruptError)
    expect((error as Error).message).toContain(file)
    expect(await readFile(file, 'utf8')).toBe(JSON.stringify({ hello: 'world' }))
  })
})
