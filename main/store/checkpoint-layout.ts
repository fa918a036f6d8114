// The checkpoint file's layout (data/checkpoint.bin), shared by its writer and its reader.
//
// "ENVCKPT2", the SHA-256 of everything after it (32 bytes; a flipped byte is found), the
// header's length (u32 LE), the header as JSON (version, node, seq, the projection with its
// typed arrays named by blob number, the blob table), then each blob at an 8-byte aligned
// offset, so start-up maps the message columns and the id index as views of the file's bytes
// instead of parsing them. Version 3 adds the codec's `$j` (plain JSON kept as it is); a
// version-2 file is read the same way. Version 4 keeps message times in 32-bit columns and
// cap windows as typed lists; older files are converted as they are read (state-upgrade.ts).
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import type { Json } from './checkpoint-codec'
import type { StoreState } from './state'

export const VERSION = 4
/** Versions this code reads: a version-2 file (written before `$j`) holds nothing version 3 reads differently; 2 and 3 are upgraded. */
export const READABLE_VERSIONS: readonly unknown[] = [2, 3, 4]
export const MAGIC = 'ENVCKPT2'
export const DIGEST = 32
/** Where the header's length sits; the header follows it. */
export const LENGTH_AT = MAGIC.length + DIGEST
export const HEADER_AT = LENGTH_AT + 4

export function digest(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(bytes).digest()
}

export interface Checkpoint {
  /** The projection holds every event up to and including this seq. */
  seq: number
  /** The last time the node handed out (Store.stamp), so order survives a restart. */
  lastStamp: number
  state: StoreState
}

export interface Header {
  version?: unknown
  nodeId?: unknown
  seq?: unknown
  lastStamp?: unknown
  state?: Json
  blobs?: unknown
}

export function checkpointPath(dataDir: string): string {
  return join(dataDir, 'checkpoint.bin')
}

/** Version 1 (the whole projection as JSON, written before messages moved out of memory): ignored, then removed. */
export function legacyCheckpointPath(dataDir: string): string {
  return join(dataDir, 'checkpoint.json')
}
