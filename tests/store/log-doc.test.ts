// Durable JSON documents: atomic replace, fsync, recovery of the previous copy.
import { mkdir, open, readdir, readFile, writeFile } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { Low } from 'lowdb'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DurableJSONFile, openDurableDoc, StoreCorruptError } from '../../main/store/log'
import { tempDirs } from './log-helpers'

const dirs = tempDirs()
afterEach(async () => {
  vi.restoreAllMocks()
  await dirs.cleanup()
})

interface Identity {
  nodeId: string
  peers: string[]
}

const defaults: Identity = { nodeId: '', peers: [] }

function parseIdentity(raw: unknown): Identity {
  const r = raw as Partial<Identity>
  if (typeof r !== 'object' || r === null || typeof r.nodeId !== 'string' || !Array.isArray(r.peers)) {
    throw new Error('nodeId and peers required')
  }
  return { nodeId: r.nodeId, peers: r.peers }
}

describe('DurableJSONFile', () => {
  it('reads null for a missing file and round-trips through lowdb', async () => {
    const file = join(await dirs.make(), 'doc.json')
    const adapter = new DurableJSONFile<{ n: number }>(file)
    expect(await adapter.read()).toBeNull()
    const db = new Low(adapter, { n: 0 })
    await db.update((d) => (d.n = 42))
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ n: 42 })
    expect(await new DurableJSONFile<{ n: number }>(file).read()).toEqual({ n: 42 })
  })

  it('fsyncs the temp file before the rename and the folder after it', async () => {
    const dir = await dirs.make()
    const file = join(dir, 'doc.json')
    await writeFile(file, '{"v":"old"}')
    const probe: FileHandle = await open(file, 'r')
    const proto = Object.getPrototypeOf(probe) as FileHandle
    await probe.close()
    // At each fsync, look at what the target holds: old data means not yet renamed.
    const seenAtSync: string[] = []
    const realSync = proto.sync
    vi.spyOn(proto, 'sync').mockImplementation(async function (this: FileHandle) {
      seenAtSync.push(await readFile(file, 'utf8'))
      return realSync.call(this)
    })
    await new DurableJSONFile<{ v: string }>(file).write({ v: 'new' })
    expect(seenAtSync.map((t) => JSON.parse(t).v)).toEqual(['old', 'new'])
    expect((await readdir(dir)).sort()).toEqual(['doc.json']) // no temp file left
  })

  it('serialises concurrent writes so the last one called wins', async () => {
    const file = join(await dirs.make(), 'doc.json')
    const adapter = new DurableJSONFile<{ n: number }>(file)
    await Promise.all(Array.from({ length: 20 }, (_, n) => adapter.write({ n })))
    expect(await adapter.read()).toEqual({ n: 19 })
  })

  it('throws StoreCorruptError naming the file for invalid JSON', async () => {
    const file = join(await dirs.make(), 'doc.json')
    await writeFile(file, '{"n": 4')
    const err = await new DurableJSONFile(file).read().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(StoreCorruptError)
    expect((err as Error).message).toContain(file)
    expect((err as Error).message).toContain('Envelope will not overwrite it')
  })

  it('cleans up its temp file when the write fails', async () => {
    const dir = await dirs.make()
    // The target is a non-empty folder: rename over it fails after the temp file is written.
    await mkdir(join(dir, 'doc.json'))
    await writeFile(join(dir, 'doc.json', 'x'), '')
    await expect(new DurableJSONFile(join(dir, 'doc.json')).write({ a: 1 })).rejects.toThrow()
    expect(await readdir(dir)).toEqual(['doc.json'])
  })
})

describe('openDurableDoc', () => {
  it('starts from a copy of the defaults without writing anything', async () => {
    const dir = await dirs.make()
    const file = join(dir, 'sub', 'identity.json')
    const doc = await openDurableDoc(file, defaults, parseIdentity)
    expect(doc.data).toEqual(defaults)
    expect(doc.data).not.toBe(defaults)
    expect(await readdir(join(dir, 'sub'))).toEqual([])
  })

  it('persists updates across reopen, applying concurrent updates in order', async () => {
    const file = join(await dirs.make(), 'identity.json')
    const doc = await openDurableDoc(file, defaults, parseIdentity)
    const updates = [doc.update((d) => (d.nodeId = 'node-1')), doc.update((d) => d.peers.push('p1')), doc.update((d) => d.peers.push('p2'))]
    // data reflects the disk: not changed before the writes land.
    expect(doc.data.nodeId).toBe('')
    await Promise.all(updates)
    expect(doc.data).toEqual({ nodeId: 'node-1', peers: ['p1', 'p2'] })
    expect(defaults.peers).toEqual([]) // defaults untouched

    const again = await openDurableDoc(file, defaults, parseIdentity)
    expect(again.data).toEqual({ nodeId: 'node-1', peers: ['p1', 'p2'] })
  })

  it('rejects an update that fails, keeping data and file as they were', async () => {
    const file = join(await dirs.make(), 'identity.json')
    const doc = await openDurableDoc(file, defaults, parseIdentity)
    await doc.update((d) => (d.nodeId = 'n'))
    await expect(doc.update((d) => ((d as unknown as { peers: null }).peers = null))).rejects.toThrow('peers required')
    await expect(
      doc.update(() => {
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect(doc.data).toEqual({ nodeId: 'n', peers: [] })
    await doc.update((d) => d.peers.push('after'))
    expect((await openDurableDoc(file, defaults, parseIdentity)).data.peers).toEqual(['after'])
  })

  it('rejects a corrupt or mis-shaped document and leaves it untouched', async () => {
    const dir = await dirs.make()
    const file = join(dir, 'identity.json')
    for (const bad of ['{"nodeId": "n", "pe', '{"nodeId": 7}', 'null']) {
      await writeFile(file, bad)
      const err = await openDurableDoc(file, defaults, parseIdentity).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(StoreCorruptError)
      expect((err as StoreCorruptError).file).toBe(file)
      expect(await readFile(file, 'utf8')).toBe(bad)
    }
  })

  it('removes its own leftover temp files, not those of other files', async () => {
    const dir = await dirs.make()
    const file = join(dir, 'identity.json')
    await writeFile(join(dir, '.identity.json.99-1.tmp'), '{"half')
    await writeFile(join(dir, '.peers.json.99-2.tmp'), '{"half')
    const doc = await openDurableDoc(file, defaults)
    expect(doc.data).toEqual(defaults)
    expect(await readdir(dir)).toEqual(['.peers.json.99-2.tmp'])
  })
})
