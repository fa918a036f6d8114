// The node's HTTP app: one door for the renderer, other instances, scripts and tests.
import { Hono } from 'hono'
import type { Schema } from 'hono'
import type { BlankEnv, BlankSchema } from 'hono/types'
import { secureHeaders } from 'hono/secure-headers'
import { serveStatic } from '@hono/node-server/serve-static'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { CONTENT_SECURITY_POLICY } from '@shared/app-origin'
import { apiGate } from './api-gate'
import type { ServerDeps } from './deps'
import { makeErrorHandler, sendError } from '../http/errors'
import { openApiDocument } from './openapi'
import { accountRoutes } from './routes/accounts'
import { businessRoutes } from './routes/business'
import { conversationRoutes } from './routes/conversations'
import { eventRoutes } from './routes/events'
import { outreachRoutes } from './routes/outreach'
import { privateRoutes, publicRoutes } from './routes/system'

// peer-info is what a node shows the world anyway (id, name, peer URL, certificate
// fingerprint): another node reads it from the URL a person gives it, to pair.
const PUBLIC_PATHS = new Set(['/api/v1/health', '/api/v1/session', '/api/v1/peer-info'])

/**
 * The authenticated API, chained so its type describes every route; `network` (LAN sync's
 * routes, which main/server may not import) is generic, so main/node/api-type.ts can name
 * the whole API's type with it.
 */
export function createApi<NetworkSchema extends Schema = BlankSchema>(deps: ServerDeps, network?: Hono<BlankEnv, NetworkSchema, '/'>) {
  return new Hono()
    .route('/', privateRoutes(deps))
    .route('/accounts', accountRoutes(deps))
    .route('/accounts', conversationRoutes(deps))
    .route('/accounts', businessRoutes(deps))
    .route('/events', eventRoutes(deps))
    .route('/', outreachRoutes(deps))
    .route('/', network ?? new Hono<BlankEnv, NetworkSchema, '/'>())
}

export function createApp(deps: ServerDeps, version = '0.0.0') {
  const app = new Hono()
  app.onError(makeErrorHandler(deps.logger))
  app.notFound((c) => sendError(c, 404, 'NOT_FOUND', `There is no ${c.req.method} ${c.req.path}.`))
  // Host/Origin everywhere; under /api also CORS, size, JSON-only UTF-8 bodies and the bearer
  // token (not on PUBLIC_PATHS), in one pass (main/server/api-gate.ts).
  app.use('*', apiGate({ hostPolicy: deps.hostPolicy, publicPaths: PUBLIC_PATHS, accepts: (token) => deps.sessions.accepts(token) }))
  app.get('/api/openapi.json', (c) => c.json(openApiDocument(version, app.routes, new URL(c.req.url).origin)))
  app.route('/api/v1', publicRoutes(deps))
  // Peer-to-peer routes are not here: they live on the HTTPS peer listener (main/sync).
  app.route('/api/v1', createApi(deps, deps.networkRoutes))
  app.all('/api/*', (c) => sendError(c, 404, 'NOT_FOUND', `There is no ${c.req.method} ${c.req.path}.`))
  if (deps.rendererDir && existsSync(join(deps.rendererDir, 'index.html'))) {
    serveRenderer(app, deps.rendererDir)
  }
  return app
}

/** The built renderer at `/`, so the whole UI runs in a browser against `npm run serve`. */
function serveRenderer(app: Hono, root: string): void {
  // The same CSP as the desktop shell's app:// pages (one definition in shared/app-origin.ts).
  app.use('*', secureHeaders({ referrerPolicy: 'no-referrer' }), async (c, next) => {
    await next()
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  })
  app.use('*', serveStatic({ root }))
  // Single-page app: unknown paths get index.html so deep links survive a reload.
  app.get('*', serveStatic({ root, path: 'index.html' }))
}
