// `npm run serve`: build when the sources are newer than the build, then run the headless
// node from out/ under plain Node. Arguments pass through (`npm run serve -- --demo`).
import { spawn } from 'node:child_process'
import { buildIfStale, entry, root } from './build-if-stale.mjs'

buildIfStale()
const child = spawn(process.execPath, [entry, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal))
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
