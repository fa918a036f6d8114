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
 * A write to a store file failed (disk full, read-only folder, permissions, I/O error).
 * Not fatal: the log rolls back what was not written and refuses appends until
 * SegmentedLog.recover() finds the disk writable again (docs/RELIABILITY.md "Disk faults").
 */
export class StoreWriteError extends Error {
  override readonly name: string = 'StoreWriteError'
  readonly file: string
  /** The file system's error code (ENOSPC, EROFS, EACCES...), when it gave one. */
  readonly code: string | undefined

  constructor(file: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.file = file
    this.code = errnoOf(options?.cause)
  }
}

/**
 * The store is not accepting writes: an earlier write failed and the disk has not been
 * found writable again yet. Reads go on; the write was not attempted, so nothing was saved.
 */
export class StorageUnavailableError extends StoreWriteError {
  override readonly name = 'StorageUnavailableError'
}

/** The error code of a Node file-system error (or of its cause), if any. */
export function errnoOf(err: unknown): string | undefined {
  for (let e = err, depth = 0; typeof e === 'object' && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      return code
    }
  }
  return undefined
}

/** Codes that mean "the disk cannot take this write now", not a bug: full, read-only, refused, failing. */
const DISK_FAULT_CODES = new Set(['ENOSPC', 'EDQUOT', 'EFBIG', 'EROFS', 'EACCES', 'EPERM', 'EIO'])

/** True for an error the disk raised about a write (see DISK_FAULT_CODES). */
export function isDiskFault(err: unknown): boolean {
  return DISK_FAULT_CODES.has(errnoOf(err) ?? '')
}

/** A short sentence for a disk fault's code, for logs and API messages. */
export function diskFaultReason(code: string | undefined): string {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
    case 'EFBIG':
      return 'the disk is full'
    case 'EROFS':
      return 'the data folder is read-only'
    case 'EACCES':
    case 'EPERM':
      return 'the node may not write to its data folder'
    case 'EIO':
      return 'the disk reported an input/output error'
    default:
      return 'the data folder cannot be written'
  }
}

/** The log was used out of order: append before open(), after close(), open() twice. */
export class StoreStateError extends Error {
  override readonly name = 'StoreStateError'
}
