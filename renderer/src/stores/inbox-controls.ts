// The inbox's per-conversation controls: mute (R16), delete for me (R17), accept or delete a
// request (R8), mark read (R15). Each asks the node, then refetches only what it changed.
import { DEFAULT_POLICY } from '@shared/policy'
import type { EnvelopeClient } from '@shared/api/client'
import type { ConversationSummary } from '@shared/types'
import type { MuteChoice } from './types'

const HOUR = 3_600_000
const MUTE_MS: Record<Exclude<MuteChoice, 'forever'>, number> = {
  '1h': DEFAULT_POLICY.muteDurationsMs[0] ?? HOUR,
  '8h': DEFAULT_POLICY.muteDurationsMs[1] ?? 8 * HOUR,
  '24h': DEFAULT_POLICY.muteDurationsMs[2] ?? 24 * HOUR,
}

interface InboxParts {
  api: () => EnvelopeClient
  refreshOne: (accountId: string, conversationId: string) => Promise<void>
  deselect: (accountId: string, conversationId: string) => void
  find: (accountId: string, conversationId: string) => ConversationSummary | undefined
  applyRead: (accountId: string, conversationId: string, messageId: string | undefined) => boolean
}

export function inboxControls({ api, refreshOne, deselect, find, applyRead }: InboxParts) {
  // Each control refetches only the conversation it changed; its event refetches it again.
  async function mute(accountId: string, conversationId: string, choice: MuteChoice | 'off', now = new Date()): Promise<void> {
    const body =
      choice === 'off'
        ? { muted: false }
        : choice === 'forever'
          ? { muted: true, until: null }
          : { muted: true, until: new Date(now.getTime() + MUTE_MS[choice]).toISOString() }
    await api().mute(accountId, conversationId, body)
    await refreshOne(accountId, conversationId)
  }

  async function hide(accountId: string, conversationId: string): Promise<void> {
    await api().hideConversation(accountId, conversationId)
    deselect(accountId, conversationId)
    await refreshOne(accountId, conversationId)
  }

  async function accept(accountId: string, conversationId: string): Promise<void> {
    await api().acceptRequest(accountId, conversationId)
    await refreshOne(accountId, conversationId)
  }

  async function decline(accountId: string, conversationId: string): Promise<void> {
    await api().deleteRequest(accountId, conversationId)
    deselect(accountId, conversationId)
    await refreshOne(accountId, conversationId)
  }

  async function markRead(accountId: string, conversationId: string): Promise<void> {
    const c = find(accountId, conversationId)
    if (!c || c.unread === 0) {
      return
    }
    await api().markRead(accountId, conversationId)
    if (!applyRead(accountId, conversationId, c.lastMessage?.id)) {
      await refreshOne(accountId, conversationId)
    }
  }

  return { mute, hide, accept, decline, markRead }
}
