// The append-only log after a crash: a torn last append is cut off (its bytes kept aside),
// a crash at any step of a seal loses nothing acknowledged, and folders written by the
// previous format (every segment a lowdb document) open and carry on without loss; with
// several syncs in flight, up to that many unacknowledged appends at the tail are cut off.
import { readdir, readFile, writeFile, appendFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SegmentedLog, StoreCorruptError } from '../../main/store/log'
import { appendLine, MAX_SYNCS_IN_FLIGHT } from '../../main/store/log/active-segment'
import { V1SegmentedLog } from './fixtures/v1-log'
import type { Msg } from './log-helpers'
import { ControlledFiles, logFiles, msg, tempDirs } from './log-helpers'

const dirs = tempDirs()
afterEach(dirs.cleanup)

async function replay(dir: string, segmentSize = 5): Promise<Msg[]> {
  const log = new SegmentedLog<Msg>({ dir, segmentSize })
  const records = await log.open()
  await log.close()
  return records
}

/** A closed log with three acknowledged appends (a, b, c) in its active segment 000001.jsonl. */
async function threeAppends(): Promise<{ dir: string; file: string }> {
  const dir = await dirs.make()
  const log = new SegmentedLog<Msg>({ dir, segmentSize: 100 })
  await log.open()
  for (const t of ['a', 'b', 'c']) {
    await log.append([msg(t)]).durable
  }
  await log.close()
  return { dir, file: join(dir, '000001.jsonl') }
}

describe('SegmentedLog: torn appends', () => {
  it('cuts off a torn last append, keeps its bytes aside, and carries on numbering', async () => {
    const { dir, file } = await threeAppends()
    const torn = '[{"seq":4,"kind":"msg","te'
    await appendFile(file, torn)

    const again = new SegmentedLog<Msg>({ dir, segmentSize: 100 })
    expect((await again.open()).map((r) => r.text)).toEqual(['a', 'b', 'c'])
    const aside = (await readdir(dir)).filter((n) => n.startsWith('000001.jsonl.torn-'))
    expect(aside).toHaveLength(1)
    expect(await readFile(join(dir, aside[0]), 'utf8')).toBe(torn)
    await again.append([msg('d')]).durable
    await again.close()
    expect((await replay(dir, 100)).map((r) => [r.seq, r.text])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
      [4, 'd'],
    ])
  })

  it('refuses a damaged append that has good appends after it, naming the file and changing nothing', async () => {
    const { dir, file } = await threeAppends()
    const lines = (await readFile(file, 'utf8')).split('\n')
    lines[1] = lines[1].replace('"b"', '"b') // a flipped quote in the middle
    await writeFile(file, lines.join('\n'))
    const bytes = await readFile(file)
    const err = await new SegmentedLog<Msg>({ dir }).open().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(StoreCorruptError)
    expect((err as StoreCorruptError).file).toBe(file)
    expect(await readFile(file)).toEqual(bytes)
  })
})

describe('SegmentedLog: a crash with several syncs in flight', () => {
  /** Three acknowledged appends (a, b, c), then `tail` as a crash with pipelined syncs may leave it. */
  async function crashed(tail: (line: (seq: number, text: string) => string) => string): Promise<{ dir: string; file: string; tail: string }> {
    const { dir, file } = await threeAppends()
    const text = tail((seq, t) => appendLine([JSON.stringify({ seq, ...msg(t) })]))
    await appendFile(file, text)
    return { dir, file, tail: text }
  }

  /** A whole line whose middle never reached the disk: zeros where its page should be. */
  const zeroed = (line: string) => `${line.slice(0, 10)}${'\0'.repeat(line.length - 20)}${line.slice(-10)}`

  it(`cuts off up to ${MAX_SYNCS_IN_FLIGHT} unacknowledged appends from the first torn one, whole lines after it included, and keeps them aside`, async () => {
    // Append 4's sync never finished (a page of zeros); 5 landed whole; 6 was cut short.
    const f = await crashed((line) => zeroed(line(4, 'd')) + line(5, 'e') + line(6, 'f').slice(0, 12))
    const again = new SegmentedLog<Msg>({ dir: f.dir, segmentSize: 100 })
    expect((await again.open()).map((r) => r.text)).toEqual(['a', 'b', 'c'])
    const aside = (await readdir(f.dir)).filter((n) => n.startsWith('000001.jsonl.torn-'))
    expect(await readFile(join(f.dir, aside[0]), 'utf8')).toBe(f.tail)
    await again.append([msg('d2')]).durable
    await again.close()
    expect((await replay(f.dir, 100)).map((r) => [r.seq, r.text])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
      [4, 'd2'],
    ])
  })

  it(`refuses a zeroed append with more than ${MAX_SYNCS_IN_FLIGHT} appends in all from it to the end: no crash leaves that, so it is damage`, async () => {
    const f = await crashed((line) => zeroed(line(4, 'd')) + line(5, 'e') + line(6, 'f') + line(7, 'g'))
    const bytes = await readFile(f.file)
    const err = await new SegmentedLog<Msg>({ dir: f.dir }).open().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(StoreCorruptError)
    expect(String(err)).toMatch(/is damaged, and appends follow it/)
    expect(await readFile(f.file)).toEqual(bytes)
  })
})

