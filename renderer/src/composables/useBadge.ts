// The dock/taskbar badge (Electron) or the tab title (browser): unread of the accounts that count.
import { computed, watch } from 'vue'
import { badgeCount } from '../lib/notify'
import { useAccountsStore } from '../stores/accounts'
import { useInboxStore } from '../stores/inbox'

export function useBadge(): void {
  const accounts = useAccountsStore()
  const inbox = useInboxStore()
  const count = computed(() => badgeCount(accounts.accountIds(), inbox.totalUnreadOf, accounts.settings))
  watch(
    count,
    (n) => {
      if (window.envelope) {
        window.envelope.setBadge(n)
      } else {
        document.title = n > 0 ? `(${n}) Envelope` : 'Envelope'
      }
    },
    { immediate: true },
  )
}
