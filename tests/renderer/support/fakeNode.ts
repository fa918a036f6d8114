// A fake node behind the typed client: a `fetch` that answers from a route table and records
// every request, so stores and components are tested through the real client code.
import { createPinia, setActivePinia } from 'pinia'
import type { AccountSettings, AccountView, ConversationSummary, Message } from '@shared/types'
import { useSessionStore } from '../../../renderer/src/stores/session'

export interface Call {
  method: string
  path: string
  query: URLSearchParams
  body: unknown
}

/** A reply with a status other than 200; anything else a handler returns is a 200 body. */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}
type Handler = (call: Call) => unknown

export class FakeNode {
  calls: Call[] = []
  private routes: { method: string; pattern: RegExp; handler: Handler }[] = []

  on(method: string, path: string, handler: Handler | unknown): this {
    const pattern = new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/:[a-z]+/gi, '[^/]+')}$`)
    this.routes.unshift({ method, pattern, handler: typeof handler === 'function' ? (handler as Handler) : () => handler })
    return this
  }

  callsTo(method: string, path: string): Call[] {
    return this.calls.filter((c) => c.method === method && c.path === path)
  }

  fetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input))
    const path = decodeURIComponent(url.pathname.replace(/^\/api\/v1/, ''))
    const method = init?.method ?? 'GET'
    const call: Call = { method, path, query: url.searchParams, body: init?.body ? JSON.parse(String(init.body)) : undefined }
    this.calls.push(call)
    const route = this.routes.find((r) => r.method === method && r.pattern.test(path))
    if (!route) {
      return json(404, { error: { code: 'NOT_FOUND', message: `There is no ${method} ${path}.` } })
    }
    const answer = await route.handler(call)
    return answer instanceof Reply ? json(answer.status, answer.body) : json(200, answer)
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

export const refusal = (status: number, code: string, message: string, extra: Record<string, unknown> = {}) =>
  new Reply(status, { error: { code, message, ...extra } })

/** A fresh Pinia connected to the fake node. */
export function connect(node: FakeNode) {
  setActivePinia(createPinia())
  const session = useSessionStore()
  session.connect({ baseUrl: 'http://127.0.0.1:4000', token: 'test-token', fetch: node.fetch })
  return session
}

export function account(id: string, handle: string, extra: Partial<AccountView> = {}): AccountView {
  return {
    id,
    handle,
    displayName: handle[0].toUpperCase() + handle.slice(1),
    kind: 'personal',
    verified: false,
    region: 'US',
    bio: '',
    topics: [],
    stats: { followers: 10, following: 5, likes: 100, engagementRate: 4.2 },
    homeNodeId: 'n1',
    createdAt: '2025-01-01T00:00:00.000Z',
    local: true,
    birthDate: '1990-01-01',
    phone: '+14155550100',
    ...extra,
  }
}

export function settings(extra: Partial<AccountSettings> = {}): AccountSettings {
  return {
    whoCanMessageMe: 'followers',
    readReceipts: true,
    notifications: { enabled: true, showPreview: true, countInBadge: true, quietHours: null },
    ...extra,
  }
}

export function message(id: string, from: string, text: string, sentAt: string, extra: Partial<Message> = {}): Message {
  return { id, from, text, sentAt, ...extra }
}

export function conversation(id: string, withId: string, withHandle: string, extra: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id,
    with: { id: withId, handle: withHandle, displayName: withHandle[0].toUpperCase() + withHandle.slice(1) },
    folder: 'inbox',
    unread: 0,
    muted: false,
    mutedUntil: null,
    lastMessage: null,
    state: 'open',
    lastActivityAt: '2025-06-01T10:00:00.000Z',
    ...extra,
  }
}

export const tick = () => new Promise((r) => setTimeout(r, 0))
export async function settle(times = 5): Promise<void> {
  for (let i = 0; i < times; i++) {
    await tick()
  }
}
