// Live updates: the node's event stream (SSE, resumes by itself) drives refetches of what an
// event touches, debounced; new messages raise a notification where the rules allow it.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { openEventStream } from '@shared/api/events'
import type { EventStream } from '@shared/api/events'
import { useAccountsStore } from './accounts'
import { useBusinessStore } from './business'
import { useInboxStore } from './inbox'
import { liveEvents } from './live-events'
import { liveNotifier } from './live-notify'
import { liveRefetch } from './live-refetch'
import { useSessionStore } from './session'
import { useThreadStore } from './thread'
import { useUiStore } from './ui'

export type LiveStatus = 'off' | 'connecting' | 'live' | 'reconnecting' | 'closed'

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
  const { announce } = liveNotifier({ accounts, inbox, thread, ui })
  const refetch = liveRefetch({ accounts, inbox, thread, announce })
  const { dirty, schedule, settle } = refetch
  const { handle } = liveEvents({ accounts, inbox, thread, business, refetch })

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

  return { status, lastEventId, start, stop, handle, settle }
})
