// Where the projection starts from, at start-up and after a failed write: the checkpoint (if
// it is usable) and the log's records after it, checked before memory is touched
// (docs/STORAGE.md "Start-up").
import { join } from 'node:path'
import type { Checkpoint } from './checkpoint'
import { checkpointPath, readCheckpoint, readCheckpointSync, removeCheckpointTemps } from './checkpoint'
import type { LogEvent } from './events'
import type { EventLog, LogRecord } from './log'
import { StoreCorruptError } from './log'
import { replayProblem } from './replay-check'
import type { Notify } from './store-options'

export type LogEventRecord = LogEvent & LogRecord

export interface StartingPoint {
  /** The projection up to its seq, or null: replay the whole log. */
  checkpoint: Checkpoint | null
  /** The records after the checkpoint's seq, to replay over it. */
  records: LogEventRecord[]
}

/** Opens the log and reads the checkpoint and the tail after it (start-up). */
export async function openStartingPoint(dataDir: string, log: EventLog<LogEventRecord>, nodeId: string, notice: Notify): Promise<StartingPoint> {
  await removeCheckpointTemps(dataDir)
  const checkpoint = await readCheckpoint(dataDir, nodeId, (problem) => notice('warn', problem))
  const records = await log.open({ after: checkpoint?.seq ?? 0 })
  if (checkpoint && checkpoint.seq > log.lastSeq) {
    // Ahead of the log (restored from elsewhere): it cannot be trusted; replay everything.
    notice('warn', `${checkpointPath(dataDir)} is ahead of the log (seq ${checkpoint.seq} > ${log.lastSeq}); it is ignored and the log replayed`)
    return { checkpoint: null, records: log.read(0) }
  }
  return { checkpoint, records }
}

/** What is on disk now, without yielding: the checkpoint and the durable log after it (a rollback after a failed write). */
export function durableStartingPoint(dataDir: string, log: EventLog<LogEventRecord>, nodeId: string): StartingPoint {
  const checkpoint = readCheckpointSync(dataDir, nodeId)
  const usable = checkpoint && checkpoint.seq <= log.durableSeq ? checkpoint : null
  return { checkpoint: usable, records: log.read(usable?.seq ?? 0) }
}

/**
 * Checks that every record can be replayed (a StoreCorruptError naming the log if not) and
 * returns the newest time this node handed out in the starting point, so order survives.
 */
export function checkedLastStamp(dataDir: string, { checkpoint, records }: StartingPoint, nodeId: string): number {
  let lastStamp = checkpoint?.lastStamp ?? 0
  for (const record of records) {
    const problem = replayProblem(record)
    if (problem) {
      throw new StoreCorruptError(join(dataDir, 'log'), problem)
    }
    if (record.origin === nodeId) {
      lastStamp = Math.max(lastStamp, Date.parse(record.at))
    }
  }
  return lastStamp
}
