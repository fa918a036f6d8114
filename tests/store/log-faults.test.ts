// The log on a disk that fills up or turns read-only: a failed write rejects its appends and
// takes their seqs back, the log refuses appends (reads go on) until recover() finds the disk
// writable, cuts the active file back to its last durable append and carries on, in the
// same process. A failed seal loses nothing and is retried.
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SegmentedLog, StorageUnavailableError, StoreWriteError } from '../../main/store/log'
import { DiskFaults } from './disk-faults'
import type { Msg } from './log-helpers'
import { msg, tempDirs } from './log-helpers'

const dirs = tempDirs()
afterEach(dirs.cleanup)

async function replay(dir: string): Promise<Msg[]> {
  const log = new SegmentedLog<Msg>({ dir, segmentSize: 5 })
  const records = await log.open()
  await log.close()
  return records
}

describe('SegmentedLog on a full disk (ENOSPC)', () => {
  it('a write cut short by a full disk is rejected, rolled back and cut off; after recover() numbering and the file carry on cleanly', async () => {
    const dir = await dirs.make()
    const disk = new DiskFaults()
    const log = new SegmentedLog<Msg>({ dir, segmentSize: 100, files: disk.files })
    await log.open()
    await log.append([msg('a')]).durable
    await log.append([msg('b')]).durable
    const goodBytes = (await readFile(join(dir, '000001.jsonl'))).length

    disk.fault = 'ENOSPC'
    const lost = log.append([msg('lost-1'), msg('lost-2')])
    await expect(lost.durable).rejects.toThrow(StoreWriteError)
    await expect(lost.durable).rejects.toMatchObject({ code: 'ENOSPC' })
    // Half a line reached the file; nobody was told it was saved.
    expect((await readFile(join(dir, '000001.jsonl'))).length).toBeGreaterThan(goodBytes)
    expect(log.lastSeq).toBe(2)
    expect(log.durableSeq).toBe(2)
    expect(() => log.append([msg('refused')])).toThrow(StorageUnavailableError)
    expect(log.fault).toBeInstanceOf(StoreWriteError)
    // Reads go on.
    expect(log.read(0).map((r) => r.text)).toEqual(['a', 'b'])

    // Still full: the probe fails and the log stays faulted.
    expect(await log.recover()).toBe(false)
    expect(() => log.append([msg('refused')])).toThrow(StorageUnavailableError)

    disk.fault = null
    expect(await log.recover()).toBe(true)
    expect(log.fault).toBeNull()
    expect((await readFile(join(dir, '000001.jsonl'))).length).toBe(goodBytes)
    const next = log.append([msg('c')])
    expect(next.records[0].seq).toBe(3)
    await next.durable
    await log.close()

    expect((await replay(dir)).map((r) => [r.seq, r.text])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
    ])
    // Cut back in process: no torn tail was left for the next start to find.
    expect((await readdir(dir)).filter((n) => n.includes('.torn-'))).toEqual([])
  })

  it('a seal that fails keeps the batch acknowledged and the log open; the segment is sealed at a later write', async () => {
    const dir = await dirs.make()
    const disk = new DiskFaults()
    const log = new SegmentedLog<Msg>({ dir, segmentSize: 3, files: disk.files })
    await log.open()
    await log.append([msg('a'), msg('b')]).durable
    // The append itself lands; the seal's write (the new segment document) does not.
    const writeDurable = disk.files.writeDurable
    disk.files.writeDurable = async (file) => {
      throw Object.assign(new Error(`ENOSPC: no space left on device, open '${file}'`), { code: 'ENOSPC' })
    }
    await log.append([msg('c')]).durable
    expect(log.fault).toBeNull()
    expect(await readdir(dir)).not.toContain('000001.json')
    disk.files.writeDurable = writeDurable
    await log.append([msg('d')]).durable
    await log.close()
    expect(await readdir(dir)).toContain('000001.json')
    expect((await replay(dir)).map((r) => r.text)).toEqual(['a', 'b', 'c', 'd'])
  })
})

describe('SegmentedLog on a read-only folder (EROFS)', () => {
  it('refuses while read-only, reads go on, recovers when writable; a restart finds exactly what was acknowledged', async () => {
    const dir = await dirs.make()
    const disk = new DiskFaults()
    const log = new SegmentedLog<Msg>({ dir, segmentSize: 2, files: disk.files })
    await log.open()
    await log.append([msg('a'), msg('b')]).durable // fills and seals segment 1

    disk.fault = 'EROFS'
    // The next append must open 000002.jsonl: refused.
    await expect(log.append([msg('x')]).durable).rejects.toMatchObject({ code: 'EROFS' })
    expect(() => log.append([msg('y')])).toThrow(StorageUnavailableError)
    expect(log.read(0).map((r) => r.text)).toEqual(['a', 'b'])
    expect(await log.recover()).toBe(false)

    disk.fault = null
    expect(await log.recover()).toBe(true)
    await log.append([msg('c')]).durable
    await log.close()
    expect((await replay(dir)).map((r) => [r.seq, r.text])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
    ])
  })
})
