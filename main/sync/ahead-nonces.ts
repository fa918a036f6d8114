// The few peer nonces a restart must not forget (docs/SECURITY.md "Replay across a restart"):
// after a restart the replay guard refuses every request stamped before the node started, so
// only a request stamped ahead of this node's clock (a peer whose clock runs fast) could be
// played again; those nonces are appended here before the request is admitted, and read back
// at start while their stamp is still ahead of the clock.
import { appendFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs'

/** Rewrite the file, dropping stamps the clock has passed, once this many lines were appended. */
const COMPACT_AFTER = 10_000

/** `<timestamp ms> <peer id> <nonce>` per line (a nonce as the peer listener takes it). */
const LINE = /^(\d{1,15}) (\S+) ([A-Za-z0-9_-]{16,64})$/

export interface AheadNonce {
  peerId: string
  nonce: string
  timestamp: number
}

export class AheadNonces {
  /** Written since the last compaction (what the next one keeps from). */
  private written: AheadNonce[]

  private constructor(
    private readonly file: string,
    /** Read back at start: still ahead of the clock then. */
    readonly kept: readonly AheadNonce[],
  ) {
    this.written = [...kept]
  }

  /** Reads the file (a missing one is empty), keeps the stamps still ahead of `now` and rewrites it with only those. */
  static open(file: string, now: number): AheadNonces {
    let text = ''
    try {
      text = readFileSync(file, 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw err
      }
    }
    const kept: AheadNonce[] = []
    for (const line of text.split('\n')) {
      const m = LINE.exec(line)
      // A torn last line (a crash mid-append) is dropped, or kept harmlessly: its request was never admitted.
      if (m && Number(m[1]) > now) {
        kept.push({ timestamp: Number(m[1]), peerId: m[2], nonce: m[3] })
      }
    }
    const journal = new AheadNonces(file, kept)
    journal.rewrite(kept)
    return journal
  }

  /** Appends one nonce before its request is admitted (synchronous: it is in the file before any handler runs). */
  record(entry: AheadNonce, now: number): void {
    appendFileSync(this.file, `${entry.timestamp} ${entry.peerId} ${entry.nonce}\n`)
    this.written.push(entry)
    if (this.written.length >= COMPACT_AFTER) {
      this.written = this.written.filter((e) => e.timestamp > now)
      this.rewrite(this.written)
    }
  }

  private rewrite(entries: readonly AheadNonce[]): void {
    const tmp = `${this.file}.tmp`
    writeFileSync(tmp, entries.map((e) => `${e.timestamp} ${e.peerId} ${e.nonce}\n`).join(''))
    renameSync(tmp, this.file)
  }
}
