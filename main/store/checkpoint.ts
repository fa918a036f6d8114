// A checkpoint of the projection (data/checkpoint.bin): start-up restores it and replays
// only the log after its seq. It is a cache of the log: one that is missing, unreadable or
// ahead of the log is ignored and the whole log is replayed (docs/STORAGE.md). The file's
// layout is ./checkpoint-layout.ts; reading it, ./checkpoint-read.ts.
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Json } from './checkpoint-codec'
import { decodeState, encodeState } from './checkpoint-codec'
import type { Checkpoint } from './checkpoint-layout'
import { checkpointPath, digest, DIGEST, LENGTH_AT, legacyCheckpointPath, MAGIC, VERSION } from './checkpoint-layout'
import type { FileOps } from './log'
import { isTempFileName, removeTemps } from './log/fs-durable'
import { trimmedRefs } from './message-refs'
import type { StoreState } from './state'

export type { Checkpoint } from './checkpoint-layout'
export { checkpointPath, legacyCheckpointPath } from './checkpoint-layout'
export { readCheckpoint, readCheckpointSync } from './checkpoint-read'

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
