// When the main area changes to another pane (from the sidebar's navigation, the conversation
// list, a button in a pane), focus moves to that pane's heading, so keyboard and screen reader
// users land where the new content starts. Panes that focus something themselves (the compose
// box, a search field) keep it; a change made from the accounts rail leaves focus in the rail,
// and so does falling back to the empty start pane (a conversation deleted from the list's
// menu leaves focus on the list, where the person was working).
import { watch } from 'vue'
import type { Ref } from 'vue'
import { useInboxStore } from '../stores/inbox'
import { useUiStore } from '../stores/ui'

export function usePaneFocus(main: Ref<HTMLElement | null>): void {
  const ui = useUiStore()
  const inbox = useInboxStore()
  watch(
    () => [ui.view, inbox.selectedKey, ui.profileId, ui.composeTo],
    () => {
      if (ui.view === 'home' || (ui.view === 'conversation' && !inbox.selectedKey)) return
      // After the new pane's own focus handling (it runs on the next tick).
      setTimeout(() => {
        const el = main.value
        const active = document.activeElement
        if (!el || el.contains(active) || active?.closest('[data-keeps-focus], [aria-modal="true"], [role="menu"]')) return
        const heading = el.querySelector<HTMLElement>('h2')
        if (!heading) return
        heading.tabIndex = -1
        heading.focus({ preventScroll: true })
      })
    },
    { flush: 'post' },
  )
}