describe('SegmentedLog: a crash at every step of a seal', () => {
  // Steps: open 000001.jsonl, append, append, write 000001.json, then the seal's write
  // segments.json and remove 000001.jsonl in the background, interleaved with open
  // 000002.jsonl and its append.
  for (let crashAt = 1; crashAt <= 8; crashAt++) {
    it(`crash at step ${crashAt}: everything acknowledged is there after a restart, in order, once`, async () => {
      const dir = await dirs.make()
      const ctl = new ControlledFiles()
      ctl.crashAt = crashAt
      const log = new SegmentedLog<Msg>({ dir, segmentSize: 5, files: ctl.files })
      await log.open()
      const acknowledged: string[] = []
      for (const batch of [['a', 'b', 'c'], ['d', 'e'], ['f']]) {
        let durable: Promise<void>
        try {
          durable = log.append(batch.map(msg)).durable
        } catch {
          break // the log refuses appends after a failed step
        }
        const ok = await durable.then(
          () => true,
          () => false,
        )
        if (!ok) {
          break
        }
        acknowledged.push(...batch)
      }
      await log.close()
      const after = await replay(dir)
      after.forEach((r, i) => expect(r.seq).toBe(i + 1))
      expect(after.map((r) => r.text).slice(0, acknowledged.length)).toEqual(acknowledged)
      // Nothing half-done is left to trip the next start, and the log takes new appends.
      const next = new SegmentedLog<Msg>({ dir, segmentSize: 5 })
      const before = await next.open()
      await next.append([msg('next')]).durable
      await next.close()
      expect((await replay(dir)).map((r) => r.text)).toEqual([...before.map((r) => r.text), 'next'])
      expect((await readdir(dir)).filter((n) => n.includes('.tmp'))).toEqual([])
    })
  }
})

describe('SegmentedLog: folders written by the previous format', () => {
  it('opens every-segment-a-document folders without loss and carries on after them', async () => {
    const dir = await dirs.make()
    const old = new V1SegmentedLog<Msg>({ dir, segmentSize: 10 })
    await old.open()
    await Promise.all(Array.from({ length: 25 }, (_, i) => old.append([msg(`old${i}`)]).durable))
    await old.close()
    expect(await logFiles(dir)).toEqual(['000001.json', '000002.json', '000003.json'])

    const log = new SegmentedLog<Msg>({ dir, segmentSize: 10 })
    expect((await log.open()).map((r) => r.text)).toEqual(Array.from({ length: 25 }, (_, i) => `old${i}`))
    await log.append([msg('new')]).durable
    expect(log.read(20, 10).map((r) => r.text)).toEqual(['old20', 'old21', 'old22', 'old23', 'old24', 'new'])
    await log.close({ seal: true })
    expect(await logFiles(dir)).toEqual(['000001.json', '000002.json', '000003.json', '000004.json'])
    const all = await replay(dir, 10)
    expect(all.map((r) => r.seq)).toEqual(Array.from({ length: 26 }, (_, i) => i + 1))
    expect(all.at(-1)?.text).toBe('new')
  })
})
