// GET /api/v1/events: the live stream every client redraws from (docs/API.md "Events").
// The stream is written straight to the Node response by the shared EventHub: events are
// serialised once for all streams, a reconnect with Last-Event-ID gets what it missed, in
// order, nothing twice, and a slow client is cut (it resumes) instead of buffered without bound.
import { Hono } from 'hono'
import type { ServerResponse } from 'node:http'
import type { HttpBindings } from '@hono/node-server'
import { eventsQuerySchema } from '@shared/schemas'
import type { ServerDeps } from '../deps'
import { EventHub } from '../event-hub'
import { validate } from '../../http/validate'

export function eventRoutes({ domain }: ServerDeps) {
  const hub = new EventHub(domain.store)
  return new Hono<{ Bindings: HttpBindings }>().get('/', validate('query', eventsQuerySchema), (c) => {
    const raw = c.req.header('Last-Event-ID') ?? c.req.valid('query').lastEventId
    const resumeFrom = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : null
    const list = c.req.valid('query').accounts
    const accounts = list ? new Set(list.split(',').filter(Boolean)) : null
    // Headers the middleware set (CORS for the app's own origin) go out with the stream.
    const headers: Record<string, string> = {}
    c.res.headers.forEach((value, key) => (headers[key] = value))
    hub.open({ res: c.env.outgoing as ServerResponse, resumeFrom, accounts, headers })
    return alreadySent()
  })
}

/**
 * Tells @hono/node-server the response is written already. Its own RESPONSE_ALREADY_SENT
 * is a cached light response in this version, which it would answer again (headers sent
 * twice); reading `body` turns it into a plain one, whose header it honours.
 */
function alreadySent(): Response {
  const res = new Response(null, { headers: { 'x-hono-already-sent': 'true' } })
  void res.body
  return res
}
