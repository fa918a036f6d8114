// Live updates: the node's event stream (SSE, resumes by itself) drives refetches of what an
// event touches, debounced; new messages raise a notification where the rules allow it.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { openEventStream } from '@shared/api/events'
import type { EventStream } from '@shared/api/events'
import type { ClientEvent, Message } from '@shared/types'
import { notificationText, shouldNotify } from '../lib/notify'
import { useAccountsStore } from './accounts'
import { useBusinessStore } from './business'
import { useInboxStore } from './inbox'
import { useOutreachStore } from './outreach'
import { useSessionStore } from './session'
import { useThreadStore } from './thread'
import { rowKey } from './types'
import { useUiStore } from './ui'

export type LiveStatus = 'off' | 'connecting' | 'live' | 'reconnecting' | 'closed'

interface Arrival {
  accountId: string
  conversationId: string
  text: string
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)

export const useLiveStore = defineStore('live', () => {
  const session = useSessionStore()
  const accounts = useAccountsStore()
  const inbox = useInboxStore()
  const thread = useThreadStore()
  const ui = useUiStore()
  const business = useBusinessStore()
  const status = ref<LiveStatus>('off')
  const lastEventId = ref<number | null>(null)
  let stream: EventStream | null = null
  let everLive = false
  let timer: ReturnType<typeof setTimeout> | null = null
  let flushing: Promise<void> = Promise.resolve()
  const dirty = {
    /** Accounts whose whole list is refetched. */
    accounts: new Set<string>(),
    /** [account, conversation] pairs refetched one by one. */
    conversations: new Map<string, [string, string]>(),
    settings: new Set<string>(),
    social: new Set<string>(),
    thread: false,
    relation: false,
    accountList: false,
  }
  let arrivals: Arrival[] = []

  /** Opens the stream; `after` resumes from a sequence number (the node's, read before loading). */
  function start(debounceMs = 120, after?: number): void {
    stop()
    stream = openEventStream({
      ...session.streamOptions(),
      lastEventId: after,
      onEvent: (e) => {
        lastEventId.value = e.seq
        handle(e, debounceMs)
      },
      // The node's log restarted below our last id (a reset data folder): redraw everything.
      onReset: () => {
        accounts.accountIds().forEach((id) => dirty.accounts.add(id))
        dirty.accountList = true
        dirty.thread = true
        schedule(debounceMs)
      },
      onStatus: (s) => {
        const wasDown = status.value === 'reconnecting'
        // Resuming from a known id reports 'reconnecting' even on the first try.
        status.value = s === 'reconnecting' && !everLive ? 'connecting' : s
        if (s !== 'live') {
          return
        }
        const back = everLive && wasDown
        everLive = true
        // Back after a drop: events were resumed by id, but refetch once to be sure.
        if (back) {
          accounts.accountIds().forEach((id) => dirty.accounts.add(id))
          dirty.thread = true
          schedule(debounceMs)
        }
      },
    })
  }

  function stop(): void {
    everLive = false
    stream?.close()
    stream = null
    status.value = 'off'
  }

  function markConversation(conversationId: string | undefined, ...people: (string | undefined)[]): void {
    // Unknown ids are kept too: the account may have been created a moment ago (checked in flush).
    const who = [...people.filter((id): id is string => !!id), ...(conversationId ? inbox.holders(conversationId) : [])]
    for (const id of who) {
      if (conversationId) {
        dirty.conversations.set(`${id}\u0000${conversationId}`, [id, conversationId])
      } else {
        dirty.accounts.add(id)
      }
    }
    if (conversationId && thread.current?.conversationId === conversationId) {
      dirty.thread = true
    }
  }

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
          arrivals.push({ accountId: m.to, conversationId: e.conversationId, text: m.text })
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
        // side's may show "Seen" (R15), which only the node can say.
        if (!by || !accounts.byId.has(by) || !inbox.applyRead(by, e.conversationId ?? '', str(e.messageId))) {
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
    schedule(debounceMs)
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

  function schedule(debounceMs: number): void {
    if (timer) {
      clearTimeout(timer)
    }
    timer = setTimeout(() => {
      timer = null
      flushing = flushing.then(flush, flush)
    }, debounceMs)
  }

  async function flush(): Promise<void> {
    const todo = { ...dirty, accounts: [...dirty.accounts], conversations: [...dirty.conversations.values()], settings: [...dirty.settings], social: [...dirty.social] }
    const arrived = arrivals
    arrivals = []
    dirty.accounts.clear()
    dirty.conversations.clear()
    dirty.settings.clear()
    dirty.social.clear()
    dirty.thread = dirty.relation = dirty.accountList = false
    const quiet = <T>(p: Promise<T>) => p.catch(() => undefined)
    if (todo.accountList) {
      await quiet(accounts.load())
      for (const id of accounts.accountIds()) {
        if (!(id in inbox.lists)) {
          todo.accounts.push(id)
        }
      }
    }
    const local = [...new Set(todo.accounts)].filter((id) => accounts.byId.has(id))
    const single = todo.conversations.filter(([id]) => accounts.byId.has(id) && !local.includes(id))
    await Promise.all([
      ...local.map((id) => quiet(inbox.refresh(id))),
      ...single.map(([id, conv]) => quiet(inbox.refreshOne(id, conv))),
      ...todo.settings.map((id) => quiet(accounts.loadSettings(id))),
      ...todo.social.flatMap((id) => [quiet(accounts.loadFollowing(id)), quiet(accounts.loadBlocked(id))]),
      todo.thread ? thread.refreshLatest() : Promise.resolve(),
    ])
    if (todo.relation || todo.thread) {
      await thread.loadRelation()
    }
    for (const a of arrived) {
      announce(a)
    }
  }

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

  /** Runs what is scheduled now (tests, and before a redraw that cannot wait). */
  function settle(): Promise<void> {
    if (timer) {
      clearTimeout(timer)
    }
    timer = null
    flushing = flushing.then(flush, flush)
    return flushing
  }

  return { status, lastEventId, start, stop, handle, settle }
})
