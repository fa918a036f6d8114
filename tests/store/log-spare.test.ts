// The spare segment: the next active segment's file is made ahead of time (at open and after
// each roll-over), the roll-over writes into that very file, a clean close removes it, and the
// next open keeps the spare a crash left (and removes any other empty active file).
import { stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SegmentedLog } from '../../main/store/log'
import type { FileOps } from '../../main/store/log/file-ops'
import { realFileOps } from '../../main/store/log/file-ops'
import type { Msg } from './log-helpers'
import { expectLogFiles, logFiles, msg, tempDirs } from './log-helpers'

const dirs = tempDirs()
afterEach(dirs.cleanup)

async function inode(dir: string, name: string): Promise<number> {
  return (await stat(join(dir, name))).ino
}

async function size(dir: string, name: string): Promise<number> {
  return (await stat(join(dir, name))).size
}

async function appendEach(log: SegmentedLog<Msg>, texts: string[]): Promise<void> {
  for (const t of texts) {
    await log.append([msg(t)]).durable
  }
}

async function replay(dir: string, segmentSize: number): Promise<string[]> {
  const log = new SegmentedLog<Msg>({ dir, segmentSize })
  const records = await log.open()
  await log.close()
  return records.map((r) => r.text)
}

describe('SegmentedLog: the spare segment', () => {
  it('is made at open and after each roll-over, and the roll-over writes into that very file', async () => {
    const dir = await dirs.make()
    const log = new SegmentedLog<Msg>({ dir, segmentSize: 2 })
    await log.open()
    // A new log: its first active segment's file is there, empty, before any append.
    expect(await logFiles(dir)).toEqual(['000001.jsonl'])
    expect(await size(dir, '000001.jsonl')).toBe(0)
    const first = await inode(dir, '000001.jsonl')
    await appendEach(log, ['a'])
    expect(await inode(dir, '000001.jsonl')).toBe(first)
    await expectLogFiles(dir, ['000001.jsonl', '000002.jsonl'])
    const spare = await inode(dir, '000002.jsonl')
    expect(await size(dir, '000002.jsonl')).toBe(0)
    await appendEach(log, ['b', 'c'])
    // Segment 1 sealed; segment 2 is the spare made before, now holding 'c'; 3 is the next spare.
    await expectLogFiles(dir, ['000001.json', '000002.jsonl', '000003.jsonl'])
    expect(await inode(dir, '000002.jsonl')).toBe(spare)
    expect(await size(dir, '000002.jsonl')).toBeGreaterThan(0)
    await log.close()
    expect(await replay(dir, 2)).toEqual(['a', 'b', 'c'])
  })

  it('is removed by a clean close, sealed or not', async () => {
    const dir = await dirs.make()
    const log = new SegmentedLog<Msg>({ dir, segmentSize: 4 })
    await log.open()
    await appendEach(log, ['a', 'b', 'c', 'd', 'e'])
    await expectLogFiles(dir, ['000001.json', '000002.jsonl', '000003.jsonl'])
    await log.close()
    expect(await logFiles(dir)).toEqual(['000001.json', '000002.jsonl'])

    const again = new SegmentedLog<Msg>({ dir, segmentSize: 4 })
    await again.open()
    expect(await logFiles(dir)).toEqual(['000001.json', '000002.jsonl', '000003.jsonl'])
    await again.close({ seal: true })
    expect(await logFiles(dir)).toEqual(['000001.json', '000002.json'])
    // A log opened and closed without a single append leaves nothing behind either.
    const empty = await dirs.make()
    const unused = new SegmentedLog<Msg>({ dir: empty })
    await unused.open()
    await unused.close()
    expect(await logFiles(empty)).toEqual([])
  })

  it('a spare left by a crash is reused, not made again: the next roll-over writes into it', async () => {
    const dir = await dirs.make()
    const log = new SegmentedLog<Msg>({ dir, segmentSize: 3 })
    await log.open()
    await appendEach(log, ['a', 'b'])
    await expectLogFiles(dir, ['000001.jsonl', '000002.jsonl'])
    const spare = await inode(dir, '000002.jsonl')
    // The process "dies" here: never closed.
    const again = new SegmentedLog<Msg>({ dir, segmentSize: 3 })
    expect((await again.open()).map((r) => r.text)).toEqual(['a', 'b'])
    expect(await logFiles(dir)).toEqual(['000001.jsonl', '000002.jsonl'])
    expect(await inode(dir, '000002.jsonl')).toBe(spare)
    await appendEach(again, ['c', 'd'])
    await expectLogFiles(dir, ['000001.json', '000002.jsonl', '000003.jsonl'])
    expect(await inode(dir, '000002.jsonl')).toBe(spare)
    await again.close()
    expect(await replay(dir, 3)).toEqual(['a', 'b', 'c', 'd'])
  })

  it('removes empty active files other than the next segment’s; an empty current segment is the spare', async () => {
    const dir = await dirs.make()
    const log = new SegmentedLog<Msg>({ dir, segmentSize: 2 })
    await log.open()
    await appendEach(log, ['a', 'b', 'c'])
    await log.close()
    // Spares of other runs (a crash each time), and one two segments ahead.
    await writeFile(join(dir, '000003.jsonl'), '')
    await writeFile(join(dir, '000004.jsonl'), '')
    await writeFile(join(dir, '000007.jsonl'), '')
    const again = new SegmentedLog<Msg>({ dir, segmentSize: 2 })
    expect((await again.open()).map((r) => r.text)).toEqual(['a', 'b', 'c'])
    expect(await logFiles(dir)).toEqual(['000001.json', '000002.jsonl', '000003.jsonl'])
    await again.close()

    // A crash right after a roll-over, before the new segment's first write: segment 2 and
    // its spare 3 both empty. Segment 2 is the next to write: kept as the spare, 3 removed.
    const rolled = await dirs.make()
    const first = new SegmentedLog<Msg>({ dir: rolled, segmentSize: 2 })
    await first.open()
    await appendEach(first, ['a', 'b'])
    await first.close({ seal: true })
    await writeFile(join(rolled, '000002.jsonl'), '')
    await writeFile(join(rolled, '000003.jsonl'), '')
    const second = new SegmentedLog<Msg>({ dir: rolled, segmentSize: 2 })
    expect((await second.open()).map((r) => r.text)).toEqual(['a', 'b'])
    expect(await logFiles(rolled)).toEqual(['000001.json', '000002.jsonl'])
    await appendEach(second, ['c'])
    await second.close()
    expect(await replay(rolled, 2)).toEqual(['a', 'b', 'c'])
  })

  it('a full last segment found at open is sealed there: the next append starts the next segment', async () => {
    const dir = await dirs.make()
    const log = new SegmentedLog<Msg>({ dir, segmentSize: 8 })
    await log.open()
    await appendEach(log, ['a', 'b', 'c', 'd'])
    await log.close()
    // Four records are a full segment for a log of four: as if it crashed before the seal.
    const again = new SegmentedLog<Msg>({ dir, segmentSize: 4 })
    expect((await again.open()).map((r) => r.text)).toEqual(['a', 'b', 'c', 'd'])
    expect(await logFiles(dir)).toEqual(['000001.json', '000002.jsonl'])
    await appendEach(again, ['e'])
    await again.close()
    expect(await logFiles(dir)).toEqual(['000001.json', '000002.jsonl'])
    expect(await replay(dir, 4)).toEqual(['a', 'b', 'c', 'd', 'e'])
  })

  it('a spare that cannot be made (a full disk) costs nothing: the roll-over opens the file itself', async () => {
    const dir = await dirs.make()
    let refuse = true
    const files: FileOps = {
      ...realFileOps,
      openAppend: async (file) => {
        if (refuse && file.endsWith('000002.jsonl')) {
          refuse = false
          throw Object.assign(new Error(`ENOSPC: no space left on device, open '${file}'`), { code: 'ENOSPC' })
        }
        return realFileOps.openAppend(file)
      },
    }
    const log = new SegmentedLog<Msg>({ dir, segmentSize: 2, files })
    await log.open()
    await appendEach(log, ['a'])
    // Making the spare was tried (and refused) as segment 1 started: the log is fine.
    expect(refuse).toBe(false)
    expect(log.fault).toBeNull()
    await appendEach(log, ['b', 'c', 'd'])
    await expectLogFiles(dir, ['000001.json', '000002.jsonl', '000003.jsonl'])
    await log.close()
    expect(await replay(dir, 2)).toEqual(['a', 'b', 'c', 'd'])
  })
})
