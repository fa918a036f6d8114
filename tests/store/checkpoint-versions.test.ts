// Data folders written before the checkpoint's version 3 (a version-2 checkpoint.bin, whose
// plain parts are spelled out object by object instead of tagged `$j`) open from that
// checkpoint as they are, with nothing replayed that it covers and nothing lost; the next
// checkpoint is written in the current version.
import { readFile, rm } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { Store } from '../../main/store'
import type { StorageNotice } from '../../main/store'
import type { Json } from '../../main/store/checkpoint-codec'
import { checkpointPath } from '../../main/store/checkpoint'
import { HEADER_AT, LENGTH_AT, VERSION } from '../../main/store/checkpoint-layout'
import { tempDir } from '../api/support'
import { CONV, NOW, readCheckpoint, sent, writeCheckpointAs } from './old-checkpoints'
import { accountEvents } from './store-fixtures'

const made: string[] = []
afterEach(async () => {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })))
})

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
  const { header, blobs } = await readCheckpoint(dataDir)
  expect(header.version).toBe(VERSION)
  expect(JSON.stringify(header.state)).toContain('"$j"')
  await writeCheckpointAs(dataDir, header, 2, withoutPlainTags(header.state), blobs)
  return header.seq
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
