// What live events marked for refetching, and the debounced flush that refetches it once a burst settles.
import type { useAccountsStore } from './accounts'
import type { useInboxStore } from './inbox'
import type { useThreadStore } from './thread'

/** A message for an account here, announced after the refetch that shows it. */
export interface Arrival {
  accountId: string
  conversationId: string
  text: string
}

interface RefetchDeps {
  accounts: ReturnType<typeof useAccountsStore>
  inbox: ReturnType<typeof useInboxStore>
  thread: ReturnType<typeof useThreadStore>
  announce: (a: Arrival) => void
}

export function liveRefetch({ accounts, inbox, thread, announce }: RefetchDeps) {
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

  function arrive(a: Arrival): void {
    arrivals.push(a)
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

  /** Runs what is scheduled now (tests, and before a redraw that cannot wait). */
  function settle(): Promise<void> {
    if (timer) {
      clearTimeout(timer)
    }
    timer = null
    flushing = flushing.then(flush, flush)
    return flushing
  }

  return { dirty, arrive, markConversation, schedule, settle }
}

export type LiveRefetch = ReturnType<typeof liveRefetch>
