// The segmented event log after crashes: leftovers, corruption, failed writes.
import { readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SegmentedLog, StorageUnavailableError, StoreCorruptError, StoreStateError, StoreWriteError } from '../../main/store/log'
import type { Msg } from './log-helpers'
import { ControlledFiles, logFiles, msg, tempDirs } from './log-helpers'

const dirs = tempDirs()
afterEach(dirs.cleanup)

/** A folder holding `count` records in segments of 10. */
async function filledLog(count: number): Promise<string> {
  const dir = await dirs.make()
  const log = new SegmentedLog<Msg>({ dir, segmentSize: 10 })
  await log.open()
  await Promise.all(Array.from({ length: count }, (_, i) => log.append([msg(`m${i + 1}`)]).durable))
  await log.close()
  return dir
}

async function openFails(dir: string): Promise<{ err: StoreCorruptError; log: SegmentedLog<Msg> }> {
  const log = new SegmentedLog<Msg>({ dir, segmentSize: 10 })
  const err = await log.open().then(
    () => null,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(StoreCorruptError)
  return { err: err as StoreCorruptError, log }
}

describe('SegmentedLog: crash leftovers and corruption', () => {
  it('ignores and removes temp files of interrupted writes, keeping the committed segments', async () => {
    const dir = await filledLog(15)
    const before = await readFile(join(dir, '000001.json'))
    // A crash mid-seal of segment 2, and one mid-write of the table: never renamed.
    await writeFile(join(dir, '.000002.json.4242-7.tmp'), '{"records":[\n{"seq":11,"kind":"msg"')
    await writeFile(join(dir, '.segments.json.4242-8.tmp'), '')
    await writeFile(join(dir, 'notes.txt'), 'not ours')

    const log = new SegmentedLog<Msg>({ dir, segmentSize: 10 })
    const records = await log.open()
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1))
    expect(await readFile(join(dir, '000001.json'))).toEqual(before)
    // 000003.jsonl: the spare for the next roll-over, made at open.
    expect((await readdir(dir)).sort()).toEqual(['000001.json', '000002.jsonl', '000003.jsonl', 'notes.txt', 'segments.json'])
    // And it carries on where the committed data ends.
    expect(log.append([msg('next')]).records[0].seq).toBe(16)
    await log.close()
  })

  it('rejects a truncated segment, names it, and leaves every byte (and temp file) in place', async () => {
    const dir = await filledLog(25)
    const bad = join(dir, '000002.json')
    await truncate(bad, 40)
    const temp = join(dir, '.000003.json.1-1.tmp')
    await writeFile(temp, 'partial')
    const bytes = await readFile(bad)

    const { err, log } = await openFails(dir)
    expect(err.file).toBe(bad)
    expect(err.message).toContain(bad)
    expect(err.message).toContain('not valid JSON')
    expect(err.message).toContain('will not overwrite')
    // The failed log writes nothing, ever.
    expect(() => log.append([msg('x')])).toThrow(StoreStateError)
    await log.close()
    expect(await readFile(bad)).toEqual(bytes)
    expect(await readFile(temp, 'utf8')).toBe('partial')
    expect(await logFiles(dir)).toEqual(['000001.json', '000002.json', '000003.jsonl'])
  })

  it('rejects an empty segment file', async () => {
    const dir = await filledLog(15)
    await writeFile(join(dir, '000001.json'), '')
    const { err } = await openFails(dir)
    expect(err.message).toContain('the file is empty')
  })

  it('rejects a seq gap across segments with the expected and found seqs', async () => {
    const dir = await filledLog(25)
    const file = join(dir, '000002.json')
    const doc = JSON.parse(await readFile(file, 'utf8')) as { records: Msg[] }
    doc.records.splice(0, 2) // segment 2 now starts at seq 13
    await writeFile(file, JSON.stringify(doc))
    const { err } = await openFails(dir)
    expect(err.file).toBe(file)
    expect(err.message).toContain('seq 11 expected, found 13')
  })

  it('rejects a duplicated seq inside a segment', async () => {
    const dir = await filledLog(18)
    const file = join(dir, '000001.json')
    const doc = JSON.parse(await readFile(file, 'utf8')) as { records: Msg[] }
    doc.records[4].seq = 4
    await writeFile(file, JSON.stringify(doc))
    const { err } = await openFails(dir)
    expect(err.message).toContain('record #4: seq 5 expected, found 4')
  })

  it('rejects a document of the wrong shape and a record that is not an object', async () => {
    const dir = await filledLog(12)
    await writeFile(join(dir, '000002.json'), '{"items":[]}')
    expect((await openFails(dir)).err.message).toContain('no "records" array')
    await writeFile(join(dir, '000002.json'), '{"records":[{"seq":11},"oops"]}')
    expect((await openFails(dir)).err.message).toContain('record #1 is not an object')
    await writeFile(join(dir, '000002.json'), 'null')
    expect((await openFails(dir)).err.message).toContain('null')
  })

  it('rejects a missing segment in the numbering', async () => {
    const dir = await filledLog(35)
    await rm(join(dir, '000002.json'))
    const { err } = await openFails(dir)
    expect(err.file).toBe(join(dir, '000003.json'))
    expect(err.message).toContain('000002.json is missing')
  })
})

