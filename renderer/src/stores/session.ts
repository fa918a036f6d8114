// The connection to the node: the typed client every store uses, and the sign-in state.
import { defineStore } from 'pinia'
import { markRaw, ref, shallowRef } from 'vue'
import { createClient } from '@shared/api/client'
import type { EnvelopeClient } from '@shared/api/client'
import type { EventStreamOptions } from '@shared/api/events'
import { browserEnv, forgetSession, resolveConnection } from '../services/connection'
import type { ConnectionEnv } from '../services/connection'

export type SessionStatus = 'loading' | 'ready' | 'signed-out'

export interface ConnectOptions {
  baseUrl: string
  token: string
  fetch?: typeof fetch
}

export const useSessionStore = defineStore('session', () => {
  const status = ref<SessionStatus>('loading')
  const problem = ref<string | null>(null)
  const client = shallowRef<EnvelopeClient | null>(null)
  // Kept out of reactive state on purpose: the token is never rendered or inspected.
  let token: string | undefined
  let baseUrl = ''
  let fetchImpl: typeof fetch | undefined
  let env: ConnectionEnv | null = null

  function connect(options: ConnectOptions): EnvelopeClient {
    token = options.token
    baseUrl = options.baseUrl
    const inner = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init))
    // A 401 means the session ended (node restarted, link expired): back to the sign-in screen.
    fetchImpl = async (input, init) => {
      const response = await inner(input, init)
      if (response.status === 401) {
        expire()
      }
      return response
    }
    client.value = markRaw(createClient({ baseUrl, token: () => token, fetch: fetchImpl }))
    problem.value = null
    status.value = 'ready'
    return client.value
  }

  function expire(): void {
    if (env) {
      forgetSession(env)
    }
    token = undefined
    client.value = null
    problem.value = 'Your session has ended. Open a new link printed by the node to sign in again.'
    status.value = 'signed-out'
  }

  async function start(connectionEnv: ConnectionEnv = browserEnv()): Promise<void> {
    env = connectionEnv
    status.value = 'loading'
    try {
      const found = await resolveConnection(connectionEnv)
      if (found.kind === 'signed-out') {
        problem.value = found.problem ?? null
        status.value = 'signed-out'
        return
      }
      connect({ baseUrl: found.baseUrl, token: found.token, fetch: connectionEnv.fetch })
    } catch {
      problem.value = 'Envelope could not reach its node. Check that it is running, then reload.'
      status.value = 'signed-out'
    }
  }

  function api(): EnvelopeClient {
    if (!client.value) {
      throw new Error('Not connected to a node.')
    }
    return client.value
  }

  function streamOptions(): Pick<EventStreamOptions, 'baseUrl' | 'token' | 'fetch'> {
    return { baseUrl, token: () => token, fetch: fetchImpl }
  }

  return { status, problem, client, connect, expire, start, api, streamOptions }
})
