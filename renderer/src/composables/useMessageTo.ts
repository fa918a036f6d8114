// "Message" on a profile or a directory card: open the conversation if there is one,
// otherwise a new message to that person.
import { useSessionStore } from '../stores/session'
import { useInboxStore } from '../stores/inbox'
import { useUiStore } from '../stores/ui'

export function useMessageTo() {
  const session = useSessionStore()
  const inbox = useInboxStore()
  const ui = useUiStore()
  return async function messageTo(accountId: string | null, targetId: string): Promise<void> {
    if (!accountId) {
      return
    }
    try {
      const { relation } = await session.api().relation(accountId, targetId)
      const existing = relation.conversationId ? inbox.find(accountId, relation.conversationId) : undefined
      if (existing) {
        ui.openConversation(accountId, existing.id, existing.folder)
        return
      }
    } catch {
      // Fall through to a new message; its pane shows the node's answer.
    }
    ui.openCompose(targetId)
  }
}
