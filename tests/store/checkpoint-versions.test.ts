// Data folders written before the checkpoint's version 3 (a version-2 checkpoint.bin, whose
// plain parts are spelled out object by object instead of tagged `$j`) open from that
// checkpoint as they are, with nothing replayed that it covers and nothing lost; the next
// checkpoint is written in the current version.
import { readFile, rm, writeFile } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import type { DomainEvent } from '../../main/store'
import { conversationIdFor, Store } from '../../main/store'
import type { StorageNotice } from '../../main/store'
import type { Json } from '../../main/store/checkpoint-codec'
import { checkpointPath } from '../../main/store/checkpoint'
import { digest, DIGEST, HEADER_AT, LENGTH_AT, MAGIC, VERSION } from '../../main/store/checkpoint-layout'
import { tempDir } from '../api/support'
import { accountEvents } from './store-fixtures'

const made: string[] = []
afterEach(async () => {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })))
})

const NOW = new Date('2026-03-10T12:00:00.000Z')
const CONV = conversationIdFor('a_ann', 'a_bob')

function sent(i: number): DomainEvent {
  const from = i % 2 ? 'a_ann' : 'a_bob'
  const to = i % 2 ? 'a_bob' : 'a_ann'
  const message = {
    id: `m_${i}`,
    conversationId: CONV,
    from,
    to,
    text: `hello ${i}`,
    sentAt: new Date(NOW.getTime() + i * 1000).toISOString(),
    clientId: `c${i}`,
    delivery: 'direct' as const,
  }
  return { type: 'message.sent', conversationId: CONV, message, newConversation: i === 0, acceptsRequest: false }
}

/** A plain value as version 2 spelled it: every object tagged `$obj`, arrays element by element. */
function spelledOut(v: Json): Json {
  if (Array.isArray(v)) {
    return v.map(spelledOut)
  }
  if (typeof v === 'object' && v !== null) {
    return { $obj: Object.fromEntries(Object.entries(v).map(([k, x]) => [k, spelledOut(x)])) }
  }
  return v
}

/** The same value with each `$j` part written the version-2 way. */
function withoutPlainTags(v: Json): Json {
  if (Array.isArray(v)) {
    return v.map(withoutPlainTags)
  }
  if (typeof v === 'object' && v !== null) {
    if ('$j' in v) {
      return spelledOut(v.$j)
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withoutPlainTags(x)]))
  }
  return v
}

/** Rewrites checkpoint.bin as version 2 wrote it: same layout, version 2, no `$j`, blobs re-placed after the new header. */
async function downgradeToVersion2(dataDir: string): Promise<number> {
  const bytes = await readFile(checkpointPath(dataDir))
  const header = JSON.parse(bytes.subarray(HEADER_AT, HEADER_AT + bytes.readUInt32LE(LENGTH_AT)).toString('utf8')) as {
    version: number
    state: Json
    blobs: [number, number][]
  }
  expect(header.version).toBe(VERSION)
  expect(JSON.stringify(header.state)).toContain('"$j"')
  const blobs = header.blobs.map(([offset, length]) => bytes.subarray(offset, offset + length))
  const state = withoutPlainTags(header.state)
  const align = (n: number) => (n + 7) & ~7
  // A generous first offset, then each blob 8-byte aligned after the one before.
  const first = align(HEADER_AT + JSON.stringify({ ...header, version: 2, state }).length + 32 * blobs.length + 64)
  let offset = first
  const placed = blobs.map((b) => {
    const at = offset
    offset = align(offset + b.length)
    return [at, b.length] as [number, number]
  })
  const text = Buffer.from(JSON.stringify({ ...header, version: 2, state, blobs: placed }))
  expect(HEADER_AT + text.length).toBeLessThanOrEqual(first)
  const out = Buffer.alloc(placed.length ? placed[placed.length - 1][0] + placed[placed.length - 1][1] : first)
  out.write(MAGIC, 0, 'latin1')
  out.writeUInt32LE(text.length, LENGTH_AT)
  text.copy(out, HEADER_AT)
  blobs.forEach((b, i) => out.set(b, placed[i][0]))
  digest(out.subarray(MAGIC.length + DIGEST)).copy(out, MAGIC.length)
  await writeFile(checkpointPath(dataDir), out)
  return (header as unknown as { seq: number }).seq
}

describe('a version-2 checkpoint (written before plain parts were tagged)', () => {
  it('is used at start as it is: same projection, client ids still deduplicated (R18), nothing replayed that it covers', async () => {
    const dataDir = await tempDir('envelope-ckpt-v2-')
    made.push(dataDir)
    const first = await Store.open({ dataDir, clock: () => NOW })
    await first.commit(accountEvents(['a_ann', 'a_bob'], NOW)).durable
    // More than 64 sends from each side, so cap windows go as number blobs too.
    await first.commit(Array.from({ length: 150 }, (_, i) => sent(i))).durable
    await first.commit([{ type: 'conversation.read', conversationId: CONV, by: 'a_bob', upTo: `${new Date(NOW.getTime() + 40_000).toISOString()}|m_40` }]).durable
    const before = first.snapshot()
    await first.close()
    const seq = await downgradeToVersion2(dataDir)
    expect(seq).toBe(first.lastSeq)

    const notices: StorageNotice[] = []
    const reopened = await Store.open({ dataDir, clock: () => NOW, onStorageNotice: (n) => notices.push(n) })
    expect(notices).toEqual([])
    expect(reopened.snapshot()).toEqual(before)
    expect(reopened.messageByClientId('a_ann', 'c1')?.id).toBe('m_1')
    expect(reopened.messageByClientId('a_bob', 'c1')).toBeUndefined()
    // One more event, so the close writes a checkpoint: in the current version.
    await reopened.commit([sent(150)]).durable
    await reopened.close()
    const rewritten = await readFile(checkpointPath(dataDir))
    expect(JSON.parse(rewritten.subarray(HEADER_AT, HEADER_AT + rewritten.readUInt32LE(LENGTH_AT)).toString('utf8')).version).toBe(VERSION)
    const again = await Store.open({ dataDir, clock: () => NOW, onStorageNotice: (n) => notices.push(n) })
    expect(notices).toEqual([])
    expect(again.messageByClientId('a_bob', 'c150')?.id).toBe('m_150')
    await again.close()
  })
})
