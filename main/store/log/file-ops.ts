// Every step the log takes that changes a file, behind one small interface: the real one
// fsyncs, and tests wrap it to stop (a "crash") or fail (disk full) at any chosen step.
import { writeSync } from 'node:fs'
import { open, rm, truncate } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { PieceFile } from './fs-durable'
import { createFileDurable, fsyncDir, writeFileDurable } from './fs-durable'

export type { PieceFile } from './fs-durable'

/**
 * A file opened for appending. Writing and syncing are separate steps so that the log can
 * write the next group while the previous one's fdatasync is still in flight (writes stay
 * in order; a sync covers every write made before it started).
 */
export interface AppendFile {
  /**
   * Writes all of `bytes` at the end of the file (not yet durable), or throws. The real file
   * writes synchronously and returns nothing (see RealAppendFile); a test's wrapper may
   * return a promise to hold the write or fail it later.
   */
  write(bytes: Uint8Array): void | Promise<void>
  /** fdatasync: everything written before this call is on disk once it resolves. */
  sync(): Promise<void>
  close(): Promise<void>
}

export interface FileOps {
  /** Replaces `file` with `text` atomically and durably (temp file, fsync, rename, fsync folder). */
  writeDurable(file: string, text: string | Uint8Array): Promise<void>
  /** The same replace for content written in pieces (the checkpoint): nothing changes until commit(). */
  createDurable(file: string): Promise<PieceFile>
  /** Opens `file` for appending, creating it (and making its folder entry durable) if needed. */
  openAppend(file: string): Promise<AppendFile>
  /** Cuts `file` to `length` bytes, durably. */
  truncateDurable(file: string, length: number): Promise<void>
  /** Deletes `file` and makes the deletion durable. */
  removeDurable(file: string): Promise<void>
}

/**
 * The write is a plain write(2) on the event loop, not the thread pool: it only copies a
 * group's line (a few KB) into the page cache, which takes microseconds, while a round trip
 * through libuv's threads costs more CPU than that (a wake-up, a promise). What can take
 * long, the fdatasync, stays asynchronous. (Writes were asynchronous only by habit: nothing
 * else touches the file while a write is in flight, and the order of writes is the order of
 * the calls either way.)
 */
class RealAppendFile implements AppendFile {
  constructor(private readonly handle: FileHandle) {}

  write(bytes: Uint8Array): void {
    // write(2) may write part of the buffer (a disk that is nearly full): go on until all of
    // it is written or the disk says why not (it throws), never acknowledge a cut-off line.
    for (let done = 0; done < bytes.length;) {
      const bytesWritten = writeSync(this.handle.fd, bytes, done, bytes.length - done)
      if (bytesWritten === 0) {
        throw Object.assign(new Error(`ENOSPC: no space left on device, write (${done} of ${bytes.length} bytes written)`), { code: 'ENOSPC' })
      }
      done += bytesWritten
    }
  }

  sync(): Promise<void> {
    // Data only: the file's size is part of what fdatasync flushes, its times are not.
    return this.handle.datasync()
  }

  close(): Promise<void> {
    return this.handle.close()
  }
}

export const realFileOps: FileOps = {
  writeDurable: writeFileDurable,
  createDurable: createFileDurable,
  async openAppend(file) {
    const handle = await open(file, 'a')
    const { size } = await handle.stat()
    // A new file exists for sure only once its folder entry is on disk.
    if (size === 0) {
      await fsyncDir(dirname(file))
    }
    return new RealAppendFile(handle)
  },
  async truncateDurable(file, length) {
    await truncate(file, length)
    const handle = await open(file, 'r+')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  },
  async removeDurable(file) {
    await rm(file, { force: true })
    await fsyncDir(dirname(file))
  },
}
