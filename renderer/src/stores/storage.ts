// Whether the node saves what it is told (GET /health's storage state), asked now and then, so
// a full or read-only disk shows as one banner rather than as one failed action after another.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { HealthResponse } from '@shared/api/contract'
import { useSessionStore } from './session'

/** How often to ask while writes are taken, and while they are not (to clear the banner soon after). */
export const CHECK_EVERY_MS = { ok: 15_000, unavailable: 3_000 }

export const useStorageStore = defineStore('storage', () => {
  const session = useSessionStore()
  /** Null until the node answered once (or when it cannot tell: an older node). */
  const status = ref<HealthResponse['storage'] | null>(null)
  let timer: ReturnType<typeof setTimeout> | null = null
  let running = false

  async function check(): Promise<void> {
    // Unreachable: the live status shows that; keep what was known.
    status.value = await session
      .api()
      .health()
      .then((r) => r.storage ?? null)
      .catch(() => status.value)
  }

  function start(): void {
    stop()
    running = true
    const tick = async () => {
      await check()
      if (running) {
        timer = setTimeout(tick, status.value?.state === 'unavailable' ? CHECK_EVERY_MS.unavailable : CHECK_EVERY_MS.ok)
      }
    }
    void tick()
  }

  function stop(): void {
    running = false
    if (timer) {
      clearTimeout(timer)
      timer = null
    }
  }

  const unavailable = computed(() => status.value?.state === 'unavailable')
  return { status, unavailable, check, start, stop }
})
