// The spare segment: the next active segment's file, made ahead of time (created, its folder
// entry fsynced, left open) at open and after each roll-over, so that a roll-over takes an
// open file instead of paying a create and a folder fsync while a group waits for its
// acknowledgement. It stays empty until it becomes the active segment; a clean close removes
// it, and the next open reuses or removes one a crash left (open-segments.ts).
import { crashPoint } from '../../lib/crash-point'
import { activePath } from './active-segment'
import type { AppendFile, FileOps } from './file-ops'

interface Spare {
  index: number
  /** The open file once made; null if making it failed (the roll-over then opens the file itself). */
  file: Promise<AppendFile | null>
}

export class SpareSegment {
  private spare: Spare | null = null

  constructor(
    private readonly dir: string,
    private readonly files: FileOps,
  ) {}

  /**
   * Starts making the spare for active segment `index`; resolves once it is made, or making
   * it failed (a full disk): never rejects, a spare is only a head start.
   */
  prepare(index: number): Promise<void> {
    const file = this.files.openAppend(activePath(this.dir, index)).then(
      (made) => {
        crashPoint('seal:spare-made')
        return made
      },
      () => null,
    )
    this.spare = { index, file }
    return file.then(() => undefined)
  }

  /** The spare's open file if one was made for `index`, else null; either way the spare is used up. */
  async take(index: number): Promise<AppendFile | null> {
    const spare = this.spare
    this.spare = null
    if (spare === null) {
      return null
    }
    const file = await spare.file
    if (spare.index !== index) {
      // Not the segment asked for (never expected): it is empty, so dropping it loses nothing.
      await this.drop(spare.index, file)
      return null
    }
    return file
  }

  /** At a clean close: the spare is closed and its (empty) file removed; a failure leaves it to the next open. */
  async remove(): Promise<void> {
    const spare = this.spare
    this.spare = null
    if (spare !== null) {
      await this.drop(spare.index, await spare.file)
    }
  }

  /** Closes and removes a spare (also one whose making failed half way: created, not synced). */
  private async drop(index: number, file: AppendFile | null): Promise<void> {
    await file?.close().catch(() => undefined)
    await this.files.removeDurable(activePath(this.dir, index)).catch(() => undefined)
  }
}
