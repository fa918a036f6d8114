// After a failed write (disk full, read-only): writes are refused, memory is rolled back to
// what the disk holds, and a probe runs until the log proves the disk writable again; reads go
// on throughout (docs/RELIABILITY.md "Disk faults").
import { join } from 'node:path'
import { diskFaultReason, StorageUnavailableError, StoreWriteError } from './log'
import type { Notify, StoreOptions } from './store-options'

export interface WriteFaultHooks {
  notice: Notify
  /** Makes memory exactly what is on disk, synchronously; throws if it cannot. */
  restore(): void
  /** Cuts the log back to its last durable append once the disk takes writes; false while it does not. */
  recover(): Promise<boolean> | boolean
}

/** GET /health's storage field: 'unavailable' while a disk fault refuses writes (reads go on). */
export interface StorageStatus {
  state: 'ok' | 'unavailable'
  /** When writes began to be refused; null while they are taken. */
  since: string | null
  /** Why, and what happens next (a sentence); null while writes are taken. */
  message: string | null
}

export class WriteFaults {
  /** The write failure being recovered from; writes are refused while it is set. */
  fault: StoreWriteError | null = null
  /** How many write failures there have been: work that spans one (a checkpoint) is dropped. */
  failures = 0
  /** When the fault began (GET /health reports it). */
  private since: string | null = null
  /** Memory could not be brought back in line with the disk: writes stay refused until a restart. */
  private brokenBy: Error | null = null
  private probeTimer: NodeJS.Timeout | null = null
  private closed = false
  private readonly recoveredListeners = new Set<() => void>()

  constructor(
    private readonly options: Pick<StoreOptions, 'dataDir' | 'recoveryProbeMs' | 'clock'>,
    private readonly hooks: WriteFaultHooks,
  ) {}

  /**
   * A write failed: every record after the durable seq is void. Memory is rolled back at once,
   * before whoever awaited the failed write hears of it, so no later request sees memory the
   * disk does not back.
   */
  failed(error: Error): void {
    if (this.fault) {
      return
    }
    this.failures += 1
    // Set even while closing: close() must not checkpoint a memory that is ahead of the disk.
    this.fault = error instanceof StoreWriteError ? error : new StoreWriteError(join(this.options.dataDir, 'log'), error.message, { cause: error })
    this.since = (this.options.clock?.() ?? new Date()).toISOString()
    if (this.closed) {
      return
    }
    this.hooks.notice('error', `a write to the data folder failed; nothing more is saved until it works again: ${error.message}`)
    let restored = true
    try {
      this.hooks.restore()
    } catch (err) {
      restored = false
      this.brokenBy = err as Error
      this.hooks.notice('error', `memory could not be rolled back to the disk; writes stay refused until a restart: ${(err as Error).message}`)
    }
    const probe = () => {
      this.probeTimer = setTimeout(() => {
        void Promise.resolve(restored && !this.closed && this.hooks.recover())
          .catch(() => false)
          .then((ok) => (ok && !this.closed ? this.recovered() : !this.closed && !this.brokenBy && probe()))
      }, this.options.recoveryProbeMs ?? 1000)
      this.probeTimer.unref?.()
    }
    probe()
  }

  /** The error a refused write throws (503 STORAGE_UNAVAILABLE at the edge). */
  unavailable(): StorageUnavailableError {
    const fault = this.fault!
    const why = this.brokenBy
      ? `memory could not be brought back in line with the disk (${this.brokenBy.message}); restart Envelope`
      : 'writes resume by themselves once the disk takes them again'
    return new StorageUnavailableError(fault.file, `Envelope is not saving anything now: ${diskFaultReason(fault.code)}. Everything it acknowledged is safe; ${why}.`, {
      cause: fault,
    })
  }

  /** Whether writes are taken now; while they are not, since when and why. */
  status(): StorageStatus {
    return this.fault ? { state: 'unavailable', since: this.since, message: this.unavailable().message } : { state: 'ok', since: null, message: null }
  }

  /** Called each time writes are accepted again after a disk fault; returns an unsubscribe. */
  onRecovered(listener: () => void): () => void {
    this.recoveredListeners.add(listener)
    return () => this.recoveredListeners.delete(listener)
  }

  close(): void {
    this.closed = true
    if (this.probeTimer) {
      clearTimeout(this.probeTimer)
    }
    this.recoveredListeners.clear()
  }

  private recovered(): void {
    const fault = this.fault
    this.fault = null
    this.since = null
    this.probeTimer = null
    this.hooks.notice('info', `the data folder takes writes again; saving resumed (it failed with: ${fault?.message ?? 'unknown'})`)
    for (const listener of this.recoveredListeners) {
      listener()
    }
  }
}
