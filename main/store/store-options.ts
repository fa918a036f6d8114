// What Store.open takes and what it tells: its options, the node's identity and the notices a node logs.
import type { LogEvent } from './events'
import type { FileOps } from './log'

export interface NodeIdentity {
  id: string
  name: string
  createdAt: string
}

export type EventListener = (events: LogEvent[]) => void

export interface StoreOptions {
  dataDir: string
  /** Name for a new node; an existing node keeps its stored name unless renamed. */
  name?: string
  clock?: () => Date
  /** Replaces the file steps of the log and the checkpoint; for tests that inject crashes and faults. */
  files?: FileOps
  /** How often a checkpoint is written while running: after this many events or this long (ms), whichever comes first. */
  checkpointEvery?: { events: number; ms: number }
  /** Bytes of the checkpoint written at a time (default 256 KiB); tests make it small so that sends land between pieces. */
  checkpointPieceBytes?: number
  /** Entries of the projection a checkpoint encodes a turn (default: as many as fit in a few ms); tests make it 1 so that events land between entries. */
  checkpointSliceEntries?: number
  /** Records per log segment (default 512); crash tests make roll-overs frequent with a small one. */
  segmentSize?: number
  /**
   * How long before a sender's newest send its send times are kept for the caps (R12, R13):
   * twice the policy's longest window (main/node/start.ts). Forever when absent.
   */
  sendTimesKeptMs?: number
  /** After a failed write, how often to check whether the disk takes writes again, ms (default 1000). */
  recoveryProbeMs?: number
  /** Told about storage trouble the node should log (a failed write, a checkpoint it could not use). */
  onStorageNotice?: (notice: StorageNotice) => void
}

/** Something about the data folder a person (or the log) should hear of. */
export interface StorageNotice {
  level: 'warn' | 'error' | 'info'
  message: string
}

export type Notify = (level: StorageNotice['level'], message: string) => void
