// Support for the crash-point tests: a node process armed to SIGKILL itself at a named point
// (main/lib/crash-point.ts), and the checks that it died there and not anywhere else.
import { ApiError } from '@shared/api'
import type { CrashPointName } from '../../main/lib/crash-point'
import type { TestNode } from '../sync/harness'
import { spawnNode } from '../sync/harness'

/** The environment that arms `point` (its n-th pass) in a node started by the harness. */
export function armed(point: CrashPointName, nth = 1, extra: Record<string, string> = {}): Record<string, string> {
  return { ENVELOPE_TEST_CRASH_AT: `${point}#${nth}`, ...extra }
}

/** Waits for a harness node's process to die by the armed point; fails on any other end. */
export async function diedAt(node: TestNode, point: CrashPointName, ms = 60_000): Promise<void> {
  const proc = node.proc
  if (!proc) {
    throw new Error(`${node.name} is not running`)
  }
  // The harness keeps appending the process's output to node.output.
  const signal = await new Promise<NodeJS.Signals | null>((resolve, reject) => {
    if (proc.exitCode !== null || proc.signalCode !== null) {
      resolve(proc.signalCode)
      return
    }
    const timer = setTimeout(() => reject(new Error(`${node.name} never reached ${point}:\n${node.output}`)), ms)
    proc.once('exit', (_code, sig) => {
      clearTimeout(timer)
      resolve(sig)
    })
  })
  node.proc = null
  if (signal !== 'SIGKILL' || !node.output.includes(`crash point ${point}#`)) {
    throw new Error(`${node.name} ended (${signal}) without reaching ${point}:\n${node.output}`)
  }
}

/**
 * Starts a node on `dataDir` that is expected to die at `point` before or soon after it
 * prints its URLs (a sync pull runs as soon as the links start), and waits for that death.
 */
export function runUntilCrash(name: string, dataDir: string, point: CrashPointName, ms = 60_000): Promise<string> {
  const proc = spawnNode(name, dataDir, armed(point))
  let output = ''
  proc.stdout.on('data', (c: Buffer) => (output += c.toString()))
  proc.stderr.on('data', (c: Buffer) => (output += c.toString()))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL')
      reject(new Error(`${name} never reached ${point}:\n${output}`))
    }, ms)
    proc.once('exit', (_code, signal) => {
      clearTimeout(timer)
      if (signal === 'SIGKILL' && output.includes(`crash point ${point}#`)) {
        resolve(output)
      } else {
        reject(new Error(`${name} ended (${signal}) without reaching ${point}:\n${output}`))
      }
    })
  })
}

/** A failed call the node never answered (it died): to be retried with the same clientId. */
export function unanswered(error: unknown): boolean {
  return !(error instanceof ApiError) || error.status === 0 || error.status >= 500
}

/** Counts, for each expected text, how often it is stored: lost (0) and doubled (> 1). */
export function lossAndDoubles(expected: string[], stored: string[]): { lost: string[]; doubled: string[] } {
  const count = (t: string) => stored.filter((s) => s === t).length
  return { lost: expected.filter((t) => count(t) === 0), doubled: expected.filter((t) => count(t) > 1) }
}
