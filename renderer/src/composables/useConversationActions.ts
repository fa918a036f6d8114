// The controls of a conversation, shared by its context menu, its header and the Requests
// pane: mute with a duration (R16), block after confirmation (R11), delete for me (R17),
// accept or delete a request (R8).
import type { AccountRef } from '@shared/types'
import { useAccountsStore } from '../stores/accounts'
import { useInboxStore } from '../stores/inbox'
import { useThreadStore } from '../stores/thread'
import type { InboxRow, MuteChoice } from '../stores/types'
import { useUiStore } from '../stores/ui'
import type { MenuItem } from '../stores/ui'
import { useAction } from './useAction'

export const MUTE_CHOICES: { id: MuteChoice; label: string }[] = [
  { id: '1h', label: 'Mute for 1 hour' },
  { id: '8h', label: 'Mute for 8 hours' },
  { id: '24h', label: 'Mute for 24 hours' },
  { id: 'forever', label: 'Mute until I unmute' },
]

export function useConversationActions() {
  const accounts = useAccountsStore()
  const inbox = useInboxStore()
  const thread = useThreadStore()
  const ui = useUiStore()

  /** Runs an action; a refusal shows as the node's sentence in a toast. */
  async function attempt(fn: () => Promise<unknown>, done?: string): Promise<boolean> {
    // One action per attempt: a mute and a block asked for together both run.
    const ok = await useAction({ toast: 'That did not work' }).run(fn)
    if (ok && done) {
      ui.toast({ title: done, body: '' }, 3500)
    }
    return ok
  }

  function open(row: InboxRow): void {
    ui.openConversation(row.accountId, row.conversation.id)
  }

  async function block(accountId: string, who: AccountRef): Promise<boolean> {
    const ok = await ui.confirm({
      title: `Block ${who.displayName}?`,
      body: `@${who.handle} will not be able to message you or follow you, and you will both stop following each other. You can unblock them later in Privacy settings.`,
      confirmLabel: 'Block',
      danger: true,
    })
    if (!ok) {
      return false
    }
    return attempt(async () => {
      await accounts.block(accountId, who.id)
      await inbox.refresh(accountId)
      await thread.loadRelation()
    }, `Blocked @${who.handle}`)
  }

  async function deleteConversation(row: InboxRow): Promise<boolean> {
    const ok = await ui.confirm({
      title: 'Delete this conversation for you?',
      body: `It disappears from your inbox only. ${row.conversation.with.displayName} keeps their copy, and a new message brings the conversation back.`,
      confirmLabel: 'Delete for me',
      danger: true,
    })
    if (!ok) {
      return false
    }
    const wasOpen = thread.current?.conversationId === row.conversation.id && thread.current.accountId === row.accountId
    const done = await attempt(() => inbox.hide(row.accountId, row.conversation.id), 'Conversation deleted for you')
    if (done && wasOpen) {
      thread.close()
      ui.show('home')
    }
    return done
  }

  const MUTED: Record<MuteChoice | 'off', string> = {
    '1h': 'Muted for 1 hour',
    '8h': 'Muted for 8 hours',
    '24h': 'Muted for 24 hours',
    forever: 'Muted until you unmute',
    off: 'Unmuted',
  }
  const mute = (row: InboxRow, choice: MuteChoice | 'off') => attempt(() => inbox.mute(row.accountId, row.conversation.id, choice), MUTED[choice])

  async function accept(row: InboxRow): Promise<boolean> {
    const done = await attempt(() => inbox.accept(row.accountId, row.conversation.id))
    if (done) {
      ui.openConversation(row.accountId, row.conversation.id, 'inbox')
    }
    return done
  }

  async function decline(row: InboxRow): Promise<boolean> {
    const done = await attempt(() => inbox.decline(row.accountId, row.conversation.id), 'Request deleted')
    if (done) {
      ui.show('home')
    }
    return done
  }

  function menu(row: InboxRow): MenuItem[] {
    const c = row.conversation
    const items: MenuItem[] = []
    if (c.folder === 'requests') {
      items.push({ id: 'accept', label: 'Accept request', run: () => accept(row) })
      items.push({ id: 'decline', label: 'Delete request', danger: true, run: () => decline(row) })
    } else if (c.muted) {
      items.push({ id: 'unmute', label: 'Unmute', run: () => mute(row, 'off') })
    } else {
      for (const m of MUTE_CHOICES) {
        items.push({ id: `mute-${m.id}`, label: m.label, run: () => mute(row, m.id) })
      }
    }
    items.push({ id: 'profile', label: `View @${c.with.handle}`, run: () => ui.openProfile(c.with.id) })
    items.push({ id: 'block', label: `Block @${c.with.handle}…`, danger: true, run: () => block(row.accountId, c.with) })
    if (c.folder === 'inbox') {
      items.push({ id: 'delete-conversation', label: 'Delete conversation for me…', danger: true, run: () => deleteConversation(row) })
    }
    return items
  }

  function openMenu(row: InboxRow, x: number, y: number): void {
    ui.openMenu(x, y, `Actions for the conversation with ${row.conversation.with.displayName}`, menu(row))
  }

  return { attempt, open, block, deleteConversation, mute, accept, decline, menu, openMenu }
}
