// The contract of the durable, append-only record log that backs the store.
// Everything the node knows is a replay of this log (see docs/STORAGE.md).

/** One stored record. `seq` is assigned by the log: 1, 2, 3, ... with no gaps. */
export interface LogRecord {
  seq: number
  [key: string]: unknown
}

export interface EventLogOptions {
  /** Folder holding the segment files; created if missing. */
  dir: string
  /** Records per segment file before a new one is started (default 512). */
  segmentSize?: number
}

export interface EventLog<R extends LogRecord = LogRecord> {
  /** Reads every segment in order, checks it, and returns the records. Call once before append. */
  open(): Promise<R[]>
  /** Seq of the last record appended (0 when empty). */
  readonly lastSeq: number
  /**
   * Assigns seqs synchronously (so the caller can apply the records to its in-memory
   * state before yielding) and queues them. `durable` resolves only once they are on
   * disk (written, fsynced, renamed); it rejects if the disk write fails, after which
   * the log refuses every further append (the node must not pretend to persist).
   * Appends issued while a write is in flight share the next write (group commit).
   * One call is atomic: its records land in one file write, all or none.
   * The returned records are JSON copies, i.e. what a replay will return.
   * If `durable` rejects, the seqs handed out for the queued records are void:
   * the caller's memory is ahead of the disk and it must treat this as fatal.
   */
  append(records: Omit<R, 'seq'>[]): { records: R[]; durable: Promise<void> }
  /** Waits for pending writes, then refuses further appends. */
  close(): Promise<void>
}
