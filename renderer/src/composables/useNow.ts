// A clock for "last seen 12 s ago" and countdowns: a ref that ticks while the component lives.
import { onBeforeUnmount, onMounted, ref } from 'vue'
import type { Ref } from 'vue'

export function useNow(everyMs = 1000): Ref<number> {
  const now = ref(Date.now())
  let timer: ReturnType<typeof setInterval> | null = null
  onMounted(() => {
    now.value = Date.now()
    timer = setInterval(() => (now.value = Date.now()), everyMs)
  })
  onBeforeUnmount(() => {
    if (timer) {
      clearInterval(timer)
    }
  })
  return now
}
