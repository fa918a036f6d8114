// The durable replace written in pieces (FileOps.createDurable, main/store/log/fs-durable.ts),
// which the checkpoint uses: nothing of the target changes before commit; commit replaces it
// with every piece at its place; abort (or a failed commit) leaves the target as it was and
// no temp file behind.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createFileDurable } from '../../main/store/log/fs-durable'

const made: string[] = []
afterEach(async () => {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })))
})
async function withTarget(content: string): Promise<{ dir: string; target: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'envelope-piece-'))
  made.push(dir)
  const target = join(dir, 'checkpoint.bin')
  await writeFile(target, content)
  return { dir, target }
}

describe('a file replaced in pieces', () => {
  it('keeps the old content until commit, then holds every piece at its place and no temp file', async () => {
    const { dir, target } = await withTarget('old')
    const file = await createFileDurable(target)
    // Out of order, as the checkpoint writes its digest last at the front.
    await file.write(Buffer.from('world'), 6)
    await file.write(Buffer.from('hello '), 0)
    expect(await readFile(target, 'utf8')).toBe('old')
    await file.commit()
    expect(await readFile(target, 'utf8')).toBe('hello world')
    expect(await readdir(dir)).toEqual(['checkpoint.bin'])
  })

  it('abort leaves the old content and removes what was written', async () => {
    const { dir, target } = await withTarget('old')
    const file = await createFileDurable(target)
    await file.write(Buffer.from('half of a new one'), 0)
    await file.abort()
    expect(await readFile(target, 'utf8')).toBe('old')
    expect(await readdir(dir)).toEqual(['checkpoint.bin'])
  })

  it('a commit that cannot rename (the target is now a folder) fails, and leaves no temp file', async () => {
    const { dir, target } = await withTarget('old')
    const file = await createFileDurable(target)
    await file.write(Buffer.from('new'), 0)
    await rm(target)
    await mkdir(join(target, 'inside'), { recursive: true })
    await expect(file.commit()).rejects.toThrow()
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([])
  })
})
