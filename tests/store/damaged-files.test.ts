// Damaged store files on a real node's folder: a torn last append (a crash) is recovered as
// before; a flipped byte, a hand edit (valid JSON, wrong content or seq), a missing segment
// stop the start with a StoreCorruptError naming the file, and nothing in the folder is
// changed, moved or replaced. A damaged checkpoint (a cache) is reported and the log replayed.
import { appendFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createLogger } from '../../main/lib/logger'
import { startNode } from '../../main/node/start'
import { StoreCorruptError } from '../../main/store/log'
import { appendLine } from '../../main/store/log/active-segment'
import type { TestNode } from '../api/support'
import { pair, send, startTestNode, tempDir, TOKEN } from '../api/support'
import { DiskFaults } from './disk-faults'

const made: string[] = []
afterEach(async () => {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })))
})

interface Folder {
  dataDir: string
  log: string
  /** What the node acknowledged, oldest first: [viewer, conversation, message ids]. */
  viewer: string
  conversationId: string
  ids: string[]
}

/**
 * A folder as a crash leaves it: two sealed segments (each run's clean stop seals one) and an
 * active segment the third run never sealed (its stop met a read-only disk, so nothing after
 * the last append was written).
 */
async function crashedFolder(): Promise<Folder> {
  const dataDir = await tempDir('envelope-damaged-')
  made.push(dataDir)
  let t = await startTestNode({ dataDir })
  const [a, b] = await pair(t)
  const ids = [(await send(t, a, b, 'sealed one')).message.id]
  const conversationId = (await t.client.conversations(b.id)).conversations[0].id
  await t.stop(true)
  for (const [i, text] of ['sealed two', 'active three'].entries()) {
    const disk = new DiskFaults()
    t = await startTestNode({ dataDir, files: disk.files })
    ids.push((await send(t, a, b, text)).message.id)
    ids.push((await send(t, a, b, `${text}, again`)).message.id)
    if (i === 1) {
      disk.fault = 'EROFS'
    }
    await t.stop(true)
  }
  return { dataDir, log: join(dataDir, 'log'), viewer: b.id, conversationId, ids }
}

async function messageIds(t: TestNode, f: Folder): Promise<string[]> {
  return (await t.client.messages(f.viewer, f.conversationId, { limit: 100 })).messages.map((m) => m.id)
}

async function snapshotOf(dataDir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>()
  for (const dir of [dataDir, join(dataDir, 'log')]) {
    for (const name of await readdir(dir)) {
      const path = join(dir, name)
      if ((await stat(path)).isFile()) {
        out.set(path, await readFile(path))
      }
    }
  }
  return out
}

/** Starting fails with a StoreCorruptError naming `file`, and every file of the folder is as it was. */
async function expectRefusal(f: Folder, file: string, problem: RegExp): Promise<void> {
  const before = await snapshotOf(f.dataDir)
  const caught = await startNode({
    dataDir: f.dataDir,
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    logger: createLogger('test', { quiet: true, write: () => undefined }),
  }).then(
    async (node) => {
      await node.stop()
      return null
    },
    (err: unknown) => err,
  )
  expect(caught).toBeInstanceOf(StoreCorruptError)
  const err = caught as StoreCorruptError
  expect(err.file).toBe(file)
  expect(err.message).toContain(file)
  expect(err.problem).toMatch(problem)
  expect(err.message).toMatch(/will not overwrite it/)
  expect(await snapshotOf(f.dataDir)).toEqual(before)
}

