// A lowdb adapter that writes one JSON file atomically AND durably. lowdb's own
// JSONFile (through steno) renames a temp file but never fsyncs, so a power cut
// can leave an empty or stale file behind a write that "succeeded".

import { readFile } from 'node:fs/promises'
import type { Adapter } from 'lowdb'
import { StoreCorruptError } from './errors'
import { writeFileDurable } from './fs-durable'

export interface DurableJSONFileOptions<T> {
  /** How to serialise; defaults to JSON with 2-space indentation (lowdb's format). */
  stringify?: (data: T) => string
}

export class DurableJSONFile<T> implements Adapter<T> {
  readonly file: string
  private readonly stringify: (data: T) => string
  /** Writes run one after another so an older write can never rename over a newer one. */
  private tail: Promise<unknown> = Promise.resolve()

  constructor(file: string, options: DurableJSONFileOptions<T> = {}) {
    this.file = file
    this.stringify = options.stringify ?? ((data) => JSON.stringify(data, null, 2))
  }

  /** null when the file does not exist; StoreCorruptError when it exists but is not a JSON document. */
  async read(): Promise<T | null> {
    let text: string
    try {
      text = await readFile(this.file, 'utf8')
    } catch (err) {
      if (typeof err === 'object' && err !== null && 'code' in err && err.code === 'ENOENT') {
        return null
      }
      throw err
    }
    let data: unknown
    try {
      data = JSON.parse(text)
    } catch (err) {
      const problem = text.length === 0 ? 'the file is empty' : `not valid JSON (${(err as Error).message})`
      throw new StoreCorruptError(this.file, problem, { cause: err })
    }
    // We never write null; and returning it would make lowdb fall back to defaults
    // and later overwrite the file.
    if (data === null) {
      throw new StoreCorruptError(this.file, 'the document is null')
    }
    return data as T
  }

  /** Serialises now (a snapshot of `data`), then writes after any write already queued. */
  write(data: T): Promise<void> {
    const text = this.stringify(data)
    const done = this.tail.then(() => writeFileDurable(this.file, text))
    this.tail = done.catch(() => undefined)
    return done
  }
}
