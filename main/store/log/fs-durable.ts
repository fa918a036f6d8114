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
  const tmp = tempPathFor(file)
  let handle
  try {
    handle = await open(tmp, 'wx')
    await handle.writeFile(text)
    await handle.sync()
    await handle.close()
    handle = undefined
    await rename(tmp, file)
  } catch (err) {
    await handle?.close().catch(() => undefined)
    await rm(tmp, { force: true }).catch(() => undefined)
    throw err
  }
  // The rename is only durable once the folder entry is on disk.
  await fsyncDir(dirname(file))
}