describe('damaged store files', () => {
  it('the folder the tests start from opens with every acknowledged message (the active segment is replayed)', async () => {
    const f = await crashedFolder()
    expect(await readdir(f.log)).toEqual(expect.arrayContaining(['000001.json', '000002.json', '000003.jsonl', 'segments.json']))
    const t = await startTestNode({ dataDir: f.dataDir })
    expect(await messageIds(t, f)).toEqual(f.ids)
    await t.stop(true)
  })

  it('a torn last append (a crash mid-write) is cut off, its bytes kept aside, and the node starts', async () => {
    const f = await crashedFolder()
    const torn = '[{"seq":99,"type":"message.sent","te'
    await appendFile(join(f.log, '000003.jsonl'), torn)
    const t = await startTestNode({ dataDir: f.dataDir })
    expect(await messageIds(t, f)).toEqual(f.ids)
    await t.stop(true)
    const aside = (await readdir(f.log)).filter((n) => n.startsWith('000003.jsonl.torn-'))
    expect(aside).toHaveLength(1)
    expect(await readFile(join(f.log, aside[0]), 'utf8')).toBe(torn)
  })

  it('a flipped byte in the last (complete) append of the active segment is damage, not a crash: refused by its CRC-32, not cut off', async () => {
    const f = await crashedFolder()
    const file = join(f.log, '000003.jsonl')
    const bytes = await readFile(file)
    const text = bytes.lastIndexOf('active three, again') // the last append's message text: the JSON stays valid
    bytes[text] = 'A'.charCodeAt(0)
    await writeFile(file, bytes)
    await expectRefusal(f, file, /last append .* is complete but damaged: its CRC-32 does not match/)
  })

  it('a flipped byte that breaks the JSON of an earlier append is refused too, naming the byte where it starts', async () => {
    const f = await crashedFolder()
    const file = join(f.log, '000003.jsonl')
    const bytes = await readFile(file)
    bytes[bytes.indexOf('"active three"')] = 0x27 // " becomes '
    await writeFile(file, bytes)
    await expectRefusal(f, file, /the append starting at byte \d+ is damaged, and appends follow it/)
  })

  it('a hand-edited last append (a seq changed, checksum and all) is refused with the seq it expected', async () => {
    const f = await crashedFolder()
    const file = join(f.log, '000003.jsonl')
    const lines = (await readFile(file, 'utf8')).split('\n')
    const last = lines.length - 2
    const seq = Number(/"seq":(\d+)/.exec(lines[last])![1])
    const array = lines[last].slice(0, lines[last].lastIndexOf('#')).replace(`"seq":${seq}`, `"seq":${seq + 5}`)
    lines[last] = appendLine(JSON.parse(array).map((r: unknown) => JSON.stringify(r))).trimEnd()
    await writeFile(file, lines.join('\n'))
    await expectRefusal(f, file, new RegExp(`seq ${seq} expected, found ${seq + 5}`))
  })

  it('a flipped byte in a sealed segment, same size and still valid JSON, is found by its SHA-256 when the log is replayed', async () => {
    const f = await crashedFolder()
    const file = join(f.log, '000002.json')
    const text = await readFile(file, 'utf8')
    await writeFile(file, text.replace('sealed two', 'sealed twO'))
    // The checkpoint covers segment 2; without it (lost, or damaged too) segment 2 is replayed.
    await rm(join(f.dataDir, 'checkpoint.bin'))
    await expectRefusal(f, file, /bytes changed since it was sealed/)
  })

  it('a same-size flipped byte in a sealed segment the checkpoint covers is found when it is read: an event stream resuming through it gets STORAGE_DAMAGED naming the file, the node stays up', async () => {
    const f = await crashedFolder()
    const file = join(f.log, '000001.json')
    const text = await readFile(file, 'utf8')
    await writeFile(file, text.replace('sealed one', 'sealed onE'))
    const t = await startTestNode({ dataDir: f.dataDir })
    try {
      const response = await fetch(`${t.url}/api/v1/events`, { headers: { authorization: `Bearer ${TOKEN}`, 'last-event-id': '0' } })
      const body = await response.text() // the node ends the stream after the error event
      const error = body.split('\n\n').find((frame) => frame.startsWith('event: error'))
      expect(error).toBeDefined()
      const data = JSON.parse(error!.split('data: ')[1]) as { code: string; message: string }
      expect(data.code).toBe('STORAGE_DAMAGED')
      expect(data.message).toContain(file)
      expect(data.message).toMatch(/bytes changed since it was sealed/)
      expect((await fetch(`${t.url}/api/v1/health`)).status).toBe(200)
      expect(await readFile(file, 'utf8')).toBe(text.replace('sealed one', 'sealed onE'))
    } finally {
      await t.stop(true)
    }
  })

  it('a hand-edited sealed segment (valid JSON, a record removed) is refused at start even when the checkpoint covers it', async () => {
    const f = await crashedFolder()
    const file = join(f.log, '000001.json')
    const doc = JSON.parse(await readFile(file, 'utf8')) as { records: unknown[] }
    doc.records.pop()
    await writeFile(file, JSON.stringify(doc))
    expect(await readdir(f.dataDir)).toContain('checkpoint.bin')
    await expectRefusal(f, file, /records expected|seq|bytes/)
  })

  it('a missing segment: a gap in the numbering, or a sealed segment the table lists, is refused naming the file', async () => {
    const f = await crashedFolder()
    await rm(join(f.log, '000001.json'))
    await expectRefusal(f, join(f.log, '000002.json'), /000001\.json is missing/)

    const g = await crashedFolder()
    await rm(join(g.log, '000002.json'))
    await expectRefusal(g, join(g.log, '000002.json'), /it is missing: the segment table lists it/)
  })

  it('a missing node.json beside a log is refused: a new identity would disown every stored event', async () => {
    const f = await crashedFolder()
    await rm(join(f.dataDir, 'node.json'))
    await expectRefusal(f, join(f.dataDir, 'node.json'), /it is missing, but the log .* holds records/)
  })

  it('an empty spare segment without node.json is not a log with records: the node starts with a new identity', async () => {
    // A crash between making the first spare and writing the first record leaves only an
    // empty active file; there is nobody's event in it to disown.
    const dataDir = await tempDir('envelope-spare-only-')
    made.push(dataDir)
    await mkdir(join(dataDir, 'log'))
    await writeFile(join(dataDir, 'log', '000001.jsonl'), '')
    const t = await startTestNode({ dataDir })
    const [a, b] = await pair(t)
    expect((await send(t, a, b, 'first')).message.text).toBe('first')
    await t.stop()
    expect(JSON.parse(await readFile(join(dataDir, 'node.json'), 'utf8'))).toMatchObject({ id: expect.stringMatching(/^n_/) })
  })

  it('a damaged checkpoint is a cache: reported with its name, the log replayed, nothing lost', async () => {
    const f = await crashedFolder()
    const checkpoint = join(f.dataDir, 'checkpoint.bin')
    const bytes = await readFile(checkpoint)
    bytes[Math.floor(bytes.length / 2)] ^= 0xff
    await writeFile(checkpoint, bytes)
    const lines: string[] = []
    const node = await startNode({
      dataDir: f.dataDir,
      host: '127.0.0.1',
      port: 0,
      token: TOKEN,
      logger: createLogger('test', { write: (line) => void lines.push(line) }),
    })
    try {
      const page = await fetch(`${node.url}/api/v1/accounts/${f.viewer}/conversations/${f.conversationId}/messages?limit=100`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      })
      expect(((await page.json()) as { messages: { id: string }[] }).messages.map((m) => m.id)).toEqual(f.ids)
    } finally {
      await node.stop()
    }
    expect(lines.join('\n')).toContain(`${checkpoint} is not used (its state does not match its SHA-256`)
  })
})
