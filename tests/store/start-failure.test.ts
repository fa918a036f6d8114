// What a person reads when a node cannot start: the headless start (a real child process on
// a damaged folder) prints one sentence naming the file and exits 1, changing nothing; the
// same sentence builder serves the desktop app's error dialog (main/electron/index.ts).
import { execFile } from 'node:child_process'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { startFailureMessage } from '../../main/node/start-error'
import { StoreCorruptError } from '../../main/store/log'
import { tempDir } from '../api/support'
import { fsError } from './disk-faults'

const run = promisify(execFile)
const made: string[] = []
afterEach(async () => {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })))
})

describe('a node that cannot start says why in a sentence', () => {
  it('headless start on a folder with a damaged segment: exit 1, "Envelope could not start: Store file <path> is corrupt: ...", the file untouched', async () => {
    const dataDir = await tempDir('envelope-start-')
    made.push(dataDir)
    await mkdir(join(dataDir, 'log'))
    await writeFile(join(dataDir, 'node.json'), JSON.stringify({ id: 'n_startfailure01', name: 'Damaged', createdAt: '2026-12-01T00:00:00.000Z' }))
    const file = join(dataDir, 'log', '000001.json')
    await writeFile(file, '{"records":[{"seq":1,"type":"acc')
    const failed = await run(
      process.execPath,
      [
        join('node_modules', 'tsx', 'dist', 'cli.mjs'),
        '--tsconfig',
        'tsconfig.node.json',
        'main/headless.ts',
        '--data',
        dataDir,
        '--port',
        '0',
        '--token',
        'start-failure-token',
      ],
      {
        cwd: process.cwd(),
        timeout: 60_000,
      },
    ).then(
      () => null,
      (err: { code?: number; stderr?: string }) => err,
    )
    expect(failed?.code).toBe(1)
    const lines = (failed?.stderr ?? '').split('\n').filter((l) => l.startsWith('Envelope could not start'))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain(`Envelope could not start: Store file ${file} is corrupt: not valid JSON`)
    expect(lines[0]).toMatch(/will not overwrite it.*Nothing in the data folder was changed\.$/)
    expect(await readFile(file, 'utf8')).toBe('{"records":[{"seq":1,"type":"acc')
  })

  it('the sentences: a damaged file names it; a disk fault says what is wrong with the folder and what to do', () => {
    const corrupt = startFailureMessage(new StoreCorruptError('/data/log/000002.json', 'record #3: seq 7 expected, found 9'))
    expect(corrupt).toMatch(/^Store file \/data\/log\/000002\.json is corrupt: record #3: seq 7 expected, found 9\. .*Nothing in the data folder was changed\.$/)
    const readOnly = startFailureMessage(fsError('EROFS', 'open', '/data/log/000004.jsonl'), '/data')
    expect(readOnly).toMatch(
      /^Envelope cannot use its data folder \/data: the data folder is read-only \(EROFS: .*\)\. Free some space or let Envelope write there, then start it again\.$/,
    )
    expect(startFailureMessage(fsError('ENOSPC', 'write', '/data/node.json'), '/data')).toContain('the disk is full')
  })
})
