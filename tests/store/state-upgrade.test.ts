// Data folders whose checkpoint was written before version 4 (message times as Float64
// columns, cap windows as number arrays: main/store/state-upgrade.ts) open from that
// checkpoint with the same projection, the same caps (R12) and client ids (R18), nothing
// replayed that it covers; the next checkpoint is written in version 4.
import { readFile, rm, writeFile } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import type { DomainEvent, StorageNotice } from '../../main/store'
import { conversationIdFor, Store } from '../../main/store'
import type { Json } from '../../main/store/checkpoint-codec'
import { encodeState } from '../../main/store/checkpoint-codec'
import { decodeState } from '../../main/store/checkpoint-decode'
import { checkpointPath } from '../../main/store/checkpoint'
import { digest, DIGEST, HEADER_AT, LENGTH_AT, MAGIC, VERSION } from '../../main/store/checkpoint-layout'
import type { MessageRefs } from '../../main/store/message-refs'
import { timeAt } from '../../main/store/message-times'
import type { StoreState } from '../../main/store/state'
import type { TimeList } from '../../main/store/time-list'
import { timesIn } from '../../main/store/time-list'
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

type Header = { version: number; state: Json; blobs: [number, number][] }

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
  const bytes = await readFile(checkpointPath(dataDir))
  const header = JSON.parse(bytes.subarray(HEADER_AT, HEADER_AT + bytes.readUInt32LE(LENGTH_AT)).toString('utf8')) as Header
  expect(header.version).toBe(VERSION)
  const state = decodeState(
    header.state,
    header.blobs.map(([offset, length]) => bytes.slice(offset, offset + length)),
  ) as StoreState
  const blobs: Uint8Array[] = []
  const old = JSON.parse(JSON.stringify(encodeState(asVersion3(state), blobs))) as Json
  const align = (n: number) => (n + 7) & ~7
  const first = align(HEADER_AT + JSON.stringify({ ...header, version: 3, state: old }).length + 32 * blobs.length + 64)
  let offset = first
  const placed = blobs.map((b) => {
    const at = offset
    offset = align(offset + b.byteLength)
    return [at, b.byteLength] as [number, number]
  })
  const text = Buffer.from(JSON.stringify({ ...header, version: 3, state: old, blobs: placed }))
  const out = Buffer.alloc(placed.length ? placed[placed.length - 1][0] + placed[placed.length - 1][1] : first)
  out.write(MAGIC, 0, 'latin1')
  out.writeUInt32LE(text.length, LENGTH_AT)
  text.copy(out, HEADER_AT)
  blobs.forEach((b, i) => out.set(b, placed[i][0]))
  digest(out.subarray(MAGIC.length + DIGEST)).copy(out, MAGIC.length)
  await writeFile(checkpointPath(dataDir), out)
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
