// A checkpoint of the projection (data/checkpoint.json): start-up restores it and replays
// only the log after its seq. It is a cache of the log: one that is missing, unreadable or
// ahead of the log is ignored and the whole log is replayed (docs/STORAGE.md).
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { decodeState, encodeState } from './checkpoint-codec'
import type { FileOps } from './log'
import { isTempFileName, removeTemps } from './log/fs-durable'
import type { StoreState } from './state'

/**
 * 2: a header line (version, node, seq, stamp and the SHA-256 of the state's text) and the
 * state on the next line, so a flipped byte that keeps the JSON valid is still found.
 */
const VERSION = 2

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

export interface Checkpoint {
  /** The projection holds every event up to and including this seq. */
  seq: number
  /** The last time the node handed out (Store.stamp), so order survives a restart. */
  lastStamp: number
  state: StoreState
}

export function checkpointPath(dataDir: string): string {
  return join(dataDir, 'checkpoint.json')
}

/**
 * The node's checkpoint, or null when there is none it can use. A checkpoint that exists but
 * cannot be used (damaged, another version, another node's) is a cache lost, not data lost:
 * `warn` hears why, naming the file, and the caller replays the log instead.
 */
export async function readCheckpoint(dataDir: string, nodeId: string, warn: (problem: string) => void = () => undefined): Promise<Checkpoint | null> {
  const file = checkpointPath(dataDir)
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => err)
  return decodeCheckpoint(file, text, nodeId, warn)
}

/** readCheckpoint without yielding: the store rolls memory back in one step after a failed write. */
export function readCheckpointSync(dataDir: string, nodeId: string): Checkpoint | null {
  const file = checkpointPath(dataDir)
  let text: string | NodeJS.ErrnoException
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    text = err as NodeJS.ErrnoException
  }
  return decodeCheckpoint(file, text, nodeId, () => undefined)
}

function decodeCheckpoint(file: string, text: string | NodeJS.ErrnoException, nodeId: string, warn: (problem: string) => void): Checkpoint | null {
  const unusable = (why: string): null => {
    warn(`${file} is not used (${why}); the log is replayed instead`)
    return null
  }
  if (typeof text !== 'string') {
    return text.code === 'ENOENT' ? null : unusable(`it cannot be read: ${text.message}`)
  }
  const newline = text.indexOf('\n')
  const stateText = newline < 0 ? '' : text.slice(newline + 1)
  let doc: { version?: unknown; nodeId?: unknown; seq?: unknown; lastStamp?: unknown; sha256?: unknown }
  try {
    doc = JSON.parse(newline < 0 ? text : text.slice(0, newline)) as typeof doc
  } catch (err) {
    return unusable(`its header is not valid JSON: ${(err as Error).message}`)
  }
  if (doc?.version !== VERSION) {
    return unusable(`version ${JSON.stringify(doc?.version)}, expected ${VERSION}`)
  }
  if (doc.nodeId !== nodeId) {
    return unusable(`it belongs to node ${JSON.stringify(doc.nodeId)}, not ${nodeId}`)
  }
  if (!Number.isInteger(doc.seq) || typeof doc.lastStamp !== 'number') {
    return unusable('it has no seq or stamp')
  }
  if (doc.sha256 !== digest(stateText)) {
    return unusable('its state does not match its SHA-256: a flipped byte, a cut-off copy or a hand edit')
  }
  try {
    return { seq: doc.seq as number, lastStamp: doc.lastStamp, state: decodeState(JSON.parse(stateText) as never) as StoreState }
  } catch (err) {
    return unusable(`its state cannot be decoded: ${(err as Error).message}`)
  }
}

export function writeCheckpoint(files: FileOps, dataDir: string, nodeId: string, checkpoint: Checkpoint): Promise<void> {
  const stateText = JSON.stringify(encodeState(checkpoint.state))
  const header = { version: VERSION, nodeId, seq: checkpoint.seq, lastStamp: checkpoint.lastStamp, sha256: digest(stateText) }
  return files.writeDurable(checkpointPath(dataDir), `${JSON.stringify(header)}\n${stateText}`)
}

/** Leftovers of a checkpoint write cut off by a crash: never renamed, so never used. */
export async function removeCheckpointTemps(dataDir: string): Promise<void> {
  const target = checkpointPath(dataDir)
  const names = (await readdir(dataDir)).filter((name) => isTempFileName(name, target))
  await removeTemps(names.map((name) => join(dataDir, name)))
}
