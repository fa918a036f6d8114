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

export interface OpenOptions {
  /** Return only the records after this seq (the caller restored its state up to it). */
  after?: number
}

export interface EventLog<R extends LogRecord = LogRecord> {
  /** Opens the log (recovering from a crash) and returns the records after `after`. Call once before append. */
  open(options?: OpenOptions): Promise<R[]>
  /** Durable records with seq in (after, after + limit], oldest first. */
  read(after: number, limit?: number): R[]
  /** Seq of the last record known to be on disk. */
  readonly durableSeq: number
  /** Seq of the last record appended (0 when empty). */
  readonly lastSeq: number
  /**
   * Assigns seqs synchronously (so the caller can apply the records to its in-memory
   * state before yielding) and queues them. `durable` resolves only once they are on
   * disk (written and fdatasynced); it rejects if the disk write fails, after which
   * the log refuses appends (StorageUnavailableError) until recover() succeeds.
   * Appends issued while a write is in flight share the next write (group commit).
   * One call is atomic: its records land in one file write, all or none.
   * The returned records are JSON copies, i.e. what a replay will return, frozen: the log
   * shares them with its own reads.
   * If `durable` rejects, the seqs handed out for the queued records are void (the next
   * append reuses them): the caller's memory is ahead of the disk and it must roll back
   * to `durableSeq` before appending again.
   */
  append(records: Omit<R, 'seq'>[]): { records: R[]; durable: Promise<void> }
  /** The failed write the log waits to recover from; null while appends are accepted. */
  readonly fault: Error | null
  /**
   * After a failed write: checks the disk takes writes again and cuts the active file back
   * to its last durable append. True once appends are accepted again; false while the disk
   * still refuses (call again later).
   */
  recover(): Promise<boolean>
  /** Waits for pending writes, then refuses further appends; `seal` seals the active segment. */
  close(options?: { seal?: boolean }): Promise<void>
}
