// The background seal: a full segment is acknowledged without waiting for its seal, appends go
// on into the next active segment, reads see the being-sealed records throughout, and a crash
// at any step of the seal (both active files on disk) loses nothing acknowledged.
import { appendFile, readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { DomainEvent, StoredMessage } from '../../main/store'
import { conversationIdFor, Store } from '../../main/store'
import { SegmentedLog, StoreCorruptError } from '../../main/store/log'
import type { FileOps } from '../../main/store/log/file-ops'
import { realFileOps } from '../../main/store/log/file-ops'
import { stringifySegment } from '../../main/store/log/segment-files'
import type { Msg } from './log-helpers'
import { expectLogFiles, logFiles, msg, tempDirs } from './log-helpers'
import { accountEvents } from './store-fixtures'

const dirs = tempDirs()
afterEach(dirs.cleanup)

/** Real file steps, except that the one matching `held` waits until release() (forever: a crash there). */
function holding(held: (step: string, file: string) => boolean): { files: FileOps; release: () => void } {
  let release!: () => void
  const gate = new Promise<void>((resolve) => (release = resolve))
  const files: FileOps = {
    ...realFileOps,
    writeDurable: async (file, text) => {
      if (held('write', file)) {
        await gate
      }
      await realFileOps.writeDurable(file, text)
    },
    removeDurable: async (file) => {
      if (held('remove', file)) {
        await gate
      }
      await realFileOps.removeDurable(file)
    },
  }
  return { files, release }
}

async function replay(dir: string): Promise<Msg[]> {
  const log = new SegmentedLog<Msg>({ dir, segmentSize: 4 })
  const records = await log.open()
  await log.close()
  return records
}

/** Fills segment 1 (4 records, one append each), then 3 more records in segment 2. */
async function fillPastASegment(log: SegmentedLog<Msg>): Promise<string[]> {
  const texts = ['a', 'b', 'c', 'd', 'e', 'f', 'g']
  for (const t of texts) {
    await log.append([msg(t)]).durable
  }
  return texts
}

describe('SegmentedLog: sealing in the background', () => {
  it('acknowledges a full segment without waiting for its seal; the next segment takes appends and reads see both', async () => {
    const dir = await dirs.make()
    const { files, release } = holding((step, file) => step === 'write' && file.endsWith('000001.json'))
    const log = new SegmentedLog<Msg>({ dir, segmentSize: 4, files })
    await log.open()
    const texts = await fillPastASegment(log)
    // Segment 1's document is not written yet, and every append was acknowledged all the same
    // (000003.jsonl: the spare for the next roll-over).
    await expectLogFiles(dir, ['000001.jsonl', '000002.jsonl', '000003.jsonl'])
    expect(log.read(0).map((r) => r.text)).toEqual(texts)
    expect(log.read(2, 3).map((r) => r.text)).toEqual(['c', 'd', 'e'])
    expect(log.read(4, 1).map((r) => r.text)).toEqual(['e'])
    release()
    await log.close()
    expect(await logFiles(dir)).toEqual(['000001.json', '000002.jsonl'])
    // The document is made from each record's JSON as appended: the same text as serialising the records again.
    const sealedText = await readFile(join(dir, '000001.json'), 'utf8')
    expect(sealedText).toBe(stringifySegment({ records: (JSON.parse(sealedText) as { records: Msg[] }).records.map((r) => ({ ...r })) }))
    expect((await replay(dir)).map((r) => [r.seq, r.text])).toEqual(texts.map((t, i) => [i + 1, t]))
  })

  // A crash while the seal of segment 1 waits at each of its steps (never released), with
  // segment 2 already taking appends: what the next start finds on disk.
  const steps: { name: string; held: (step: string, file: string) => boolean; onDisk: string[] }[] = [
    { name: 'the document write', held: (step, file) => step === 'write' && file.endsWith('000001.json'), onDisk: ['000001.jsonl', '000002.jsonl', '000003.jsonl'] },
    {
      name: 'the table write',
      held: (step, file) => step === 'write' && file.endsWith('segments.json'),
      onDisk: ['000001.json', '000001.jsonl', '000002.jsonl', '000003.jsonl'],
    },
    {
      name: 'the removal of the active file',
      held: (step, file) => step === 'remove' && file.endsWith('000001.jsonl'),
      onDisk: ['000001.json', '000001.jsonl', '000002.jsonl', '000003.jsonl'],
    },
  ]
  for (const { name, held, onDisk } of steps) {
    it(`a crash during ${name} of a background seal: everything acknowledged is there once, in order, and the log goes on`, async () => {
      const dir = await dirs.make()
      const log = new SegmentedLog<Msg>({ dir, segmentSize: 4, files: holding(held).files })
      await log.open()
      const texts = await fillPastASegment(log)
      await expectLogFiles(dir, onDisk)
      // The process "dies" here: the log is abandoned, never closed, its seal never finishes.
      const again = new SegmentedLog<Msg>({ dir, segmentSize: 4 })
      expect((await again.open()).map((r) => [r.seq, r.text])).toEqual(texts.map((t, i) => [i + 1, t]))
      // The start finished the seal: one sealed document, one active file, its spare kept.
      expect(await logFiles(dir)).toEqual(['000001.json', '000002.jsonl', '000003.jsonl'])
      expect(again.read(0).map((r) => r.text)).toEqual(texts)
      await again.append([msg('h')]).durable
      await again.close()
      expect((await replay(dir)).map((r) => r.text)).toEqual([...texts, 'h'])
      expect((await readdir(dir)).filter((n) => n.includes('.tmp'))).toEqual([])
    })
  }

  it('refuses a being-sealed segment whose last append is cut short while a newer active file follows it', async () => {
    const dir = await dirs.make()
    const log = new SegmentedLog<Msg>({ dir, segmentSize: 4, files: holding((step, file) => step === 'write' && file.endsWith('000001.json')).files })
    await log.open()
    await fillPastASegment(log)
    const file = join(dir, '000001.jsonl')
    await appendFile(file, '[{"seq":5,"kind":"msg","te')
    const err = await new SegmentedLog<Msg>({ dir, segmentSize: 4 }).open().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(StoreCorruptError)
    expect((err as StoreCorruptError).file).toBe(file)
  })

  it('a segment that fills while the previous seal still runs waits for it: never more than one segment unsealed behind the active one', async () => {
    const dir = await dirs.make()
    const { files, release } = holding((step, file) => step === 'write' && file.endsWith('000001.json'))
    const log = new SegmentedLog<Msg>({ dir, segmentSize: 2, files })
    await log.open()
    await log.append([msg('a'), msg('b')]).durable
    // Fills segment 2 while segment 1's seal is held: its acknowledgement waits for that seal.
    const second = log.append([msg('c'), msg('d')]).durable
    let acknowledged = false
    void second.then(() => (acknowledged = true))
    // Written and synced (reads see it), yet not acknowledged while segment 1 is unsealed.
    while (log.read(0).length < 4) {
      await new Promise((resolve) => setImmediate(resolve))
    }
    expect(log.read(0).map((r) => r.text)).toEqual(['a', 'b', 'c', 'd'])
    expect(acknowledged).toBe(false)
    await expectLogFiles(dir, ['000001.jsonl', '000002.jsonl', '000003.jsonl'])
    release()
    await second
    await log.append([msg('e')]).durable
    await log.close()
    expect((await replay(dir)).map((r) => r.text)).toEqual(['a', 'b', 'c', 'd', 'e'])
  })
})

describe('Store reads while a segment is being sealed', () => {
  const NOW = new Date('2026-03-10T12:00:00.000Z')
  const CONV = conversationIdFor('a_ann', 'a_bob')
  const sent = (n: number): DomainEvent => {
    const message: StoredMessage = {
      id: `m_${n}`,
      conversationId: CONV,
      from: 'a_ann',
      to: 'a_bob',
      text: `message ${n}`,
      sentAt: new Date(NOW.getTime() + n).toISOString(),
      clientId: `c_${n}`,
      delivery: 'direct',
    }
    return { type: 'message.sent', conversationId: CONV, message, newConversation: n === 1, acceptsRequest: true }
  }

  it('message pages and events after a seq (Last-Event-ID resumes) include the being-sealed records', async () => {
    const dataDir = await dirs.make()
    const { files, release } = holding((step, file) => step === 'write' && file.endsWith('000001.json'))
    const store = await Store.open({ dataDir, clock: () => NOW, files, segmentSize: 4 })
    await store.commit(accountEvents(['a_ann', 'a_bob'], NOW)).durable
    for (let n = 1; n <= 5; n++) {
      await store.commit([sent(n)]).durable
    }
    const seqs = store.eventsAfter(0).map((e) => e.seq)
    expect(seqs.length).toBeGreaterThan(4)
    expect(seqs).toEqual(seqs.map((_, i) => i + 1))
    await expectLogFiles(join(dataDir, 'log'), ['000001.jsonl', '000002.jsonl', '000003.jsonl'])
    // A resume from inside the being-sealed segment, across into the active one.
    expect(store.eventsAfter(2, 4).map((e) => e.seq)).toEqual([3, 4, 5, 6])
    const page = store.messagesPage(CONV, 'a_bob', undefined, 50)
    expect(page === 'UNKNOWN_CURSOR' ? page : page.messages.map((m) => m.text)).toEqual([1, 2, 3, 4, 5].map((n) => `message ${n}`))
    expect(store.message('m_1', CONV)?.text).toBe('message 1')
    release()
    await store.close()
    const again = await Store.open({ dataDir, clock: () => NOW, segmentSize: 4 })
    expect(again.eventsAfter(0).map((e) => e.seq)).toEqual(seqs)
    await again.close()
  })
})
