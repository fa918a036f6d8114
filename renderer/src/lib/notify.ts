// Whether and how to tell a person about a new message: never for muted conversations (R16),
// never while the account's notifications are off or in its quiet hours, and without sender
// and text when the account hides previews.
import { muteActive } from '@shared/rules'
import type { AccountSettings, ConversationSummary, Message } from '@shared/types'
import { inQuietHours } from './quietHours'

export interface NotifyInput {
  summary: ConversationSummary | undefined
  settings: AccountSettings | undefined
  now: Date
  /** The person is looking at this very conversation right now. */
  viewing: boolean
}

export function shouldNotify({ summary, settings, now, viewing }: NotifyInput): boolean {
  if (viewing) {
    return false
  }
  if (summary && muteActive({ muted: summary.muted, until: summary.mutedUntil }, now)) {
    return false
  }
  const n = settings?.notifications
  if (n && !n.enabled) {
    return false
  }
  if (n && inQuietHours(n.quietHours, now)) {
    return false
  }
  return true
}

export function notificationText(
  message: Pick<Message, 'text'>,
  summary: ConversationSummary | undefined,
  account: { handle: string } | undefined,
  showPreview: boolean,
  multiAccount: boolean,
): { title: string; body: string } {
  const suffix = multiAccount && account ? ` · @${account.handle}` : ''
  if (!showPreview) {
    return { title: `Envelope${suffix}`, body: 'You have a new message.' }
  }
  const who = summary?.with.displayName ?? 'New message'
  const kind = summary?.folder === 'requests' ? 'Message request from ' : ''
  const text = message.text.length > 200 ? `${message.text.slice(0, 199)}…` : message.text
  return { title: `${kind}${who}${suffix}`, body: text }
}

/** Dock/taskbar badge: unread of the accounts that chose to count in it. */
export function badgeCount(
  accountIds: string[],
  unreadOf: (id: string) => number,
  settings: Record<string, AccountSettings | undefined>,
): number {
  return accountIds.reduce((n, id) => (settings[id]?.notifications.countInBadge === false ? n : n + unreadOf(id)), 0)
}
