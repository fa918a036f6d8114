// Test hook: makes this process SIGKILL itself at a named point, so a crash test lands exactly
// in the middle of a segment roll-over, a campaign tick or a sync pull instead of hoping a
// timer hits it. Off unless ENVELOPE_TEST_HOOKS=1 and ENVELOPE_TEST_CRASH_AT=<name>[#<n>]
// (the n-th time the point is reached, default the first); never set in real use.
import { writeSync } from 'node:fs'

/** Every point a test can name (docs/RELIABILITY.md "Crash points"). */
export type CrashPointName =
  | 'seal:segment-written'
  | 'seal:table-written'
  | 'seal:appended-while-sealing'
  | 'seal:spare-made'
  | 'campaign:step-persisted'
  | 'campaign:sent'
  | 'sync:pull-fetched'
  | 'sync:batch-applied'

function parse(spec: string | undefined): { name: string; nth: number } | null {
  const match = /^([a-z:-]+)(?:#(\d+))?$/.exec(spec ?? '')
  return match ? { name: match[1], nth: Number(match[2] ?? 1) } : null
}

const armed = process.env.ENVELOPE_TEST_HOOKS === '1' ? parse(process.env.ENVELOPE_TEST_CRASH_AT) : null
let reached = 0

/** At the armed point's n-th pass: one line on stderr (the test checks it), then SIGKILL. */
export function crashPoint(name: CrashPointName): void {
  if (armed === null || armed.name !== name || ++reached < armed.nth) {
    return
  }
  writeSync(2, `crash point ${name}#${reached}: SIGKILL\n`)
  process.kill(process.pid, 'SIGKILL')
}
