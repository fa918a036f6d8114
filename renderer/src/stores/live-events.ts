// Reading one live event: what it settles in place (events are data) and what it marks for refetching.
import type { ClientEvent, Message } from '@shared/types'
import type { useAccountsStore } from './accounts'
import type { useBusinessStore } from './business'
import type { useInboxStore } from './inbox'
import type { LiveRefetch } from './live-refetch'
import { useOutreachStore } from './outreach'
import type { useThreadStore } from './thread'

interface EventDeps {
  accounts: ReturnType<typeof useAccountsStore>
  inbox: ReturnType<typeof useInboxStore>
  thread: ReturnType<typeof useThreadStore>
  business: ReturnType<typeof useBusinessStore>
  refetch: LiveRefetch
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)

export function liveEvents({ accounts, inbox, thread, business, refetch }: EventDeps) {
  const { dirty, markConversation } = refetch

  /** Notes what an event touches; the refetch runs once the burst of events settles. */
  function handle(e: ClientEvent, debounceMs = 120): void {
    const from = str(e.from)
    const to = str(e.to)
    switch (e.type) {
      case 'outreach.changed':
        useOutreachStore().changed()
        return
      case 'message.sent': {
        useOutreachStore().changed()
        const m = e.message
        // Events are data: the message goes straight into the lists and the open thread; only
        // what the event cannot settle (a new conversation, a request) is refetched.
        if (m && e.conversationId) {
          applyArrival(e.conversationId, m)
        } else {
          markConversation(e.conversationId, m?.from, m?.to)
        }
        // A message for one of the accounts here, unless this window wrote it (one person may
        // hold both sides of a conversation on one node).
        if (m && e.conversationId && accounts.byId.has(m.to) && !thread.isOwnSend(m)) {
          refetch.arrive({ accountId: m.to, conversationId: e.conversationId, text: m.text })
        }
        break
      }
      case 'message.verdict': {
        const refused = e.refused as { message?: string } | undefined
        const messageId = str(e.messageId)
        if (messageId && refused?.message) {
          thread.applyVerdict(messageId, refused.message)
        }
        markConversation(e.conversationId)
        dirty.relation = true
        break
      }
      case 'message.hidden':
        if (str(e.by) === thread.current?.accountId && e.conversationId === thread.current?.conversationId) {
          const id = str(e.messageId)
          if (id) {
            thread.removeLocally(id)
          }
        }
        markConversation(e.conversationId, str(e.by))
        break
      case 'conversation.read': {
        const by = str(e.by)
        // One's own reading (here or in another window) settles the unread count; the other
        // side's may show "Seen" (R15), which only the node can say. Both sides may be signed
        // in here, so an open thread seen from the other side is refetched either way.
        const settled = !!by && accounts.byId.has(by) && inbox.applyRead(by, e.conversationId ?? '', str(e.messageId))
        const seenByOtherSide = thread.current?.conversationId === e.conversationId && thread.current?.accountId !== by
        if (!settled || seenByOtherSide) {
          markConversation(e.conversationId, by)
        }
        break
      }
      case 'request.accepted':
      case 'request.deleted':
      case 'conversation.muted':
      case 'conversation.hidden':
        markConversation(e.conversationId, str(e.by))
        if (e.type.startsWith('request.')) {
          dirty.relation = true
        }
        break
      case 'follow.added':
      case 'follow.removed':
      case 'block.added':
      case 'block.removed':
        for (const id of [from, to]) {
          if (id && accounts.byId.has(id)) {
            dirty.social.add(id)
            if (e.type.startsWith('block.')) {
              dirty.accounts.add(id)
            }
          }
        }
        dirty.relation = true
        break
      case 'settings.updated': {
        const id = str(e.accountId)
        if (id && accounts.byId.has(id)) {
          dirty.settings.add(id)
        }
        dirty.relation = true
        break
      }
      case 'account.created':
      case 'account.updated':
        if (accounts.byId.has(str(e.accountId) ?? '') || e.type === 'account.created') {
          dirty.accountList = true
        }
        break
      // The business inbox: only what it touches is refetched.
      case 'auto.planned':
      case 'auto.finished':
        for (const id of accounts.accountIds()) {
          if (business.activity[id]) {
            void business.loadActivity(id).catch(() => undefined)
          }
        }
        break
      case 'business.updated':
      case 'business.questions':
        if (thread.current) {
          void business.loadQuestions(thread.current.withId)
        }
        break
      case 'label.created':
      case 'label.updated':
      case 'label.deleted':
      case 'conversation.labelled':
      case 'savedReply.created':
      case 'savedReply.updated':
      case 'savedReply.deleted': {
        const by = str(e.by)
        if (by && accounts.byId.has(by)) {
          if (e.type.startsWith('savedReply.')) {
            void business.loadSavedReplies(by).catch(() => undefined)
          } else {
            dirty.accounts.add(by)
          }
        }
        break
      }
      default:
        accounts.accountIds().forEach((id) => dirty.accounts.add(id))
        dirty.thread = true
    }
    refetch.schedule(debounceMs)
  }

  function applyArrival(conversationId: string, event: NonNullable<ClientEvent['message']>): void {
    const { to: _to, delivery, ...rest } = event
    // As its viewers see it: only a send still waiting for (or refused by) another node says so.
    const m: Message = delivery === 'pending' || delivery === 'refused' ? { ...rest, delivery } : rest
    for (const id of new Set([event.from, event.to])) {
      if (!accounts.byId.has(id)) {
        continue
      }
      if (!inbox.applyMessage(id, conversationId, m)) {
        markConversation(conversationId, id)
        if (thread.current?.accountId === id && thread.current.withId === (id === event.from ? event.to : event.from)) {
          dirty.relation = true
        }
      }
    }
    const viewer = thread.current?.accountId
    if (viewer && (viewer === event.from || viewer === event.to) && !thread.applyMessage(conversationId, m)) {
      dirty.thread = true
    }
  }

  return { handle }
}
