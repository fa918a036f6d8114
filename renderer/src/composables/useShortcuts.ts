// App-wide keys: Ctrl/Cmd+1..9 switches to the n-th account, Ctrl/Cmd+0 to "All accounts", and
// `?` opens the list of shortcuts (shortcuts.ts) unless the person is typing or in a dialog.
import { onBeforeUnmount, onMounted } from 'vue'
import { ALL, useAccountsStore } from '../stores/accounts'

export function accountForKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>, ids: string[]): string | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) {
    return null
  }
  if (e.key === '0') {
    return ALL
  }
  if (!/^[1-9]$/.test(e.key)) {
    return null
  }
  return ids[Number(e.key) - 1] ?? null
}

/** True where a typed `?` is text: inputs, text areas, selects and editable content. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) {
    return false
  }
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

/** `?` on its own, outside text fields and modal dialogs, asks for the shortcuts list. */
export function wantsShortcutHelp(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'>): boolean {
  if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) {
    return false
  }
  return !document.querySelector('[aria-modal="true"], [role="menu"]')
}

export function useShortcuts(onSwitch: (id: string) => void, onHelp: () => void = () => undefined): void {
  const accounts = useAccountsStore()
  const onKey = (e: KeyboardEvent) => {
    if (wantsShortcutHelp(e)) {
      e.preventDefault()
      onHelp()
      return
    }
    const id = accountForKey(e, accounts.accountIds())
    if (!id) {
      return
    }
    e.preventDefault()
    onSwitch(id)
  }
  onMounted(() => window.addEventListener('keydown', onKey))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey))
}
