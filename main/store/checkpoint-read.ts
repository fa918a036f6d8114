// Reading the checkpoint at start-up (and, without yielding, when memory is rolled back after
// a failed write). A checkpoint that exists but cannot be used (damaged, another version,
// another node's) is a cache lost, not data lost: the caller replays the log instead.
//
// At start-up the file's JSON header is read first and decoded while its blobs (the message
// columns, the id index: most of the bytes) are still being read on libuv's threads into the
// same buffer; nothing decoded is used before the whole file is read and its SHA-256 matches.
import { readFileSync } from 'node:fs'
import { open } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import type { Json } from './checkpoint-codec'
import { decodeState } from './checkpoint-decode'
import type { Checkpoint, Header } from './checkpoint-layout'
import { checkpointPath, digest, HEADER_AT, LENGTH_AT, MAGIC, READABLE_VERSIONS, VERSION } from './checkpoint-layout'
import type { StoreState } from './state'
import { upgradeState } from './state-upgrade'

/** How much is read before the header's length is known: most headers fit. */
const FIRST_READ = 1 << 20

type Decoded = { checkpoint: Checkpoint } | { problem: string }

/**
 * The node's checkpoint, or null when there is none it can use; `warn` hears why one that
 * exists cannot be used, naming the file.
 */
export async function readCheckpoint(dataDir: string, nodeId: string, warn: (problem: string) => void = () => undefined): Promise<Checkpoint | null> {
  const file = checkpointPath(dataDir)
  const unusable = (why: string): null => {
    warn(`${file} is not used (${why}); the log is replayed instead`)
    return null
  }
  let handle: FileHandle
  try {
    handle = await open(file, 'r')
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? null : unusable(`it cannot be read: ${(err as Error).message}`)
  }
  try {
    const size = (await handle.stat()).size
    // Its own ArrayBuffer at offset 0, so blob views are aligned as the file lays them out.
    const bytes = Buffer.allocUnsafeSlow(size)
    await readFully(handle, bytes, 0, Math.min(size, FIRST_READ))
    const start = headerProblem(bytes)
    if (typeof start === 'string') {
      return unusable(start)
    }
    await readFully(handle, bytes, FIRST_READ, Math.min(size, start.headerEnd) - FIRST_READ)
    const rest = readFully(handle, bytes, Math.max(FIRST_READ, start.headerEnd), size - Math.max(FIRST_READ, start.headerEnd))
    // Decoded meanwhile; whatever needs the blobs' contents waits in `later`.
    const later: (() => void)[] = []
    const decoded = start.headerEnd <= size ? decodeBody(bytes, start.headerEnd, nodeId, later) : { problem: 'its header runs past its end' }
    await rest
    if (!digest(bytes.subarray(LENGTH_AT)).equals(bytes.subarray(MAGIC.length, LENGTH_AT))) {
      return unusable('its state does not match its SHA-256: a flipped byte, a cut-off copy or a hand edit')
    }
    if ('problem' in decoded) {
      return unusable(decoded.problem)
    }
    for (const fill of later) {
      fill()
    }
    return decoded.checkpoint
  } catch (err) {
    return unusable(`it cannot be read: ${(err as Error).message}`)
  } finally {
    await handle.close()
  }
}

/** readCheckpoint without yielding: the store rolls memory back in one step after a failed write. */
export function readCheckpointSync(dataDir: string, nodeId: string): Checkpoint | null {
  let bytes: Buffer
  try {
    bytes = readFileSync(checkpointPath(dataDir))
  } catch {
    return null
  }
  const start = headerProblem(bytes)
  if (typeof start === 'string' || start.headerEnd > bytes.length || !digest(bytes.subarray(LENGTH_AT)).equals(bytes.subarray(MAGIC.length, LENGTH_AT))) {
    return null
  }
  const decoded = decodeBody(bytes, start.headerEnd, nodeId)
  return 'checkpoint' in decoded ? decoded.checkpoint : null
}

async function readFully(handle: FileHandle, into: Buffer, at: number, length: number): Promise<void> {
  for (let done = 0; done < length;) {
    const { bytesRead } = await handle.read(into, at + done, length - done, at + done)
    if (bytesRead === 0) {
      throw new Error('the file ended early')
    }
    done += bytesRead
  }
}

/** Where the header ends, or why the file is not a checkpoint. */
function headerProblem(bytes: Buffer): { headerEnd: number } | string {
  if (bytes.length < HEADER_AT || bytes.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) {
    return `it does not start with ${MAGIC}`
  }
  return { headerEnd: HEADER_AT + bytes.readUInt32LE(LENGTH_AT) }
}

function decodeBody(bytes: Buffer, headerEnd: number, nodeId: string, later?: (() => void)[]): Decoded {
  let doc: Header
  try {
    doc = JSON.parse(bytes.subarray(HEADER_AT, headerEnd).toString('utf8')) as Header
  } catch (err) {
    return { problem: `its header is not valid JSON: ${(err as Error).message}` }
  }
  if (!READABLE_VERSIONS.includes(doc?.version)) {
    return { problem: `version ${JSON.stringify(doc?.version)}, expected ${VERSION}` }
  }
  if (doc.nodeId !== nodeId) {
    return { problem: `it belongs to node ${JSON.stringify(doc.nodeId)}, not ${nodeId}` }
  }
  if (!Number.isInteger(doc.seq) || typeof doc.lastStamp !== 'number' || !Array.isArray(doc.blobs)) {
    return { problem: 'it has no seq, stamp or blob table' }
  }
  try {
    const blobs = (doc.blobs as [number, number][]).map(([offset, length]) => {
      if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < headerEnd || length < 0 || offset + length > bytes.length) {
        throw new RangeError('a blob lies outside the file')
      }
      return bytes.subarray(offset, offset + length)
    })
    const state = decodeState(doc.state as Json, blobs, later) as StoreState
    // Older versions' columns are converted once their bytes are read.
    const upgraded = () => upgradeState(state, doc.version as number)
    if (later) {
      later.push(upgraded)
    } else {
      upgraded()
    }
    return { checkpoint: { seq: doc.seq as number, lastStamp: doc.lastStamp, state } }
  } catch (err) {
    return { problem: `its state cannot be decoded: ${(err as Error).message}` }
  }
}
