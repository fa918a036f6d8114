// Preloaded (`node --require`) into the node the SSE soak starts: writes what its memory is
// made of, once a second, as JSON lines into $ENVELOPE_SOAK_MEMORY_LOG, so the soak can say
// what an RSS figure holds (V8 heap in use and reserved, Buffers and typed arrays outside it).
// It only looks: no forced GC, no allocation worth naming. The heap in use right after each
// full (mark-compact) collection is what the node really keeps; it is logged as `live`.
const { openSync, writeSync } = require('node:fs')
const { constants } = require('node:perf_hooks')

const file = process.env.ENVELOPE_SOAK_MEMORY_LOG
if (file) {
  const out = openSync(file, 'w')
  // Wall-clock ms: the soak places each line on its own timeline.
  const line = (fields) => writeSync(out, `${JSON.stringify({ at: Date.now(), ...fields })}\n`)
  setInterval(() => {
    const m = process.memoryUsage()
    line({ rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers })
  }, 1000).unref()
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
        line({ live: process.memoryUsage().heapUsed })
      }
    }
  }).observe({ entryTypes: ['gc'] })
}
