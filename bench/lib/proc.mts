// Child processes the bench measures: the headless Envelope node and the reference servers.
// Everything binds 127.0.0.1; every child is stopped by the script that started it.
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Policy } from '../../shared/policy.ts'
import { BENCH_DIR, ROOT } from './results.mts'

export const TOKEN = 'bench-token'
export const POLICY = join(BENCH_DIR, 'policy.json')

/** The caps the bench's nodes run with (bench/policy.json: out of the way), for benches that drive the domain in-process. */
export function benchCaps(): Policy['caps'] {
  return (JSON.parse(readFileSync(POLICY, 'utf8')) as { caps: Policy['caps'] }).caps
}

export interface Child {
  url: string
  /** Lines the child printed before it was ready (node id, peer URL, login link). */
  output: string
  startedMs: number
  process: ChildProcess
  rssMb(): number
  /** The child's CPU time so far (user + system), ms, from /proc: robust to how much CPU it got. */
  cpuMs(): number
  stop(): Promise<void>
}

/** Clock ticks per second of /proc's times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100

function cpuMsOf(pid: number | undefined): number {
  // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND
}

/** Starts a script and resolves once it prints `listening on <url>` (and `ready` matches, if given). */
export function startChild(args: string[], ready: RegExp = /listening on (http:\/\/\S+)/): Promise<Child> {
  const t0 = performance.now()
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    let output = ''
    const onExit = (code: number | null) => reject(new Error(`${args.join(' ')} exited with ${code}\n${output}`))
    child.on('exit', onExit)
    child.stdout!.on('data', (d: Buffer) => {
      output += d
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1]
      if (!url || !ready.test(output)) {
        return
      }
      child.off('exit', onExit)
      resolve({
        url,
        output,
        startedMs: performance.now() - t0,
        process: child,
        rssMb: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024,
        cpuMs: () => cpuMsOf(child.pid),
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) {
              return done()
            }
            child.once('exit', () => done())
            child.kill('SIGTERM')
          }),
      })
    })
  })
}

/**
 * The built headless node on a data folder, with the bench's generous caps. BENCH_NODE_ARGS
 * adds Node flags to it (`--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it under load).
 */
export function startEnvelope(dataDir: string, extra: string[] = [], ready?: RegExp): Promise<Child> {
  const entry = join(ROOT, 'out/main/headless.js')
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)
  return startChild([...nodeArgs, entry, '--data', dataDir, '--host', '127.0.0.1', '--port', '0', '--token', TOKEN, '--policy', POLICY, ...extra], ready)
}

/** A fresh node on its own temp data folder, ready once it accepts peers (the delivery rows). */
export async function benchNode(name: string): Promise<{ child: Child; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), `envelope-bench-${name}-`))
  return { child: await startEnvelope(dir, ['--name', name], /peers connect to/), dir }
}

let clientIds = 0
/** A client id no other send of this bench process uses (R18 would skip a repeat). */
export const clientId = (): string => `d${process.pid}-${++clientIds}`

export function nodeIdOf(child: Child): string {
  return /\((n_[A-Za-z0-9]+)\)/.exec(child.output)?.[1] ?? ''
}
export { cpuMsOf }
