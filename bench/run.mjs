// `npm run bench [-- --quick]`: runs every bench/<name>.mts one after the other (each writes
// bench/results/<name>.json), then merges every bench/results/*.json into
// bench/results/latest.json and prints one table. Ratios are ours / a reference measured in
// the same run, so they compare across machines; absolute values do not.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const results = join(here, 'results')
const quick = process.argv.includes('--quick')
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'))

mkdirSync(results, { recursive: true })
const scripts = readdirSync(here)
  .filter((f) => f.endsWith('.mts'))
  .filter((f) => only.length === 0 || only.includes(f.replace(/\.mts$/, '')))
  // --quick runs only the scripts that produce rows; the others are diagnostics (log-append).
  .filter((f) => !quick || only.length > 0 || readFileSync(join(here, f), 'utf8').includes('writeRows('))
  .sort()
let failed = 0
for (const script of scripts) {
  const name = script.replace(/\.mts$/, '')
  // A script that fails must not leave last run's rows looking current.
  rmSync(join(results, `${name}.json`), { force: true })
  console.log(`\n== bench/${script}${quick ? ' --quick' : ''}`)
  const t0 = Date.now()
  const tsx = join(root, 'node_modules/.bin/tsx')
  const run = spawnSync(tsx, ['--tsconfig', 'tsconfig.node.json', join(here, script), ...(quick ? ['--quick'] : [])], { cwd: root, stdio: 'inherit' })
  console.log(`== bench/${script}: ${run.status === 0 ? 'done' : `FAILED (${run.status ?? run.signal})`} in ${((Date.now() - t0) / 1000).toFixed(0)} s`)
  if (run.status !== 0) {
    failed++
  }
}

const rows = new Map()
for (const file of readdirSync(results).filter((f) => f.endsWith('.json') && f !== 'latest.json').sort()) {
  try {
    for (const r of JSON.parse(readFileSync(join(results, file), 'utf8')).rows ?? []) {
      rows.set(r.id, { ...r, source: file })
    }
  } catch (error) {
    console.log(`skipping bench/results/${file}: ${error.message}`)
  }
}
const order = (id) => id.replace(/\d+/g, (n) => n.padStart(4, '0'))
const merged = [...rows.values()].sort((a, b) => order(a.id).localeCompare(order(b.id)))
writeFileSync(join(results, 'latest.json'), `${JSON.stringify({ quick, at: new Date().toISOString(), rows: merged }, null, 2)}\n`)

const fmt = (n) => (typeof n !== 'number' ? '-' : Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2))
console.log(`\nEnvelope bench${quick ? ' (--quick)' : ''}: ratio = ours / reference measured in the same run`)
console.log('| id | ratio | value | reference | unit | note |')
console.log('| --- | --- | --- | --- | --- | --- |')
for (const r of merged) {
  console.log(`| ${r.id} | ${fmt(r.ratio)} | ${fmt(r.value)} | ${fmt(r.reference)} | ${r.unit} | ${r.note} |`)
}
console.log(`\nwritten: bench/results/latest.json${existsSync(join(results, 'latest.json')) ? '' : ' (failed)'}`)
if (failed > 0) {
  process.exitCode = 1
}
