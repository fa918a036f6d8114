// When and how the store writes its checkpoint while running: every so many events or so
// long, one at a time, never ahead of the log, and never after a failed write (docs/STORAGE.md
// "Checkpoints"). A cache of the log: one that cannot be written costs a longer replay, no data.
import { existsSync } from 'node:fs'
import type { Checkpoint, FrozenCheckpoint } from './checkpoint'
import { checkpointPath, freezeCheckpoint, legacyCheckpointPath } from './checkpoint'
import { writePieces } from './checkpoint-write'
import type { PieceFile } from './log'
import { realFileOps } from './log'
import type { StoreOptions } from './store-options'

/** A checkpoint costs a few tens of ms of encoding at a million messages: often enough that a restart replays little. */
const CHECKPOINT_EVERY = { events: 50_000, ms: 5 * 60_000 }

export interface CheckpointSource {
  nodeId(): string
  /** The projection as it is now, at lastSeq. */
  now(): Checkpoint
  /** The log's last seq: asked after every commit, so without building now()'s object. */
  lastSeq(): number
  /** Resolves once everything appended so far is durable (or failed). */
  durable(): Promise<unknown>
  /** A write failed and memory may be ahead of the disk: no checkpoint now. */
  faulted(): boolean
  /** How many writes have failed so far: a checkpoint taken before one may hold events the rollback voided. */
  failures(): number
}

export class Checkpointer {
  /** The seq the checkpoint on disk holds the projection up to. */
  seq = 0
  /** When the last checkpoint was written (performance.now()). */
  private writtenAt = performance.now()
  private running: Promise<void> | null = null

  constructor(
    private readonly options: Pick<StoreOptions, 'dataDir' | 'files' | 'checkpointEvery' | 'checkpointPieceBytes' | 'checkpointSliceEntries'>,
    private readonly source: CheckpointSource,
  ) {}

  /** Starts a checkpoint in the background once enough events or time have gone by since the last. */
  maybeStart(): void {
    const every = this.options.checkpointEvery ?? CHECKPOINT_EVERY
    const behind = this.source.lastSeq() - this.seq
    if (this.running || this.source.faulted() || behind === 0 || (behind < every.events && performance.now() - this.writtenAt < every.ms)) {
      return
    }
    this.running = this.write().finally(() => (this.running = null))
  }

  /** Resolves once the checkpoint being written (if any) is done. */
  async idle(): Promise<void> {
    await this.running
  }

  /**
   * Writes a checkpoint of the projection as it is now (at lastSeq): the header's JSON is made
   * before anything yields, and the columns and index stay where they are, watched, so that
   * sends taken meanwhile are not in it (they are in the log after its seq). The file is then
   * written and hashed in pieces between sends, into a temp file that replaces the old one only
   * once the log holds everything it covers, so it is never ahead of the log. If it cannot be
   * written, the previous one stays.
   */
  async write(): Promise<void> {
    const failuresBefore = this.source.failures()
    this.writtenAt = performance.now()
    const { dataDir } = this.options
    const files = this.options.files ?? realFileOps
    let frozen: FrozenCheckpoint | null = null
    let file: PieceFile | null = null
    try {
      // Entry by entry between sends; should that fail (an object shared between entries), all at once, as things are then.
      frozen =
        (await freezeCheckpoint(this.source.nodeId(), this.source.now(), true, this.options.checkpointSliceEntries)) ??
        (await freezeCheckpoint(this.source.nodeId(), this.source.now(), false))
      if (!frozen) {
        return
      }
      file = await files.createDurable(checkpointPath(dataDir))
      await writePieces(frozen, file, this.options.checkpointPieceBytes)
      frozen.watch.stop()
      await this.source.durable()
      if (this.source.faulted() || this.source.failures() !== failuresBefore) {
        return
      }
      const done = file
      file = null
      await done.commit()
      this.seq = Math.max(this.seq, frozen.seq)
      if (existsSync(legacyCheckpointPath(dataDir))) {
        await files.removeDurable(legacyCheckpointPath(dataDir))
      }
    } catch {
      // Kept as it was: the previous checkpoint (or none) and the log.
    } finally {
      frozen?.watch.stop()
      await file?.abort()
    }
  }
}
