// `npm run soak [-- --minutes N]`: the long versions of the reliability tests (10,000 bad
// requests, 50 crash rounds, every crash point, 400 model sequences on one node and 40 across
// two paired nodes, the SSE soak for N minutes, default 10) and their figures written into
// docs/RELIABILITY.md (between the soak markers) with the exact command. Loopback only.
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { parseArgs } from 'node:util'

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '10' } } })
const command = `npm run soak${values.minutes === '10' ? '' : ` -- --minutes ${values.minutes}`}`
const figures = {}

function run(label, cmd, args, env = {}) {
  process.stdout.write(`\n== ${label}\n`)
  const started = Date.now()
  const result = spawnSync(cmd, args, { env: { ...process.env, ENVELOPE_FIGURES: '1', ...env }, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 })
  const out = `${result.stdout}${result.stderr}`
  process.stdout.write(out.split('\n').slice(-15).join('\n'))
  for (const m of out.matchAll(/^(crash-rounds|crash-points|malformed-input statuses|model-test|model-test-paired|sse-soak) (\{.*\})$/gm)) {
    figures[m[1]] = JSON.parse(m[2])
  }
  return { label, ok: result.status === 0, seconds: Math.round((Date.now() - started) / 1000) }
}

const steps = [
  run('build', 'npx', ['electron-vite', 'build']),
  run('10,000 bad requests', 'npx', ['vitest', 'run', '--project', 'node', 'tests/reliability/malformed-input.test.ts'], { ENVELOPE_FUZZ_RUNS: '10000' }),
  run('50 crash rounds', 'npx', ['vitest', 'run', '--project', 'node', 'tests/reliability/crash-rounds.test.ts'], { ENVELOPE_CRASH_ROUNDS: '50' }),
  run('every crash point (seal, campaign tick, 3-node sync pull)', 'npx', ['vitest', 'run', '--project', 'node', 'tests/reliability/crash-points.test.ts'], {
    ENVELOPE_CRASH_POINTS: 'all',
  }),
  run('400 + 40 model sequences (one node, two paired nodes)', 'npx', ['vitest', 'run', '--project', 'node', 'tests/reliability/model.test.ts'], {
    ENVELOPE_MODEL_RUNS: '400',
  }),
  run(`SSE soak, ${values.minutes} min`, 'npx', ['tsx', '--tsconfig', 'tsconfig.node.json', 'scripts/soak-sse.mts', '--minutes', values.minutes]),
]

const doc = 'docs/RELIABILITY.md'
const begin = '<!-- soak:begin -->'
const end = '<!-- soak:end -->'
const block = [
  begin,
  `Last run: ${new Date().toISOString()}, \`${command}\`, on ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB RAM.`,
  '',
  '| step | passed | seconds |',
  '| --- | --- | --- |',
  ...steps.map((s) => `| ${s.label} | ${s.ok ? 'yes' : 'NO'} | ${s.seconds} |`),
  '',
  '```json',
  JSON.stringify(figures, null, 2),
  '```',
  end,
].join('\n')
const text = readFileSync(doc, 'utf8')
const at = text.indexOf(begin)
writeFileSync(doc, at < 0 ? `${text.trimEnd()}\n\n${block}\n` : text.slice(0, at) + block + text.slice(text.indexOf(end) + end.length))
process.stdout.write(`\nfigures written to ${doc}\n`)
process.exit(steps.every((s) => s.ok) ? 0 : 1)
