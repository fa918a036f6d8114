// The store's durable storage primitives: an append-only record log and small
// durable documents, both on lowdb with an fsyncing adapter.

export type { EventLog, EventLogOptions, LogRecord, OpenOptions } from './types'
export { SegmentedLog, createEventLog, DEFAULT_SEGMENT_SIZE } from './segmented-log'
export type { SegmentedLogOptions } from './segmented-log'
export type { SegmentDoc } from './segment-files'
export type { FileOps, AppendFile, PieceFile } from './file-ops'
export { realFileOps } from './file-ops'
export { openDurableDoc } from './durable-doc'
export type { DurableDoc } from './durable-doc'
export { DurableJSONFile } from './durable-json-file'
export type { DurableJSONFileOptions } from './durable-json-file'
export { StoreCorruptError, StoreWriteError, StoreStateError, StorageUnavailableError, diskFaultReason, isDiskFault, errnoOf } from './errors'
