// One bench script's rows: printed as a table and written to bench/results/<name>.json,
// which bench/run.mjs merges into bench/results/latest.json.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export interface Row {
  id: string
  /** ours / reference, both measured in this run; null when the row was skipped. */
  ratio: number | null
  value: number | null
  reference: number | null
  unit: string
  note: string
}

export const QUICK = process.argv.includes('--quick')
export const BENCH_DIR = join(import.meta.dirname, '..')
export const ROOT = join(BENCH_DIR, '..')

const fmt = (n: number | null, digits = 2) => (n === null ? '-' : Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(digits))

export function table(rows: Row[]): string {
  const lines = ['| id | ratio | value | reference | unit | note |', '| --- | --- | --- | --- | --- | --- |']
  for (const r of rows) {
    lines.push(`| ${r.id} | ${fmt(r.ratio)} | ${fmt(r.value)} | ${fmt(r.reference)} | ${r.unit} | ${r.note} |`)
  }
  return lines.join('\n')
}

export function writeRows(name: string, rows: Row[]): void {
  const dir = join(BENCH_DIR, 'results')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify({ rows }, null, 2)}\n`)
  console.log(`\n${name}${QUICK ? ' (--quick)' : ''}\n${table(rows)}`)
}

export function row(id: string, value: number | null, reference: number | null, unit: string, note: string): Row {
  const ratio = value === null || reference === null || reference === 0 ? null : value / reference
  return { id, ratio, value, reference, unit, note }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) {
    return NaN
  }
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

export function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50)
}