describe('SegmentedLog: a failed write refuses appends until recover()', () => {
  it('rejects durable when the disk refuses a write, then refuses every append; the folder keeps what was durable', async () => {
    const dir = await dirs.make()
    const ctl = new ControlledFiles()
    const log = new SegmentedLog<Msg>({ dir, files: ctl.files })
    await log.open()
    await log.append([msg('saved')]).durable

    ctl.failWith = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })
    const lost = log.append([msg('lost')])
    expect(lost.records[0].seq).toBe(2) // handed out in memory, but void
    await expect(lost.durable).rejects.toThrow(StoreWriteError)
    await expect(lost.durable).rejects.toThrow(/could not write .*000001\.jsonl.*ENOSPC.*after seq 1 were not saved/)
    expect(log.durableSeq).toBe(1)

    let later: unknown
    try {
      log.append([msg('later')])
    } catch (err) {
      later = err
    }
    expect(later).toBeInstanceOf(StorageUnavailableError)
    expect((later as Error).message).toMatch(/not saving anything now: the disk is full.*up to record 1 is safe/)
    // The void seq is taken back: the next record after recovery is 2 again.
    expect(log.lastSeq).toBe(1)
    await log.close()

    const fresh = new SegmentedLog<Msg>({ dir })
    expect((await fresh.open()).map((r) => r.text)).toEqual(['saved'])
    await fresh.close()
  })

  it('rejects every append queued behind the failed write too', async () => {
    const dir = await dirs.make()
    const ctl = new ControlledFiles()
    const log = new SegmentedLog<Msg>({ dir, files: ctl.files })
    await log.open()
    await log.append([msg('ok')]).durable

    ctl.hold()
    ctl.failWith = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
    const inFlight = log.append([msg('a')])
    await new Promise((resolve) => setImmediate(resolve))
    const queued = [log.append([msg('b')]), log.append([msg('c'), msg('d')])]
    ctl.open()
    const results = await Promise.allSettled([inFlight.durable, ...queued.map((q) => q.durable)])
    for (const r of results) {
      expect(r.status).toBe('rejected')
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(StoreWriteError)
      expect(String((r as PromiseRejectedResult).reason)).toContain('ENOSPC')
    }
    expect(ctl.appends).toHaveLength(2) // the queued appends were never attempted
    expect(() => log.append([msg('e')])).toThrow(StoreWriteError)
    await log.close()

    const replay = new SegmentedLog<Msg>({ dir })
    expect((await replay.open()).map((r) => r.text)).toEqual(['ok'])
    await replay.close()
  })
})
