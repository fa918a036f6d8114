// A checkpoint of the projection (data/checkpoint.bin): start-up restores it and replays
// only the log after its seq. It is a cache of the log: one that is missing, unreadable or
// ahead of the log is ignored and the whole log is replayed (docs/STORAGE.md). The file's
// layout is ./checkpoint-layout.ts; reading it, ./checkpoint-read.ts.
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Json } from './checkpoint-codec'
import { Encoder, encodeState } from './checkpoint-codec'
import { decodeState } from './checkpoint-decode'
import type { Watch } from './checkpoint-journal'
import { watch } from './checkpoint-journal'
import type { Checkpoint } from './checkpoint-layout'
import { checkpointPath, HEADER_AT, legacyCheckpointPath, VERSION } from './checkpoint-layout'
import { isTempFileName, removeTemps } from './log/fs-durable'
import { trimmedRefs } from './message-refs'
import { StateSnapshot } from './checkpoint-snapshot'
import type { ConversationState, StoreState } from './state'
import type { TimeList } from './time-list'
import { trimmedTimeList } from './time-list'

export type { Checkpoint } from './checkpoint-layout'
export { checkpointPath, legacyCheckpointPath } from './checkpoint-layout'
export { readCheckpoint, readCheckpointSync } from './checkpoint-read'

/**
 * A checkpoint frozen at its seq, to be written in pieces (./checkpoint-write.ts): the header
 * as text, and the blobs, which stay views of the live columns and index, watched
 * (./checkpoint-journal.ts) so that what sends change meanwhile is written as it was.
 * stop() the watch once written or given up.
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

/** Lets the event loop turn (sends, event streams) between two slices of a checkpoint. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/**
 * Freezes the projection as it is now (at checkpoint.seq), encoding it entry by entry between
 * turns of the event loop (./checkpoint-snapshot.ts); with `sliced` false, all at once. Null
 * if it cannot be taken that way (an object reached from two entries, or a part the codec
 * cannot store): the caller tries again all at once, or gives up.
 */
export async function freezeCheckpoint(nodeId: string, checkpoint: Checkpoint, sliced = true, sliceEntries?: number): Promise<FrozenCheckpoint | null> {
  const watched = watch()
  const encoder = new Encoder([], { parts: sliced, onBlob: watched.add })
  let state: string | null
  try {
    state = sliced ? await snapshotInSlices(checkpoint.state, encoder, sliceEntries) : JSON.stringify(encoder.encode(canonical(checkpoint.state)))
  } catch (err) {
    watched.stop()
    throw err
  }
  if (state === null) {
    watched.stop()
    return null
  }
  const align = (n: number) => (n + 7) & ~7
  const placed: [number, number][] = []
  // The projection's JSON is the bulk of the header (megabytes at a million messages) and the
  // same whatever the offsets: made once, while the blob table is laid out again until it fits.
  const head = `{"version":${JSON.stringify(VERSION)},"nodeId":${JSON.stringify(nodeId)},"seq":${JSON.stringify(checkpoint.seq)},"lastStamp":${JSON.stringify(checkpoint.lastStamp)},"state":${state},"blobs":`
  const headBytes = Buffer.byteLength(head)
  // The header's size depends on the offsets it lists: place blobs after a generous guess, then check.
  const { blobs } = encoder
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
  return { seq: checkpoint.seq, header: head + tail, headerBytes: headBytes + tail.length, placed, watch: watched, size }
}

/** The projection's JSON, taken entry by entry between turns of the event loop; null if it cannot be taken so. */
async function snapshotInSlices(state: StoreState, encoder: Encoder, sliceEntries?: number): Promise<string | null> {
  let snapshot: StateSnapshot
  try {
    snapshot = new StateSnapshot(state, encoder, storedEntry)
  } catch {
    return null
  }
  while (!snapshot.step(sliceEntries)) {
    await nextTurn()
  }
  return snapshot.failure === null ? snapshot.text() : null
}

/** Per Map of the projection whose entries are stored in another form: that form (views, not copies). */
const STORED_FORMS: Partial<Record<keyof StoreState, (value: never) => unknown>> = {
  // The columns cut to their length.
  conversations: (conv: ConversationState) => ({ ...conv, refs: trimmedRefs(conv.refs) }),
  // The cap windows' time lists cut to their length.
  sendTimes: (list: TimeList) => trimmedTimeList(list),
  newConversationTimes: (list: TimeList) => trimmedTimeList(list),
}

/** What a checkpoint stores for an entry of the projection's Map `part`. */
function storedEntry(part: string, value: unknown): unknown {
  const form = STORED_FORMS[part as keyof StoreState] as ((value: unknown) => unknown) | undefined
  return form ? form(value) : value
}

/** The projection with each entry in its stored form: one form for a store however it got there. */
export function canonical(state: StoreState): StoreState {
  const out = { ...state } as Record<string, unknown>
  for (const part of Object.keys(STORED_FORMS)) {
    out[part] = new Map([...(state[part as keyof StoreState] as Map<unknown, unknown>)].map(([k, v]) => [k, storedEntry(part, v)]))
  }
  return out as unknown as StoreState
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
