// Errors the store raises about its files. Each names the file so a user (or a
// support request) can tell exactly which file is at fault.

/**
 * A store file exists but cannot be trusted (not JSON, wrong shape, a seq gap).
 * The store refuses to start rather than overwrite it: the bytes on disk are
 * the only copy of the user's data and may still be recoverable by hand.
 */
export class StoreCorruptError extends Error {
  override readonly name = 'StoreCorruptError'
  readonly file: string
  readonly problem: string

  constructor(file: string, problem: string, options?: { cause?: unknown }) {
    super(
      `Store file ${file} is corrupt: ${problem}. Envelope will not overwrite it; ` + 'move it aside or restore it from a backup, then start Envelope again.',
      options,
    )
    this.file = file
    this.problem = problem
  }
}

/**
 * A write to a store file failed (disk full, folder gone, permissions...).
 * After this the log accepts nothing more: the in-memory state may be ahead of
 * the disk, so the node must stop instead of pretending to persist.
 */
export class StoreWriteError extends Error {
  override readonly name = 'StoreWriteError'
  readonly file: string

  constructor(file: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.file = file
  }
}

/** The log was used out of order: append before open(), after close(), open() twice. */
export class StoreStateError extends Error {
  override readonly name = 'StoreStateError'
}
