// Health, node identity, browser sign-in, directory.
import { Hono } from 'hono'
import { z } from 'zod'
import { directoryQuerySchema } from '@shared/schemas'
import type { ServerDeps } from '../deps'
import { sendError } from '../../http/errors'
import { validate } from '../../http/validate'

export function publicRoutes({ domain, sessions }: ServerDeps) {
  const { store } = domain
  return new Hono()
    .get('/health', (c) =>
      // Up (ok) even while the disk refuses writes: a restart would not help; storage says so.
      c.json({ ok: true as const, node: { id: store.nodeId, name: store.identity.name }, storage: store.storageStatus() }, 200),
    )
    .post('/session', validate('json', z.strictObject({ code: z.string().min(1).max(200) })), (c) => {
      const token = sessions.exchange(c.req.valid('json').code)
      if (!token) {
        return sendError(c, 400, 'INVALID_CODE', 'This sign-in link has expired or was already used. Ask the node for a new one.')
      }
      return c.json({ token }, 200)
    })
}

export function privateRoutes({ domain, sessions }: ServerDeps) {
  const { store } = domain
  return (
    new Hono()
      // A signed-in client can hand another browser a fresh one-time sign-in link.
      .post('/login-links', (c) => {
        const code = sessions.issueLoginCode()
        const origin = new URL(c.req.url).origin
        return c.json({ url: `${origin}/#code=${code}`, expiresAt: sessions.codeExpiry(code) }, 201)
      })
      .get('/node', (c) => c.json({ node: { id: store.nodeId, name: store.identity.name, lastSeq: store.durableSeq } }, 200))
      .get('/directory', validate('query', directoryQuerySchema), (c) => c.json(store.searchDirectory(c.req.valid('query')), 200))
  )
}
