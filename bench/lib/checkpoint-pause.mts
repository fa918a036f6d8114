// The longest event-loop pause while the store writes a checkpoint of a big world, and the
// memory it takes meanwhile: a figure for a bench row's note (docs/STORAGE.md "Limits").
import { Store } from '../../main/store/store.ts'

export interface CheckpointPause {
  /** Longest gap between two ticks of a 1 ms timer while the checkpoint was written, ms. */
  pauseMs: number
  /** The close that wrote it (sealing the active segment, then the checkpoint), ms. */
  tookMs: number
  /** Memory outside the V8 heap, highest during the close minus before it, MB. */
  externalMb: number
}

/**
 * Opens the data folder in this process, logs one event (so that the close has a checkpoint
 * to write) and times the close with a 1 ms timer. The folder is changed: give it a copy.
 */
export async function checkpointPause(dataDir: string): Promise<CheckpointPause> {
  const store = await Store.open({ dataDir, name: 'bench' })
  await store.commit([{ type: 'follow.added', from: 'a_sender', to: 'a_reader' }]).durable
  const externalBefore = process.memoryUsage().external
  let externalPeak = externalBefore
  let last = performance.now()
  let pauseMs = 0
  const timer = setInterval(() => {
    const now = performance.now()
    pauseMs = Math.max(pauseMs, now - last)
    last = now
    externalPeak = Math.max(externalPeak, process.memoryUsage().external)
  }, 1)
  const started = performance.now()
  last = started
  try {
    await store.close()
  } finally {
    clearInterval(timer)
  }
  return { pauseMs, tookMs: performance.now() - started, externalMb: (externalPeak - externalBefore) / 1e6 }
}
