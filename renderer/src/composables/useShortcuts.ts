// App-wide keys: Ctrl/Cmd+1..9 switches to the n-th account, Ctrl/Cmd+0 to "All accounts".
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

export function useShortcuts(onSwitch: (id: string) => void): void {
  const accounts = useAccountsStore()
  const onKey = (e: KeyboardEvent) => {
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
