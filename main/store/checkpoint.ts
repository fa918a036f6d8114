// A checkpoint of the projection (data/checkpoint.bin): start-up restores it and replays
// only the log after its seq. It is a cache of the log: one that is missing, unreadable or
// ahead of the log is ignored and the whole log is replayed (docs/STORAGE.md). The file's
// layout is ./checkpoint-layout.ts; reading it, ./checkpoint-read.ts.
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Json } from './checkpoint-codec'
import { decodeState, encodeState } from './checkpoint-codec'
import type { Watch } from './checkpoint-journal'
import { watch } from './checkpoint-journal'
import type { Checkpoint } from './checkpoint-layout'
import { checkpointPath, HEADER_AT, legacyCheckpointPath, VERSION } from './checkpoint-layout'
import { isTempFileName, removeTemps } from './log/fs-durable'
import { trimmedRefs } from './message-refs'
import type { StoreState } from './state'
import type { TimeList } from './time-list'
import { trimmedTimeList } from './time-list'

export type { Checkpoint } from './checkpoint-layout'
export { checkpointPath, legacyCheckpointPath } from './checkpoint-layout'
export { readCheckpoint, readCheckpointSync } from './checkpoint-read'

/**
 * A checkpoint frozen at its seq, to be written in pieces (./checkpoint-write.ts): the header
 * as text (the projection's JSON, made at once) and the blobs, which stay views of the live
 * columns and index, watched (./checkpoint-journal.ts) so that what sends change meanwhile is
 * written as it was. stop() the watch once written or given up.
 */
export interface FrozenCheckpoint {
  seq: number
  header: string
  /** The header's length in UTF-8 bytes. */
  headerBytes: number
  /** Where each blob goes in the file: [offset, length], in order. */
  placed: [number, number][]
  watch: Watch
  /** The file's length. */
  size: number
}

/** Freezes the checkpoint synchronously: the projection may change once this returns. */
export function freezeCheckpoint(nodeId: string, checkpoint: Checkpoint): FrozenCheckpoint {
  const blobs: Uint8Array[] = []
  const state = encodeState(canonical(checkpoint.state), blobs)
  const align = (n: number) => (n + 7) & ~7
  const placed: [number, number][] = []
  // The projection's JSON is the bulk of the header (megabytes at a million messages) and the
  // same whatever the offsets: made once, while the blob table is laid out again until it fits.
  const head = `{"version":${JSON.stringify(VERSION)},"nodeId":${JSON.stringify(nodeId)},"seq":${JSON.stringify(checkpoint.seq)},"lastStamp":${JSON.stringify(checkpoint.lastStamp)},"state":${JSON.stringify(state)},"blobs":`
  const headBytes = Buffer.byteLength(head)
  // The header's size depends on the offsets it lists: place blobs after a generous guess, then check.
  const tailFor = (first: number) => {
    placed.length = 0
    let offset = first
    for (const b of blobs) {
      placed.push([offset, b.byteLength])
      offset = align(offset + b.byteLength)
    }
    return `${JSON.stringify(placed)}}`
  }
  let first = align(HEADER_AT + headBytes + 16 * blobs.length + 64)
  let tail = tailFor(first)
  while (HEADER_AT + headBytes + tail.length > first) {
    first = align(HEADER_AT + headBytes + tail.length + 64)
    tail = tailFor(first)
  }
  const size = placed.length > 0 ? placed[placed.length - 1][0] + placed[placed.length - 1][1] : first
  return { seq: checkpoint.seq, header: head + tail, headerBytes: headBytes + tail.length, placed, watch: watch(blobs), size }
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
