// The segmented event log: append, replay, group commit, segment rollover.
import { cp, readdir } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { createEventLog, SegmentedLog, StoreStateError, StoreWriteError } from '../../main/store/log'
import type { FileOps } from '../../main/store/log/file-ops'
import { realFileOps } from '../../main/store/log/file-ops'
import type { Msg } from './log-helpers'
import { ControlledFiles, logFiles, msg, readSegment, segmentFiles, tempDirs } from './log-helpers'

const dirs = tempDirs()
afterEach(dirs.cleanup)

async function reopen(dir: string, segmentSize?: number): Promise<Msg[]> {
  const log = new SegmentedLog<Msg>({ dir, segmentSize })
  const records = await log.open()
  await log.close()
  return records
}

/**
 * Waits (bounded: 400 tries, 5 ms apart) until no background seal is under way in the folder:
 * `sealed` documents there, no temp file, no active file beside its sealed copy. Only then is
 * a file-by-file copy of the folder what a crash would leave.
 */
async function untilSealsDone(dir: string, sealed: number): Promise<void> {
  const busy = (names: string[]) =>
    names.filter((n) => /^\d{6}\.json$/.test(n)).length < sealed || names.some((n) => n.endsWith('.tmp') || (n.endsWith('.jsonl') && names.includes(n.slice(0, -1))))
  for (let i = 0; i < 400 && busy(await readdir(dir)); i++) {
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  expect(busy(await readdir(dir))).toBe(false)
}

function expectGapFree(records: Msg[], count: number): void {
  expect(records).toHaveLength(count)
  records.forEach((r, i) => expect(r.seq).toBe(i + 1))
}

describe('SegmentedLog: append and replay', () => {
  it('starts empty, creating its folder', async () => {
    const dir = `${await dirs.make()}/nested/log`
    const log = new SegmentedLog<Msg>({ dir })
    expect(await log.open()).toEqual([])
    expect(log.lastSeq).toBe(0)
    await log.close()
    expect(await segmentFiles(dir)).toEqual([])
  })

  it('assigns seqs synchronously and replays every record in order after reopen', async () => {
    const dir = await dirs.make()
    const log = new SegmentedLog<Msg>({ dir })
    await log.open()
    const a = log.append([msg('a'), msg('b')])
    expect(a.records.map((r) => r.seq)).toEqual([1, 2])
    expect(log.lastSeq).toBe(2)
    const b = log.append([msg('c')])
    expect(b.records).toEqual([{ seq: 3, kind: 'msg', text: 'c' }])
    await Promise.all([a.durable, b.durable])
    expect(log.durableSeq).toBe(3)
    await log.close()

    const replay = await reopen(dir)
    expect(replay.map((r) => r.text)).toEqual(['a', 'b', 'c'])
    expectGapFree(replay, 3)

    // A reopened log continues the numbering.
    const again = new SegmentedLog<Msg>({ dir })
    await again.open()
    expect(again.lastSeq).toBe(3)
    await again.append([msg('d')]).durable
    await again.close()
    expectGapFree(await reopen(dir), 4)
  })

  it('returns what a replay returns: frozen JSON copies, with the log-assigned seq winning', async () => {
    const dir = await dirs.make()
    const log = new SegmentedLog<Msg>({ dir })
    await log.open()
    const input = { kind: 'msg', text: 'x', at: new Date(0), gone: undefined, seq: 99 } as unknown as Msg
    const { records, durable } = log.append([input])
    await durable
    // The log shares its copy with the caller: it is frozen, so nobody can change what the log holds.
    expect(() => (records[0].text = 'mutated')).toThrow(TypeError)
    await log.append([msg('y')]).durable
    await log.close()
    const replay = await reopen(dir)
    expect(replay[0]).toEqual({ seq: 1, kind: 'msg', text: 'x', at: '1970-01-01T00:00:00.000Z' })
    expect(replay[1].text).toBe('y')
  })

  it('keeps a record that already carries the seq it gets (the store hands its stamped events over), copies any other', async () => {
    const dir = await dirs.make()
    const log = new SegmentedLog<Msg>({ dir })
    await log.open()
    const handedOver = { seq: 1, ...msg('mine') }
    const stray = { seq: 7, ...msg('stray') }
    const plain = msg('plain')
    const { records, durable } = log.append([handedOver, stray, plain])
    await durable
    expect(records[0]).toBe(handedOver)
    expect(Object.isFrozen(handedOver)).toBe(true)
    // A wrong seq is the caller's, not the log's: copied with the right one, the caller's object left as it was.
    expect(records[1]).not.toBe(stray)
    expect(records[1].seq).toBe(2)
    expect(stray.seq).toBe(7)
    expect(Object.isFrozen(stray)).toBe(false)
    expect(records[2]).not.toBe(plain)
    await log.close()
    expect((await reopen(dir)).map((r) => [r.seq, r.text])).toEqual([
      [1, 'mine'],
      [2, 'stray'],
      [3, 'plain'],
    ])
  })

  it('refuses records that are not JSON objects without using up a seq', async () => {
    const dir = await dirs.make()
    const log = new SegmentedLog<Msg>({ dir })
    await log.open()
    expect(() => log.append([{ kind: 'msg', text: 'x', big: 1n } as unknown as Msg])).toThrow(TypeError)
    expect(() => log.append([null as unknown as Msg])).toThrow(TypeError)
    expect(log.lastSeq).toBe(0)
    const empty = log.append([])
    expect(empty.records).toEqual([])
    await empty.durable
    expect(log.append([msg('ok')]).records[0].seq).toBe(1)
    await log.close()
  })

  it('enforces open-before-append and no append after close', async () => {
    const dir = await dirs.make()
    const log = createEventLog<Msg>({ dir })
    expect(() => log.append([msg('early')])).toThrow(StoreStateError)
    await log.open()
    await expect(log.open()).rejects.toThrow(StoreStateError)
    const last = log.append([msg('last')])
    await log.close() // waits for the pending write
    await expect(last.durable).resolves.toBeUndefined()
    expect(() => log.append([msg('late')])).toThrow(StoreStateError)
    expect((await reopen(dir)).map((r) => r.text)).toEqual(['last'])
  })
})

/** Real file steps whose syncs finish only when the test says so, each with its outcome. */
class HeldSyncs {
  readonly syncs: { finish: (err?: Error) => void }[] = []
  writes = 0
  readonly files: FileOps = {
    ...realFileOps,
    openAppend: async (file) => {
      const real = await realFileOps.openAppend(file)
      return {
        write: (bytes) => {
          this.writes += 1
          return real.write(bytes)
        },
        sync: () =>
          new Promise<void>((resolve, reject) => {
            this.syncs.push({ finish: (err) => (err ? reject(err) : real.sync().then(resolve, reject)) })
          }),
        close: () => real.close(),
      }
    },
  }
}

const ticks = async (n = 5) => {
  for (let i = 0; i < n; i++) {
    await new Promise((resolve) => setImmediate(resolve))
  }
}

/** Waits (bounded: 400 tries, 5 ms apart) until the file steps have got this far. */
async function until(reached: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !reached(); i++) {
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  expect(reached()).toBe(true)
}

describe('SegmentedLog: pipelined syncs', () => {
  it('writes the next group while the previous sync is in flight, and acknowledges in order only', async () => {
    const dir = await dirs.make()
    const held = new HeldSyncs()
    const log = new SegmentedLog<Msg>({ dir, files: held.files })
    await log.open()
    const done: string[] = []
    const a = log.append([msg('a')]).durable.then(() => done.push('a'))
    await until(() => held.syncs.length === 1)
    const b = log.append([msg('b')]).durable.then(() => done.push('b'))
    // Both written, both syncs in flight.
    await until(() => held.syncs.length === 2)
    expect(held.writes).toBe(2)
    held.syncs[1].finish()
    await ticks()
    // b's own sync is done, but a's is not: b is not acknowledged before a.
    expect(done).toEqual([])
    expect(log.durableSeq).toBe(0)
    held.syncs[0].finish()
    await Promise.all([a, b])
    expect(done).toEqual(['a', 'b'])
    expect(log.durableSeq).toBe(2)
    await log.close()
    expect((await reopen(dir)).map((r) => r.text)).toEqual(['a', 'b'])
  })

  it('a failed sync fails its group and every later one, even one whose own sync succeeded', async () => {
    const dir = await dirs.make()
    const held = new HeldSyncs()
    const log = new SegmentedLog<Msg>({ dir, files: held.files })
    await log.open()
    const ok = log.append([msg('ok')]).durable
    await until(() => held.syncs.length === 1)
    held.syncs[0].finish()
    await ok
    const a = log.append([msg('a')]).durable
    await until(() => held.syncs.length === 2)
    const b = log.append([msg('b')]).durable
    await until(() => held.syncs.length === 3)
    held.syncs[2].finish()
    await ticks()
    held.syncs[1].finish(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }))
    const results = await Promise.allSettled([a, b])
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(StoreWriteError)
    expect(log.durableSeq).toBe(1)
    expect(log.fault).toBeInstanceOf(StoreWriteError)
    // recover() cuts the file back to the last acknowledged append.
    expect(await log.recover()).toBe(true)
    await log.close()
    expect((await reopen(dir)).map((r) => r.text)).toEqual(['ok'])
  })
})

