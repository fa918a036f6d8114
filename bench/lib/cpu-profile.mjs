// Summarises a .cpuprofile written by `node --cpu-prof` (BENCH_NODE_ARGS, see
// docs/PERFORMANCE.md): self time by function and by part (our code, Hono, zod, Node, GC).
// Run: node bench/lib/cpu-profile.mjs <file.cpuprofile> [top=30] [from=0]
// `from` (seconds) skips the start of the profile (module loading, JIT warm-up), so a
// steady state can be read alone.
import { readFileSync } from 'node:fs'

const [file, topArg, fromArg] = process.argv.slice(2)
if (!file) {
  console.error('usage: node bench/lib/cpu-profile.mjs <file.cpuprofile> [top] [from seconds]')
  process.exit(2)
}
const profile = JSON.parse(readFileSync(file, 'utf8'))
const nodes = new Map(profile.nodes.map((n) => [n.id, n]))

function partOf({ url, functionName }) {
  if (functionName.startsWith('(') && url === '') {
    return functionName // (idle), (garbage collector), (program)
  }
  if (url.includes('/hono/') || url.includes('@hono/')) {
    return 'hono'
  }
  if (url.includes('/zod/')) {
    return 'zod'
  }
  if (url.includes('/out/main/')) {
    return 'envelope'
  }
  return url === '' ? 'native' : url.includes('node_modules/') ? 'other libraries' : 'node'
}

const byFunction = new Map()
const byPart = new Map()
let total = 0
const fromUs = Number(fromArg ?? 0) * 1e6
let elapsedUs = 0
profile.samples.forEach((id, i) => {
  const frame = nodes.get(id).callFrame
  const dt = profile.timeDeltas[i] ?? 0
  elapsedUs += dt
  if (elapsedUs < fromUs) {
    return
  }
  total += dt
  const name = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber + 1}`
  byFunction.set(name, (byFunction.get(name) ?? 0) + dt)
  const part = partOf(frame)
  byPart.set(part, (byPart.get(part) ?? 0) + dt)
})

const table = (map, n) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`)
    .join('\n')
console.log(`${(total / 1e6).toFixed(2)} s sampled\n\nby part\n${table(byPart, 12)}\n\nby function (self time)\n${table(byFunction, Number(topArg ?? 30))}`)
