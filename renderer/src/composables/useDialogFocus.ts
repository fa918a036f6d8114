// The keyboard contract of a modal dialog: focus moves in when it opens, Tab and Shift+Tab
// stay inside, and focus goes back where it was when it closes.
import { nextTick, onBeforeUnmount, onMounted } from 'vue'
import type { Ref } from 'vue'

const FOCUSABLE = 'button:not(:disabled), [href], input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])'

export function focusablesIn(container: HTMLElement | null): HTMLElement[] {
  return [...(container?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])]
}

/** Keeps Tab inside `container`: call from the dialog's keydown handler. */
export function trapTab(e: KeyboardEvent, container: HTMLElement | null): void {
  if (e.key !== 'Tab') {
    return
  }
  const list = focusablesIn(container)
  if (list.length === 0) {
    return
  }
  const first = list[0]
  const last = list[list.length - 1]
  const active = document.activeElement
  if (e.shiftKey && (active === first || !container?.contains(active))) {
    e.preventDefault()
    last.focus()
  } else if (!e.shiftKey && (active === last || !container?.contains(active))) {
    e.preventDefault()
    first.focus()
  }
}

/** A dialog's keydown handler: Esc closes it, Tab stays inside it. */
export function dialogKeys(container: Ref<HTMLElement | null>, close: () => void): (e: KeyboardEvent) => void {
  return (e) => {
    if (e.key === 'Escape') {
      e.preventDefault()
      close()
    } else {
      trapTab(e, container.value)
    }
  }
}

/** For dialogs mounted while open: focus `initial` (or the first control) now, the opener after. */
export function useDialogFocus(container: Ref<HTMLElement | null>, initial?: Ref<HTMLElement | null>): void {
  let opener: HTMLElement | null = null
  onMounted(() => {
    opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    void nextTick(() => (initial?.value ?? focusablesIn(container.value)[0] ?? container.value)?.focus())
  })
  onBeforeUnmount(() => {
    const back = opener
    // After the dialog has left the DOM, so focus does not land on something being removed.
    if (back) {
      setTimeout(() => back.isConnected && back.focus())
    }
  })
}
