// The store's own promises around a failed write, below the HTTP layer: a write that fails
// while the node is stopping leaves no checkpoint of the memory that disk does not back, so
// the next start holds exactly what was durable.
import { readdir } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import type { TestNode } from '../api/support'
import { startTestNode, tempDir } from '../api/support'
import { DiskFaults } from './disk-faults'

const running: TestNode[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((t) => t.stop()))
})

describe('a write that fails while the node stops', () => {
  it('writes no checkpoint of the void event: the next start has exactly what was durable', async () => {
    const disk = new DiskFaults()
    const dataDir = await tempDir('envelope-store-faults-')
    const t = await startTestNode({ dataDir, files: disk.files, storageProbeMs: 20 })
    const a = await t.account()
    const b = await t.account()
    expect(await readdir(dataDir)).not.toContain('checkpoint.bin')

    const { durable } = t.node.store.commit([{ type: 'follow.added', from: a.id, to: b.id }])
    disk.fault = 'ENOSPC'
    const stopping = t.node.stop()
    await expect(durable).rejects.toMatchObject({ code: 'ENOSPC' })
    // The disk works again for the rest of the stop: only the store's own judgement keeps
    // the checkpoint (which would hold the void follow) from being written.
    disk.fault = null
    await stopping
    expect(await readdir(dataDir)).not.toContain('checkpoint.bin')

    const again = await startTestNode({ dataDir })
    running.push(again)
    expect((await again.client.listFollows(a.id)).accounts).toEqual([])
  })
})
