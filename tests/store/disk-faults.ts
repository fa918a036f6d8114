// A FileOps wrapper that makes the disk misbehave on demand, the way a real one does: full
// (ENOSPC, with the last write cut short), read-only (EROFS) or forbidden (EACCES). Tests of
// the log, the store and a whole node use it; the real tmpfs test checks it tells the truth.
import { appendFileSync } from 'node:fs'
import type { AppendFile, FileOps } from '../../main/store/log/file-ops'
import { realFileOps } from '../../main/store/log/file-ops'

export type DiskFault = 'ENOSPC' | 'EROFS' | 'EACCES'

const MESSAGES: Record<DiskFault, string> = {
  ENOSPC: 'no space left on device',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
}

/** An error shaped like Node's own file-system errors. */
export function fsError(code: DiskFault, syscall: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${MESSAGES[code]}, ${syscall} '${path}'`), { code, syscall, path })
}

export class DiskFaults {
  /** The fault every write step meets now; null: the disk behaves. */
  fault: DiskFault | null = null
  /** On ENOSPC an append first writes this share of its bytes, as a nearly full disk does. */
  partial = 0.5
  /** Write steps refused so far. */
  refused = 0
  private armed: { after: number; fault: DiskFault } | null = null

  /** The disk fills up (or turns read-only) once `appends` more appends have gone through. */
  failAfter(appends: number, fault: DiskFault): void {
    this.armed = { after: appends, fault }
  }

  private check(syscall: string, path: string): void {
    if (this.fault) {
      this.refused += 1
      throw fsError(this.fault, syscall, path)
    }
  }

  readonly files: FileOps = {
    writeDurable: async (file, text) => {
      this.check('open', file)
      await realFileOps.writeDurable(file, text)
    },
    createDurable: async (file) => {
      this.check('open', file)
      const real = await realFileOps.createDurable(file)
      return {
        write: async (bytes, position) => {
          this.check('write', file)
          await real.write(bytes, position)
        },
        commit: async () => {
          this.check('fsync', file)
          await real.commit()
        },
        // Deleting the temp file frees space: a full disk allows it (a read-only one fails it, and it stays).
        abort: () => real.abort(),
      }
    },
    openAppend: async (file) => {
      this.check('open', file)
      const real = await realFileOps.openAppend(file)
      const wrapped: AppendFile = {
        // Synchronous, as the real write is: a full disk throws from the write call itself.
        write: (bytes) => {
          if (this.armed && this.armed.after-- <= 0) {
            this.fault = this.armed.fault
            this.armed = null
          }
          if (this.fault === 'ENOSPC') {
            // What fitted is on the disk: a line cut short that nobody acknowledged.
            appendFileSync(file, bytes.subarray(0, Math.floor(bytes.length * this.partial)))
          }
          this.check('write', file)
          return real.write(bytes)
        },
        // A full disk refuses the write, not the sync of what was written before it.
        sync: () => real.sync(),
        close: () => real.close(),
      }
      return wrapped
    },
    truncateDurable: async (file, length) => {
      // Cutting a file frees space: a full disk allows it, a read-only one does not.
      if (this.fault !== 'ENOSPC') {
        this.check('truncate', file)
      }
      await realFileOps.truncateDurable(file, length)
    },
    removeDurable: async (file) => {
      if (this.fault !== 'ENOSPC') {
        this.check('unlink', file)
      }
      await realFileOps.removeDurable(file)
    },
  }
}

/** Retries `attempt` until it resolves (bounded: 250 tries, 20 ms apart), e.g. a write while the store recovers. */
export async function untilAccepted<T>(attempt: () => Promise<T>): Promise<T> {
  let last: unknown
  for (let i = 0; i < 250; i++) {
    try {
      return await attempt()
    } catch (err) {
      last = err
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }
  throw last
}
