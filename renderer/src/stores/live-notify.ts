// Announcing a live arrival: a desktop notification or a toast, where the notification rules allow it.
import { notificationText, shouldNotify } from '../lib/notify'
import type { useAccountsStore } from './accounts'
import type { useInboxStore } from './inbox'
import type { Arrival } from './live-refetch'
import type { useThreadStore } from './thread'
import { rowKey } from './types'
import type { useUiStore } from './ui'

interface NotifyDeps {
  accounts: ReturnType<typeof useAccountsStore>
  inbox: ReturnType<typeof useInboxStore>
  thread: ReturnType<typeof useThreadStore>
  ui: ReturnType<typeof useUiStore>
}

export function liveNotifier({ accounts, inbox, thread, ui }: NotifyDeps) {
  function isViewing(accountId: string, conversationId: string): boolean {
    const visible = typeof document === 'undefined' || document.visibilityState === 'visible'
    const cur = thread.current
    return visible && ui.view === 'conversation' && cur?.accountId === accountId && cur.conversationId === conversationId
  }

  function announce(a: Arrival): void {
    const summary = inbox.find(a.accountId, a.conversationId)
    const settings = accounts.settings[a.accountId]
    if (!shouldNotify({ summary, settings, now: new Date(), viewing: isViewing(a.accountId, a.conversationId) })) {
      return
    }
    const account = accounts.byId.get(a.accountId)
    const { title, body } = notificationText(a, summary, account, settings?.notifications.showPreview ?? true, accounts.accounts.length > 1)
    if (window.envelope) {
      window.envelope.notify({ title, body, silent: false })
      return
    }
    ui.toast({
      title,
      body,
      about: rowKey(a.accountId, a.conversationId),
      action: summary ? { label: 'Open', run: () => openArrival(a, summary.folder) } : undefined,
    })
  }

  function openArrival(a: Arrival, folder: 'inbox' | 'requests'): void {
    accounts.select(accounts.scope === 'all' ? 'all' : a.accountId)
    ui.openConversation(a.accountId, a.conversationId, folder)
  }

  return { announce }
}
