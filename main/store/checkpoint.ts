// A checkpoint of the projection (data/checkpoint.bin): start-up restores it and replays
// only the log after its seq. It is a cache of the log: one that is missing, unreadable or
// ahead of the log is ignored and the whole log is replayed (docs/STORAGE.md).
//
// Layout: "ENVCKPT2", the SHA-256 of everything after it (32 bytes; a flipped byte is found),
// the header's length (u32 LE), the header as JSON (seq, node, the projection with its typed
// arrays named by blob number), then each blob at an 8-byte aligned offset, so start-up maps
// the message columns and the id index as views of the file's bytes instead of parsing them.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Json } from './checkpoint-codec'
import { decodeState, encodeState } from './checkpoint-codec'
import type { FileOps } from './log'
import { isTempFileName, removeTemps } from './log/fs-durable'
import { trimmedRefs } from './message-refs'
import type { StoreState } from './state'

const VERSION = 2
const MAGIC = 'ENVCKPT2'
const DIGEST = 32
/** Where the header's length sits; the header follows it. */
const LENGTH_AT = MAGIC.length + DIGEST

function digest(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(bytes).digest()
}

export interface Checkpoint {
  /** The projection holds every event up to and including this seq. */
  seq: number
  /** The last time the node handed out (Store.stamp), so order survives a restart. */
  lastStamp: number
  state: StoreState
}

export function checkpointPath(dataDir: string): string {
  return join(dataDir, 'checkpoint.bin')
}

/** Version 1 (the whole projection as JSON, written before messages moved out of memory): ignored, then removed. */
export function legacyCheckpointPath(dataDir: string): string {
  return join(dataDir, 'checkpoint.json')
}

interface Header {
  version?: unknown
  nodeId?: unknown
  seq?: unknown
  lastStamp?: unknown
  state?: Json
  blobs?: unknown
}

/**
 * The node's checkpoint, or null when there is none it can use. A checkpoint that exists but
 * cannot be used (damaged, another version, another node's) is a cache lost, not data lost:
 * `warn` hears why, naming the file, and the caller replays the log instead.
 */
export async function readCheckpoint(dataDir: string, nodeId: string, warn: (problem: string) => void = () => undefined): Promise<Checkpoint | null> {
  const file = checkpointPath(dataDir)
  const bytes = await readFile(file).catch((err: NodeJS.ErrnoException) => err)
  return decodeCheckpoint(file, bytes, nodeId, warn)
}

/** readCheckpoint without yielding: the store rolls memory back in one step after a failed write. */
export function readCheckpointSync(dataDir: string, nodeId: string): Checkpoint | null {
  const file = checkpointPath(dataDir)
  let bytes: Buffer | NodeJS.ErrnoException
  try {
    bytes = readFileSync(file)
  } catch (err) {
    bytes = err as NodeJS.ErrnoException
  }
  return decodeCheckpoint(file, bytes, nodeId, () => undefined)
}

function decodeCheckpoint(file: string, bytes: Buffer | NodeJS.ErrnoException, nodeId: string, warn: (problem: string) => void): Checkpoint | null {
  const unusable = (why: string): null => {
    warn(`${file} is not used (${why}); the log is replayed instead`)
    return null
  }
  if (!Buffer.isBuffer(bytes)) {
    return bytes.code === 'ENOENT' ? null : unusable(`it cannot be read: ${bytes.message}`)
  }
  if (bytes.length < LENGTH_AT + 4 || bytes.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) {
    return unusable(`it does not start with ${MAGIC}`)
  }
  if (!digest(bytes.subarray(LENGTH_AT)).equals(bytes.subarray(MAGIC.length, LENGTH_AT))) {
    return unusable('its state does not match its SHA-256: a flipped byte, a cut-off copy or a hand edit')
  }
  const start = LENGTH_AT + 4
  const headerLength = bytes.readUInt32LE(LENGTH_AT)
  let doc: Header
  try {
    doc = JSON.parse(bytes.subarray(start, start + headerLength).toString('utf8')) as Header
  } catch (err) {
    return unusable(`its header is not valid JSON: ${(err as Error).message}`)
  }
  if (doc?.version !== VERSION) {
    return unusable(`version ${JSON.stringify(doc?.version)}, expected ${VERSION}`)
  }
  if (doc.nodeId !== nodeId) {
    return unusable(`it belongs to node ${JSON.stringify(doc.nodeId)}, not ${nodeId}`)
  }
  if (!Number.isInteger(doc.seq) || typeof doc.lastStamp !== 'number' || !Array.isArray(doc.blobs)) {
    return unusable('it has no seq, stamp or blob table')
  }
  try {
    const blobs = (doc.blobs as [number, number][]).map(([offset, length]) => {
      if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0 || offset + length > bytes.length) {
        throw new RangeError('a blob lies outside the file')
      }
      return bytes.subarray(offset, offset + length)
    })
    return { seq: doc.seq as number, lastStamp: doc.lastStamp, state: decodeState(doc.state as Json, blobs) as StoreState }
  } catch (err) {
    return unusable(`its state cannot be decoded: ${(err as Error).message}`)
  }
}

