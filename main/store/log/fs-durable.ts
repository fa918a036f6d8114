// The few file-system steps that make a write survive a power cut. Node's
// writeFile and rename only reach the page cache; fsync is what reaches the disk.

import { mkdir, open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/**
 * Codes some platforms return when asked to fsync a folder (Windows cannot open
 * one; some file systems refuse). There the rename is as durable as it gets.
 */
const DIR_FSYNC_UNSUPPORTED = new Set(['EISDIR', 'EPERM', 'EINVAL'])

function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : undefined
}

/** Flushes a folder's entries (a new or renamed file) to disk. */
export async function fsyncDir(dir: string): Promise<void> {
  let handle
  try {
    handle = await open(dir, 'r')
    await handle.sync()
  } catch (err) {
    if (!DIR_FSYNC_UNSUPPORTED.has(errorCode(err) ?? '')) {
      throw err
    }
  } finally {
    await handle?.close()
  }
}

/** mkdir -p, then fsync the parents of what was created so the folder itself survives a crash. */
export async function mkdirDurable(dir: string): Promise<void> {
  const firstCreated = await mkdir(dir, { recursive: true })
  if (firstCreated === undefined) {
    return
  }
  // Every created folder's entry lives in its parent: fsync from the deepest up.
  for (let d = dir; ; d = dirname(d)) {
    await fsyncDir(dirname(d))
    if (d === firstCreated || dirname(d) === d) {
      break
    }
  }
}

const TEMP_SUFFIX = '.tmp'
let tempCounter = 0

/** Temp files are hidden siblings named after their target: `.000001.json.<pid>-<n>.tmp`. */
function tempPathFor(file: string): string {
  tempCounter += 1
  return join(dirname(file), `.${basename(file)}.${process.pid}-${tempCounter}${TEMP_SUFFIX}`)
}

/** True for a temp file left behind by writeFileDurable (for any target, or for `target` only). */
export function isTempFileName(name: string, target?: string): boolean {
  const prefix = target === undefined ? '.' : `.${basename(target)}.`
  return name.startsWith(prefix) && name.endsWith(TEMP_SUFFIX) && name.length > prefix.length + TEMP_SUFFIX.length
}

/** Deletes temp files; each was never renamed over its target, so it holds nothing committed. */
export async function removeTemps(temps: string[]): Promise<void> {
  await Promise.all(temps.map((t) => rm(t, { force: true })))
}

/**
 * Replaces `file` with `text` atomically and durably: a reader (or a restart
 * after a crash) sees either the old content or the new, never a mix, and once
 * this resolves the new content survives a power cut.
 */
export async function writeFileDurable(file: string, text: string | Uint8Array): Promise<void> {
  const piece = await createFileDurable(file)
  try {
    await piece.write(typeof text === 'string' ? Buffer.from(text) : text, 0)
  } catch (err) {
    await piece.abort()
    throw err
  }
  await piece.commit()
}

/** A replacement for a file, written in pieces (a checkpoint), that takes the file's place only once committed. */
export interface PieceFile {
  /** Writes all of `bytes` at `position` of the new content (not yet durable, not yet visible). */
  write(bytes: Uint8Array, position: number): Promise<void>
  /** fsync, rename over the file, fsync the folder: the new content from here on, even after a power cut. */
  commit(): Promise<void>
  /** Gives the replacement up: the file stays as it was. */
  abort(): Promise<void>
}

/** Starts replacing `file`: its new content goes to a temp sibling until commit(). */
export async function createFileDurable(file: string): Promise<PieceFile> {
  const tmp = tempPathFor(file)
  const handle = await open(tmp, 'wx')
  let closed = false
  const abort = async () => {
    if (!closed) {
      closed = true
      await handle.close().catch(() => undefined)
    }
    await rm(tmp, { force: true }).catch(() => undefined)
  }
  return {
    async write(bytes, position) {
      // write(2) may write part of the buffer (a disk that is nearly full): go on until all is written or the disk says why not.
      for (let done = 0; done < bytes.length;) {
        const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position + done)
        if (bytesWritten === 0) {
          throw Object.assign(new Error(`ENOSPC: no space left on device, write '${tmp}'`), { code: 'ENOSPC' })
        }
        done += bytesWritten
      }
    },
    async commit() {
      try {
        await handle.sync()
        closed = true
        await handle.close()
        await rename(tmp, file)
      } catch (err) {
        await abort()
        throw err
      }
      // The rename is only durable once the folder entry is on disk.
      await fsyncDir(dirname(file))
    },
    abort,
  }
}
