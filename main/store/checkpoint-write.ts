// Writes a frozen checkpoint (./checkpoint.ts) into its file in pieces of a few hundred KiB,
// hashing each as it goes and letting the event loop turn between pieces: no buffer the size
// of the file, and sends and event streams keep flowing while tens of MB are written. The
// layout is ./checkpoint-layout.ts; the bytes are those of one buffer laid out at once.
import { createHash } from 'node:crypto'
import type { Hash } from 'node:crypto'
import type { FrozenCheckpoint } from './checkpoint'
import { copyAsWatched } from './checkpoint-journal'
import { HEADER_AT, LENGTH_AT, MAGIC } from './checkpoint-layout'

/** How much is written at a time: big enough that the syscalls are few, small enough that glibc maps and unmaps it. */
export const PIECE_BYTES = 256 << 10

/**
 * The piece buffer a checkpoint used last, kept for the next: allocated once per process rather
 * than once per checkpoint, so glibc does not raise its mmap threshold to its size when it is
 * freed (and then serve later big allocations from a heap it returns less readily).
 */
let spare: Buffer | null = null

/** Where the pieces go: a file being replaced (PieceFile), or memory in tests. */
export interface PieceSink {
  write(bytes: Uint8Array, position: number): Promise<void>
}

/**
 * Writes every byte of `frozen` to `sink`, the SHA-256 last (it covers all that follows it).
 * The blobs are read through their watch, so they come out as they were when frozen.
 */
export async function writePieces(frozen: FrozenCheckpoint, sink: PieceSink, pieceBytes = PIECE_BYTES): Promise<void> {
  const hash = createHash('sha256')
  const length = Math.max(HEADER_AT, Math.min(pieceBytes, frozen.size))
  // Taken, not shared: two stores in one process may write their checkpoints at once.
  const buffer = spare && spare.length >= length ? spare : Buffer.allocUnsafeSlow(Math.max(length, PIECE_BYTES))
  if (buffer === spare) {
    spare = null
  }
  try {
    await writeAll(frozen, sink, buffer.subarray(0, length), hash)
  } finally {
    spare = buffer
  }
  await sink.write(hash.digest(), MAGIC.length)
}

async function writeAll(frozen: FrozenCheckpoint, sink: PieceSink, piece: Buffer, hash: Hash): Promise<void> {
  const fill = filler(frozen)
  for (let position = 0; position < frozen.size;) {
    let n = 0
    while (n < piece.length && position + n < frozen.size) {
      const wrote = fill(position + n, piece.subarray(n, Math.min(piece.length, frozen.size - position)))
      if (wrote === 0) {
        break
      }
      n += wrote
    }
    const hashedFrom = Math.max(0, LENGTH_AT - position)
    if (hashedFrom < n) {
      hash.update(piece.subarray(hashedFrom, n))
    }
    await sink.write(piece.subarray(0, n), position)
    position += n
    await new Promise<void>((resolve) => setImmediate(resolve))
  }
}

/**
 * The file's bytes in order: fill(position, room) writes the bytes from `position` on into
 * `room` and says how many (at least one, unless a character of the header does not fit:
 * then 0, and the piece ends there). Called with positions that only move forward.
 */
function filler(frozen: FrozenCheckpoint): (position: number, room: Buffer) => number {
  const preamble = Buffer.alloc(HEADER_AT)
  preamble.write(MAGIC, 0, 'latin1')
  preamble.writeUInt32LE(frozen.headerBytes, LENGTH_AT)
  const headerEnd = HEADER_AT + frozen.headerBytes
  const encoder = new TextEncoder()
  /** Characters of the header written so far. */
  let chars = 0
  /** The blob at or after the position. */
  let blob = 0
  const { placed, watch } = frozen
  return (position, room) => {
    if (position < HEADER_AT) {
      return preamble.copy(room, 0, position)
    }
    if (position < headerEnd) {
      // Continues where the last piece stopped; a character that does not fit waits for the next piece.
      const { read, written } = encoder.encodeInto(frozen.header.substring(chars), room.subarray(0, headerEnd - position))
      chars += read
      return written
    }
    while (blob < placed.length && position >= placed[blob][0] + placed[blob][1]) {
      blob += 1
    }
    const [offset, length] = placed[blob] ?? [frozen.size, 0]
    if (position < offset) {
      // Padding before the blob (each starts 8-byte aligned), or after the header.
      const n = Math.min(room.length, offset - position)
      room.fill(0, 0, n)
      return n
    }
    const n = Math.min(room.length, offset + length - position)
    copyAsWatched(watch.blobs[blob], position - offset, room.subarray(0, n))
    return n
  }
}
