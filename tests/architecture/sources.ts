// The repository's own files, read once for the architecture tests: every source and
// doc file under version control, outside node_modules, build output and test artifacts.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const ROOT = resolve(__dirname, '../..')

/** Tracked files plus new ones not yet committed (so the test sees work in progress). */
export function repoFiles(pattern: RegExp): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
  return out
    .split('\n')
    .filter((f) => f !== '' && pattern.test(f))
    .filter((f) => !/^(node_modules|out|dist|tests\/artifacts|bench\/results)\//.test(f))
}

export function readRepoFile(file: string): string {
  return readFileSync(join(ROOT, file), 'utf8')
}