/**
 * The checkpoint as bytes, made synchronously: the projection may change once this returns.
 * The blobs are views of the live columns and index, copied once here into the file's bytes.
 */
export function encodeCheckpoint(nodeId: string, checkpoint: Checkpoint): Buffer {
  const blobs: Uint8Array[] = []
  const state = encodeState(canonical(checkpoint.state), blobs)
  const align = (n: number) => (n + 7) & ~7
  const placed: [number, number][] = []
  // The projection's JSON is the bulk of the header (megabytes at a million messages) and the
  // same whatever the offsets: made once, while the header is laid out again until it fits.
  const head = `{"version":${JSON.stringify(VERSION)},"nodeId":${JSON.stringify(nodeId)},"seq":${JSON.stringify(checkpoint.seq)},"lastStamp":${JSON.stringify(checkpoint.lastStamp)},"state":${JSON.stringify(state)},"blobs":`
  // The header's size depends on the offsets it lists: place blobs after a generous guess, then check.
  const headerFor = (first: number) => {
    placed.length = 0
    let offset = first
    for (const b of blobs) {
      placed.push([offset, b.byteLength])
      offset = align(offset + b.byteLength)
    }
    return Buffer.from(`${head}${JSON.stringify(placed)}}`)
  }
  let first = align(LENGTH_AT + 4 + headerFor(0).length + 16 * blobs.length + 64)
  let header = headerFor(first)
  while (LENGTH_AT + 4 + header.length > first) {
    first = align(LENGTH_AT + 4 + header.length + 64)
    header = headerFor(first)
  }
  const end = placed.length > 0 ? placed[placed.length - 1][0] + placed[placed.length - 1][1] : first
  const out = Buffer.alloc(end)
  out.write(MAGIC, 0, 'latin1')
  out.writeUInt32LE(header.length, LENGTH_AT)
  header.copy(out, LENGTH_AT + 4)
  blobs.forEach((b, i) => out.set(b, placed[i][0]))
  digest(out.subarray(MAGIC.length + DIGEST)).copy(out, MAGIC.length)
  return out
}

export function writeCheckpoint(files: FileOps, dataDir: string, bytes: Uint8Array): Promise<void> {
  return files.writeDurable(checkpointPath(dataDir), bytes)
}

/** The projection with every conversation's columns cut to length: one form for a store however it got there. */
export function canonical(state: StoreState): StoreState {
  const conversations = new Map([...state.conversations].map(([id, conv]) => [id, { ...conv, refs: trimmedRefs(conv.refs) }]))
  return { ...state, conversations }
}

/** A copy of the projection as a checkpoint would restore it (tests compare two stores with it). */
export function roundTrip(state: StoreState): unknown {
  const blobs: Uint8Array[] = []
  const json = encodeState(canonical(state), blobs)
  return decodeState(
    json,
    blobs.map((b) => b.slice()),
  )
}

/** Leftovers of a checkpoint write cut off by a crash: never renamed, so never used. */
export async function removeCheckpointTemps(dataDir: string): Promise<void> {
  const names = await readdir(dataDir)
  const temps = [checkpointPath(dataDir), legacyCheckpointPath(dataDir)].flatMap((target) => names.filter((name) => isTempFileName(name, target)))
  await removeTemps(temps.map((name) => join(dataDir, name)))
}
