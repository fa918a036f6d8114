// Shared fixtures for the log tests: real folders under the OS temp dir, and an
// adapter wrapper that can hold or fail a write on demand.

import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Adapter } from 'lowdb'
import { DurableJSONFile } from '../../main/store/log/durable-json-file'
import type { SegmentDoc } from '../../main/store/log/segment-files'
import { stringifySegment } from '../../main/store/log/segment-files'
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

/**
 * Wraps the real durable adapter: records which file each write went to, and
 * lets a test hold writes in flight (`hold`) or make them fail (`failWith`).
 */
export class ControlledAdapters {
  readonly writes: string[] = []
  failWith: Error | null = null
  private gate: Promise<void> | null = null
  private release: (() => void) | null = null

  hold(): void {
    this.gate = new Promise((resolve) => (this.release = resolve))
  }

  open(): void {
    this.release?.()
    this.gate = null
  }

  readonly adapterFor = (file: string): Adapter<SegmentDoc<Msg>> => {
    const real = new DurableJSONFile<SegmentDoc<Msg>>(file, { stringify: stringifySegment })
    return {
      read: () => real.read(),
      write: async (data) => {
        // Snapshot now, as the real adapter does, then maybe wait or fail.
        const snapshot = structuredClone(data)
        this.writes.push(file)
        await this.gate
        if (this.failWith) {
          throw this.failWith
        }
        await real.write(snapshot)
      },
    }
  }
}
