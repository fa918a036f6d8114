// A checkpoint of the projection (data/checkpoint.bin): start-up restores it and replays
// only the log after its seq. It is a cache of the log: one that is missing, unreadable or
// ahead of the log is ignored and the whole log is replayed (docs/STORAGE.md). The file's
// layout is ./checkpoint-layout.ts; reading it, ./checkpoint-read.ts.
import { createHash } from 'node:crypto'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Json } from './checkpoint-codec'
import { decodeState, encodeState } from './checkpoint-codec'
import type { Checkpoint } from './checkpoint-layout'
import { checkpointPath, digest, HEADER_AT, LENGTH_AT, legacyCheckpointPath, MAGIC, VERSION } from './checkpoint-layout'
import type { FileOps } from './log'
import { isTempFileName, removeTemps } from './log/fs-durable'
import { trimmedRefs } from './message-refs'
import type { StoreState } from './state'
import type { TimeList } from './time-list'
import { trimmedTimeList } from './time-list'

export type { Checkpoint } from './checkpoint-layout'
export { checkpointPath, legacyCheckpointPath } from './checkpoint-layout'
export { readCheckpoint, readCheckpointSync } from './checkpoint-read'

/**
 * The checkpoint as bytes, made synchronously: the projection may change once this returns.
 * The blobs are views of the live columns and index, copied once here into the file's bytes.
 */
export function encodeCheckpoint(nodeId: string, checkpoint: Checkpoint): Buffer {
  const out = layOutCheckpoint(nodeId, checkpoint)
  digest(out.subarray(LENGTH_AT)).copy(out, MAGIC.length)
  return out
}

/** How much of a checkpoint is hashed between two turns of the event loop. */
const DIGEST_SLICE = 2 << 20

/**
 * encodeCheckpoint for a running node: the part that must see the projection as it is (the
 * header's JSON and the copy of the blobs) is done at once, and the SHA-256 over the tens of
 * megabytes is then computed in slices that let sends in between (the bytes are a copy by then).
 */
export async function encodeCheckpointInSlices(nodeId: string, checkpoint: Checkpoint): Promise<Buffer> {
  const out = layOutCheckpoint(nodeId, checkpoint)
  const hash = createHash('sha256')
  for (let at = LENGTH_AT; at < out.length; at += DIGEST_SLICE) {
    await new Promise<void>((resolve) => setImmediate(resolve))
    hash.update(out.subarray(at, Math.min(out.length, at + DIGEST_SLICE)))
  }
  hash.digest().copy(out, MAGIC.length)
  return out
}

/** Everything of the file but its digest (left zero). */
function layOutCheckpoint(nodeId: string, checkpoint: Checkpoint): Buffer {
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
  let first = align(HEADER_AT + headerFor(0).length + 16 * blobs.length + 64)
  let header = headerFor(first)
  while (HEADER_AT + header.length > first) {
    first = align(HEADER_AT + header.length + 64)
    header = headerFor(first)
  }
  const end = placed.length > 0 ? placed[placed.length - 1][0] + placed[placed.length - 1][1] : first
  // Not zeroed: every byte is written below but the padding between blobs, zeroed there.
  const out = Buffer.allocUnsafeSlow(end)
  out.fill(0, 0, HEADER_AT)
  out.write(MAGIC, 0, 'latin1')
  out.writeUInt32LE(header.length, LENGTH_AT)
  header.copy(out, HEADER_AT)
  out.fill(0, HEADER_AT + header.length, first)
  blobs.forEach((b, i) => {
    out.set(b, placed[i][0])
    out.fill(0, placed[i][0] + b.byteLength, i + 1 < placed.length ? placed[i + 1][0] : end)
  })
  return out
}

export function writeCheckpoint(files: FileOps, dataDir: string, bytes: Uint8Array): Promise<void> {
  return files.writeDurable(checkpointPath(dataDir), bytes)
}

/** The projection with every conversation's columns cut to length: one form for a store however it got there. */
export function canonical(state: StoreState): StoreState {
  const conversations = new Map([...state.conversations].map(([id, conv]) => [id, { ...conv, refs: trimmedRefs(conv.refs) }]))
  const trimmed = (lists: Map<string, TimeList>) => new Map([...lists].map(([id, list]) => [id, trimmedTimeList(list)]))
  return { ...state, conversations, sendTimes: trimmed(state.sendTimes), newConversationTimes: trimmed(state.newConversationTimes) }
}

/** A copy of the projection as a checkpoint would restore it (tests compare two stores with it). */
export function roundTrip(state: StoreState): unknown {
  const blobs: Uint8Array[] = []
  // Through JSON text, as a checkpoint goes: plain parts (`$j`) are the live objects until stringified.
  const json = JSON.parse(JSON.stringify(encodeState(canonical(state), blobs))) as Json
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
