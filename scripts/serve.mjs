// `npm run serve`: build when the sources are newer than the build, then run the headless
// node from out/ under plain Node. Arguments pass through (`npm run serve -- --demo`).
import { spawnSync, spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const entry = join(root, 'out/main/headless.js')
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

const built = existsSync(entry) && existsSync(join(root, 'out/renderer/index.html')) ? statSync(entry).mtimeMs : 0
const sourcesTime = Math.max(...SOURCES.map((s) => join(root, s)).filter(existsSync).map(newest))
if (built < sourcesTime) {
  console.log('Building Envelope (first start or changed sources)...')
  const result = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] })
  if (result.status !== 0) {
    process.exit(result.status ?? 1)
  }
}
const child = spawn(process.execPath, [entry, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal))
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
