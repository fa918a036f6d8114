// Builds Envelope (electron-vite) when the sources are newer than out/: `npm run serve` and
// `npm run lab` run the built headless node under plain Node.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = join(dirname(fileURLToPath(import.meta.url)), '..')
export const entry = join(root, 'out/main/headless.js')
const SOURCES = ['main', 'shared', 'renderer', 'preload', 'electron.vite.config.ts', 'package.json']

function newest(path) {
  const stat = statSync(path)
  if (!stat.isDirectory()) {
    return stat.mtimeMs
  }
  let max = stat.mtimeMs
  for (const name of readdirSync(path)) {
    if (name === 'node_modules') {
      continue
    }
    max = Math.max(max, newest(join(path, name)))
  }
  return max
}

/** Builds when needed; exits the process with the build's status if it fails. */
export function buildIfStale() {
  const built = existsSync(entry) && existsSync(join(root, 'out/renderer/index.html')) ? statSync(entry).mtimeMs : 0
  const sourcesTime = Math.max(...SOURCES.map((s) => join(root, s)).filter(existsSync).map(newest))
  if (built >= sourcesTime) {
    return
  }
  console.log('Building Envelope (first start or changed sources)...')
  const result = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] })
  if (result.status !== 0) {
    process.exit(result.status ?? 1)
  }
}
