// When the main area changes to another pane (from the sidebar's navigation, the conversation
// list, a button in a pane), focus moves to that pane's heading, so keyboard and screen reader
// users land where the new content starts. Panes that focus something themselves (the compose
// box, a search field) keep it; a change made from the accounts rail leaves focus in the rail.
// Falling back to the empty start pane (a conversation deleted, a request declined) leaves
// focus where it is, or, when the control that had it went away, puts it on the conversation
// list, where the person goes on working.
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
      const empty = ui.view === 'home' || (ui.view === 'conversation' && !inbox.selectedKey)
      // After the new pane's own focus handling (it runs on the next tick).
      setTimeout(() => {
        const el = main.value
        const active = document.activeElement
        const lost = !active || active === document.body
        if (empty) {
          // The list, or its folder's tab when the folder is now empty.
          if (lost) {
            (document.getElementById('conversation-list') ?? document.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]'))?.focus()
          }
          return
        }
        if (!el || el.contains(active) || active?.closest('[data-keeps-focus], [aria-modal="true"], [role="menu"]')) {
          return
        }
        const heading = el.querySelector<HTMLElement>('h2')
        if (!heading) {
          return
        }
        heading.tabIndex = -1
        heading.focus({ preventScroll: true })
      })
    },
    { flush: 'post' },
  )
}
