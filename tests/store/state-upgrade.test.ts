// Data folders whose checkpoint was written before version 4 (message times as Float64
// columns, cap windows as number arrays: main/store/state-upgrade.ts) open from that
// checkpoint with the same projection, the same caps (R12) and client ids (R18), nothing
// replayed that it covers; the next checkpoint is written in version 4.
import { readFile, rm } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import type { StorageNotice } from '../../main/store'
import { Store } from '../../main/store'
import type { Json } from '../../main/store/checkpoint-codec'
import { encodeState } from '../../main/store/checkpoint-codec'
import { decodeState } from '../../main/store/checkpoint-decode'
import { checkpointPath } from '../../main/store/checkpoint'
import { HEADER_AT, LENGTH_AT, VERSION } from '../../main/store/checkpoint-layout'
import type { MessageRefs } from '../../main/store/message-refs'
import { timeAt } from '../../main/store/message-times'
import type { StoreState } from '../../main/store/state'
import type { TimeList } from '../../main/store/time-list'
import { timesIn } from '../../main/store/time-list'
import { tempDir } from '../api/support'
import { CONV, NOW, readCheckpoint, sent, writeCheckpointAs } from './old-checkpoints'
import { accountEvents } from './store-fixtures'

const made: string[] = []
afterEach(async () => {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })))
})

/** The checkpoint's state in version 3's shapes: Float64 times without eras, cap windows as number arrays. */
function asVersion3(state: StoreState): unknown {
  const conversations = new Map(
    [...state.conversations].map(([id, conv]) => {
      const refs = conv.refs as MessageRefs
      const times = Float64Array.from({ length: refs.length }, (_, i) => timeAt(refs, i))
      return [id, { ...conv, refs: { length: refs.length, seqs: refs.seqs, times, idHashes: refs.idHashes, flags: refs.flags } }]
    }),
  )
  const arrays = (m: Map<string, TimeList>) => new Map([...m].map(([k, list]) => [k, [...timesIn(list)]]))
  return { ...state, conversations, sendTimes: arrays(state.sendTimes), newConversationTimes: arrays(state.newConversationTimes) }
}

/** Rewrites checkpoint.bin as version 3 wrote it: same layout, that version, its shapes. */
async function downgradeToVersion3(dataDir: string): Promise<void> {
  const { header, blobs } = await readCheckpoint(dataDir)
  expect(header.version).toBe(VERSION)
  const state = decodeState(
    header.state,
    blobs.map((b) => b.slice()),
  ) as StoreState
  const oldBlobs: Uint8Array[] = []
  const old = JSON.parse(JSON.stringify(encodeState(asVersion3(state), oldBlobs))) as Json
  await writeCheckpointAs(dataDir, header, 3, old, oldBlobs)
}

describe('a version-3 checkpoint (Float64 message times, cap windows as arrays)', () => {
  it('R12 R18 is upgraded as it is read: same projection, same send history, client ids found, next checkpoint version 4', async () => {
    const dataDir = await tempDir('envelope-ckpt-v3-')
    made.push(dataDir)
    const first = await Store.open({ dataDir, clock: () => NOW })
    await first.commit(accountEvents(['a_ann', 'a_bob'], NOW)).durable
    // More than 64 sends from each side, so version 3 held their cap windows as number blobs.
    await first.commit(Array.from({ length: 150 }, (_, i) => sent(i))).durable
    const before = first.snapshot()
    const history = { ann: first.sendHistory('a_ann'), bob: first.sendHistory('a_bob') }
    await first.close()
    await downgradeToVersion3(dataDir)

    const notices: StorageNotice[] = []
    const reopened = await Store.open({ dataDir, clock: () => NOW, onStorageNotice: (n) => notices.push(n) })
    expect(notices).toEqual([])
    expect(reopened.snapshot()).toEqual(before)
    expect(reopened.sendHistory('a_ann')).toEqual(history.ann)
    expect([...reopened.sendHistory('a_bob').messageTimes]).toHaveLength(75)
    expect(reopened.messageByClientId('a_ann', 'c1')?.id).toBe('m_1')
    expect(reopened.messagesPage(CONV, 'a_ann', undefined, 3)).toMatchObject({ messages: [{ id: 'm_147' }, { id: 'm_148' }, { id: 'm_149' }], hasMore: true })
    await reopened.commit([sent(150)]).durable
    await reopened.close()
    const rewritten = await readFile(checkpointPath(dataDir))
    expect(JSON.parse(rewritten.subarray(HEADER_AT, HEADER_AT + rewritten.readUInt32LE(LENGTH_AT)).toString('utf8')).version).toBe(4)
    const again = await Store.open({ dataDir, clock: () => NOW })
    expect(again.messageByClientId('a_bob', 'c150')?.id).toBe('m_150')
    expect(again.sendHistory('a_bob').messageTimes).toHaveLength(76)
    await again.close()
  })
})
