// A virtual window over a list of fixed-height rows: which rows to draw for the scroll position,
// each in a slot that is reused as the list scrolls. Rows of one height need no measuring, so
// the window moves only when a row boundary is crossed and always holds the same number of
// rows: the row leaving at one end is the one patched in at the other, never unmounted.
import { computed, onBeforeUnmount, ref, watch } from 'vue'
import type { Ref } from 'vue'

export interface WindowRow {
  index: number
  /** The reused element's key: index modulo the window's (constant) size. */
  slot: number
  /** Offset from the top of the list, in px. */
  start: number
}

export function useFixedRows(scroller: Ref<HTMLElement | null>, count: Ref<number>, rowHeight: number, overscan: number) {
  const first = ref(0)
  const viewport = ref(0)

  function onScroll(): void {
    const el = scroller.value
    const at = el ? Math.floor(el.scrollTop / rowHeight) : 0
    if (at !== first.value) {
      first.value = at
    }
  }

  let resize: ResizeObserver | null = null
  watch(
    scroller,
    (el, old) => {
      old?.removeEventListener('scroll', onScroll)
      resize?.disconnect()
      if (!el) {
        return
      }
      el.addEventListener('scroll', onScroll, { passive: true })
      viewport.value = el.clientHeight
      if (typeof ResizeObserver !== 'undefined') {
        resize = new ResizeObserver(() => (viewport.value = el.clientHeight))
        resize.observe(el)
      }
      onScroll()
    },
    { immediate: true },
  )
  onBeforeUnmount(() => {
    scroller.value?.removeEventListener('scroll', onScroll)
    resize?.disconnect()
  })

  /** Rows the window holds: those on screen, one partly shown, and `overscan` on each side. */
  const size = computed(() => Math.ceil(viewport.value / rowHeight) + 1 + 2 * overscan)
  const rows = computed<WindowRow[]>(() => {
    const n = Math.min(size.value, count.value)
    const start = Math.max(0, Math.min(first.value - overscan, count.value - n))
    return Array.from({ length: n }, (_, k) => {
      const index = start + k
      return { index, slot: index % size.value, start: index * rowHeight }
    })
  })
  const totalHeight = computed(() => count.value * rowHeight)

  /** Scrolls just enough to show row `index` whole. */
  function scrollToIndex(index: number): void {
    const el = scroller.value
    if (!el) {
      return
    }
    const top = index * rowHeight
    if (top < el.scrollTop) {
      el.scrollTop = top
    } else if (top + rowHeight > el.scrollTop + el.clientHeight) {
      el.scrollTop = top + rowHeight - el.clientHeight
    }
    onScroll()
  }

  return { rows, totalHeight, scrollToIndex }
}
