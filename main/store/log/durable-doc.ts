// One small JSON document kept durable (node identity, peers, settings): for
// data that is rewritten whole and stays small, where a log would be overkill.

import { readdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { Low } from 'lowdb'
import { DurableJSONFile } from './durable-json-file'
import { StoreCorruptError } from './errors'
import { isTempFileName, mkdirDurable, removeTemps } from './fs-durable'

export interface DurableDoc<T> {
  /**
   * The document as last written to disk (the defaults until the first update).
   * Treat it as read-only: change it through update().
   */
  readonly data: T
  /**
   * Applies `fn` to a copy of the document, writes it durably, and only then
   * makes it the new `data`. Updates run one at a time, each on the result of
   * the previous one. If the write fails the promise rejects and `data` keeps
   * its previous value.
   */
  update(fn: (d: T) => void): Promise<void>
}

/**
 * Opens (or starts) a durable document. A file that is not JSON, or that
 * `parse` rejects, raises StoreCorruptError and is left untouched. Nothing is
 * written until the first update(). `parse` also checks each updated document
 * before it is written, so the file never holds what could not be read back.
 */
export async function openDurableDoc<T>(file: string, defaults: T, parse?: (raw: unknown) => T): Promise<DurableDoc<T>> {
  await mkdirDurable(dirname(file))
  const adapter = new DurableJSONFile<T>(file)
  const raw = await adapter.read()
  let data: T
  if (raw === null) {
    data = structuredClone(defaults)
  } else if (parse) {
    try {
      data = parse(raw)
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err)
      throw new StoreCorruptError(file, `it does not have the expected shape (${reason})`, { cause: err })
    }
  } else {
    data = raw
  }
  const db = new Low<T>(adapter, data)
  // Leftovers of an update interrupted by a crash; removed only once the file checked out.
  const temps = (await readdir(dirname(file))).filter((name) => isTempFileName(name, file))
  await removeTemps(temps.map((name) => join(dirname(file), name)))

  let tail: Promise<unknown> = Promise.resolve()
  const update = (fn: (d: T) => void): Promise<void> => {
    const run = tail.then(async () => {
      let next = structuredClone(db.data)
      fn(next)
      if (parse) {
        next = parse(next)
      }
      const previous = db.data
      db.data = next
      try {
        await db.write()
      } catch (err) {
        db.data = previous
        throw err
      }
    })
    tail = run.catch(() => undefined)
    return run
  }

  return {
    get data() {
      return db.data
    },
    update,
  }
}
