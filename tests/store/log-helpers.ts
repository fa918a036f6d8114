// Shared fixtures for the log tests: real folders under the OS temp dir, and a wrapper
// of the file steps that can hold, fail or crash any step on demand.

import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { expect } from 'vitest'
import type { FileOps } from '../../main/store/log/file-ops'
import { realFileOps } from '../../main/store/log/file-ops'
import type { SegmentDoc } from '../../main/store/log/segment-files'
import type { LogRecord } from '../../main/store/log/types'

export interface Msg extends LogRecord {
  kind: 'msg'
  text: string
}

export function msg(text: string): Omit<Msg, 'seq'> {
  return { kind: 'msg', text }
}

/** A fresh folder per test; `cleanup` removes every one made. */
export function tempDirs(): { make: () => Promise<string>; cleanup: () => Promise<void> } {
  const made: string[] = []
  return {
    make: async () => {
      const dir = await mkdtemp(join(tmpdir(), 'envelope-log-'))
      made.push(dir)
      return dir
    },
    cleanup: async () => {
      await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })))
    },
  }
}

/** Segment file names in the folder, sorted. */
export async function segmentFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((n) => /^\d{6}\.json$/.test(n)).sort()
}

export async function readSegment(dir: string, name: string): Promise<LogRecord[]> {
  return (JSON.parse(await readFile(join(dir, name), 'utf8')) as SegmentDoc).records
}

/** Segment files of either kind (sealed `.json`, active `.jsonl`), sorted. */
export async function logFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((n) => /^\d{6}\.jsonl?$/.test(n)).sort()
}

/**
 * Checks the folder's segment files, waiting for them first (bounded: 200 tries, 5 ms apart):
 * after a roll-over the next spare segment is made in the background.
 */
export async function expectLogFiles(dir: string, expected: string[]): Promise<void> {
  for (let i = 0; i < 200 && JSON.stringify(await logFiles(dir)) !== JSON.stringify(expected); i++) {
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  expect(await logFiles(dir)).toEqual(expected)
}

/**
 * Wraps the real file steps: records each step as "op name", and lets a test hold steps
 * in flight (`hold`), make them fail (`failWith`), or "crash" at step number `crashAt`:
 * that step and every later one throw without touching the disk, as if the process died.
 */
export class ControlledFiles {
  readonly steps: string[] = []
  failWith: Error | null = null
  crashAt = Number.POSITIVE_INFINITY
  private gate: Promise<void> | null = null
  private release: (() => void) | null = null

  hold(): void {
    this.gate = new Promise((resolve) => (this.release = resolve))
  }

  open(): void {
    this.release?.()
    this.gate = null
  }

  /** Appends only: what group commit is about. */
  get appends(): string[] {
    return this.steps.filter((s) => s.startsWith('append '))
  }

  private async step(name: string): Promise<void> {
    this.steps.push(name)
    if (this.steps.length >= this.crashAt) {
      throw new Error(`crashed at step ${this.steps.length} (${name})`)
    }
    await this.gate
    if (this.failWith) {
      throw this.failWith
    }
  }

  readonly files: FileOps = {
    writeDurable: async (file, text) => {
      await this.step(`write ${basename(file)}`)
      await realFileOps.writeDurable(file, text)
    },
    openAppend: async (file) => {
      await this.step(`open ${basename(file)}`)
      const real = await realFileOps.openAppend(file)
      return {
        // Asynchronous unlike the real write, so that a test can hold an append in flight.
        write: async (bytes) => {
          await this.step(`append ${basename(file)}`)
          await real.write(bytes)
        },
        sync: () => real.sync(),
        close: () => real.close(),
      }
    },
    // A checkpoint: `create`, one `piece` step a piece (its SHA-256 last), then `commit`.
    createDurable: async (file) => {
      await this.step(`create ${basename(file)}`)
      const real = await realFileOps.createDurable(file)
      return {
        write: async (bytes, position) => {
          await this.step(`piece ${basename(file)}`)
          await real.write(bytes, position)
        },
        commit: async () => {
          await this.step(`commit ${basename(file)}`)
          await real.commit()
        },
        // Not a step of its own: after a crash nothing runs (the temp file stays, as a dead process leaves it).
        abort: async () => {
          if (this.steps.length < this.crashAt) {
            await real.abort()
          }
        },
      }
    },
    truncateDurable: async (file, length) => {
      await this.step(`truncate ${basename(file)}`)
      await realFileOps.truncateDurable(file, length)
    },
    removeDurable: async (file) => {
      await this.step(`remove ${basename(file)}`)
      await realFileOps.removeDurable(file)
    },
  }
}