describe('SegmentedLog: group commit and segments', () => {
  it('makes 2,000 appends from one tick durable in far fewer writes', async () => {
    const dir = await dirs.make()
    const log = new SegmentedLog<Msg>({ dir, segmentSize: 512 })
    await log.open()
    const appends = Array.from({ length: 2000 }, (_, i) => log.append([msg(`m${i}`)]))
    expect(appends.map((a) => a.records[0].seq)).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1))
    await Promise.all(appends.map((a) => a.durable))
    // One write per filled segment: 512 + 512 + 512 + 464.
    expect(log.stats.writes).toBe(4)
    await log.close()
    const replay = await reopen(dir)
    expectGapFree(replay, 2000)
    expect(replay.map((r) => r.text)).toEqual(appends.map((_, i) => `m${i}`))
  })

  it('batches appends interleaved with awaits, every one durable and in order', async () => {
    const dir = await dirs.make()
    const log = new SegmentedLog<Msg>({ dir, segmentSize: 100 })
    await log.open()
    const durables: Promise<void>[] = []
    for (let i = 0; i < 2000; i++) {
      durables.push(log.append([msg(`m${i}`)]).durable)
      if (i % 7 === 0) {
        await Promise.resolve()
      }
      if (i % 50 === 0) {
        await new Promise((resolve) => setImmediate(resolve))
      }
    }
    await Promise.all(durables)
    expect(log.durableSeq).toBe(2000)
    expect(log.stats.writes).toBeGreaterThanOrEqual(20)
    expect(log.stats.writes).toBeLessThan(2000)
    await log.close()
    const replay = await reopen(dir)
    expectGapFree(replay, 2000)
    expect(replay[1999].text).toBe('m1999')
  })

  it('appends made while a write is in flight share the next write', async () => {
    const dir = await dirs.make()
    const ctl = new ControlledFiles()
    const log = new SegmentedLog<Msg>({ dir, files: ctl.files })
    await log.open()
    await log.append([msg('opens the active file')]).durable
    ctl.hold()
    const first = log.append([msg('first')])
    await new Promise((resolve) => setImmediate(resolve)) // the first append is now held in flight
    expect(ctl.appends).toHaveLength(2)
    const rest = []
    for (let i = 0; i < 100; i++) {
      rest.push(log.append([msg(`r${i}`)]))
      await Promise.resolve()
    }
    ctl.open()
    await Promise.all([first.durable, ...rest.map((r) => r.durable)])
    expect(log.stats.writes).toBe(3)
    await log.close()
    expectGapFree(await reopen(dir), 102)
  })

  it('appends go to one active file, sealed into a lowdb document when full, never splitting one append', async () => {
    const dir = await dirs.make()
    const log = new SegmentedLog<Msg>({ dir, segmentSize: 10 })
    await log.open()
    const singles = Array.from({ length: 25 }, (_, i) => log.append([msg(`s${i}`)]).durable)
    await Promise.all(singles)
    // 25 records: 10 + 10 sealed, 5 active. An append of 8 joins the 5; the 13 are sealed.
    const eight = log.append(Array.from({ length: 8 }, (_, i) => msg(`e${i}`)))
    await eight.durable
    // An append larger than a segment gets a segment of its own.
    const big = log.append(Array.from({ length: 23 }, (_, i) => msg(`b${i}`)))
    await big.durable
    await log.append([msg('tail')]).durable
    await log.close()

    expect(await logFiles(dir)).toEqual(['000001.json', '000002.json', '000003.json', '000004.json', '000005.jsonl'])
    const sizes = await Promise.all((await segmentFiles(dir)).map(async (f) => (await readSegment(dir, f)).length))
    expect(sizes).toEqual([10, 10, 13, 23])
    expect((await readSegment(dir, '000003.json')).slice(5).map((r) => r.seq)).toEqual(eight.records.map((r) => r.seq))
    expectGapFree(await reopen(dir, 10), 25 + 8 + 23 + 1)
  })

  it('each group write is one append to the active file; a seal writes the document, the table, then removes the file', async () => {
    const dir = await dirs.make()
    const ctl = new ControlledFiles()
    const log = new SegmentedLog<Msg>({ dir, segmentSize: 15, files: ctl.files })
    await log.open()
    const appends = Array.from({ length: 10 }, (_, i) => log.append([msg(`m${i}`), msg(`n${i}`), msg(`o${i}`)]))
    await Promise.all(appends.map((a) => a.durable))
    await log.close()
    // Segment 1 is sealed in the background while segment 2 takes its append, so the two
    // interleave; each keeps its own order.
    expect(ctl.steps.filter((s) => s.includes('000001.'))).toEqual(['open 000001.jsonl', 'append 000001.jsonl', 'write 000001.json', 'remove 000001.jsonl'])
    expect(ctl.steps.filter((s) => s.includes('000002.'))).toEqual(['open 000002.jsonl', 'append 000002.jsonl', 'write 000002.json', 'remove 000002.jsonl'])
    // Segment 3's file: the spare made when segment 2 started, never written, removed by close().
    expect(ctl.steps.filter((s) => s.includes('000003.'))).toEqual(['open 000003.jsonl', 'remove 000003.jsonl'])
    expect(ctl.steps.filter((s) => s === 'write segments.json')).toHaveLength(2)
    for (const n of [1, 2]) {
      // The table is written between the document and the removal of the active file.
      expect(ctl.steps.slice(ctl.steps.indexOf(`write 00000${n}.json`), ctl.steps.indexOf(`remove 00000${n}.jsonl`))).toContain('write segments.json')
    }
    // Segment 2's file was made ahead of the roll-over, before segment 1 was even written to.
    expect(ctl.steps.indexOf('open 000002.jsonl')).toBeLessThan(ctl.steps.indexOf('append 000001.jsonl'))
    expect(await logFiles(dir)).toEqual(['000001.json', '000002.json'])
  })

  it('reads durable records back by seq, from sealed documents and the active file', async () => {
    const dir = await dirs.make()
    const log = new SegmentedLog<Msg>({ dir, segmentSize: 4 })
    await log.open()
    for (let i = 1; i <= 11; i++) {
      await log.append([msg(`m${i}`)]).durable
    }
    expect(log.read(0).map((r) => r.seq)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1))
    expect(log.read(3, 3).map((r) => r.text)).toEqual(['m4', 'm5', 'm6'])
    expect(log.read(9).map((r) => r.text)).toEqual(['m10', 'm11'])
    expect(log.read(11)).toEqual([])
    await log.close()
    // A reopened log returns only what follows `after`, yet reads the rest on demand.
    const again = new SegmentedLog<Msg>({ dir, segmentSize: 4 })
    expect((await again.open({ after: 6 })).map((r) => r.seq)).toEqual([7, 8, 9, 10, 11])
    expect(again.read(1, 2).map((r) => r.text)).toEqual(['m2', 'm3'])
    await again.close()
  })

  it('a write is durable for a brand-new log on the same folder, without close()', async () => {
    const dir = await dirs.make()
    const writer = new SegmentedLog<Msg>({ dir, segmentSize: 4 })
    await writer.open()
    for (let i = 1; i <= 10; i++) {
      await writer.append([msg(`m${i}`)]).durable
      // Simulates a restart right after durable resolved: a fresh process reads the folder as
      // the writer left it (a copy: opening it seals a full segment and tidies spares, which
      // must not happen under the still-running writer; taken once its background seal is done).
      await untilSealsDone(dir, Math.floor(i / 4))
      const restarted = await dirs.make()
      await cp(dir, restarted, { recursive: true })
      const seen = await reopen(restarted, 4)
      expectGapFree(seen, i)
      expect(seen[i - 1].text).toBe(`m${i}`)
    }
    await writer.close()
  })
})
