// What screen readers hear about things that arrive on their own (messages, toasts): said once,
// through two live regions that always exist (LiveAnnouncer.vue), instead of marking redrawn
// content live, where a virtualised list re-rendering on scroll would be read again and again.
import { ref } from 'vue'

const polite = ref('')
const assertive = ref('')

/** Says `text` once; `urgent` interrupts (errors), otherwise it waits for a pause. */
export function announce(text: string, urgent = false): void {
  const region = urgent ? assertive : polite
  // Empty first, then the text on the next task: the same sentence twice in a row is still
  // a change, so it is read again.
  region.value = ''
  setTimeout(() => (region.value = text), 30)
}

export function useAnnouncements() {
  return { polite, assertive }
}
