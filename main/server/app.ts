// The node's HTTP app: one door for the renderer, other instances, scripts and tests.
import { Hono } from 'hono'
import type { Context, Schema } from 'hono'
import type { BlankEnv, BlankSchema } from 'hono/types'
import { bodyLimit } from 'hono/body-limit'
import { cors } from 'hono/cors'
import { secureHeaders } from 'hono/secure-headers'
import { serveStatic } from '@hono/node-server/serve-static'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { CONTENT_SECURITY_POLICY } from '@shared/app-origin'
import type { ServerDeps } from './deps'
import { makeErrorHandler, sendError } from '../http/errors'
import { openApiDocument } from './openapi'
import { accountRoutes } from './routes/accounts'
import { businessRoutes } from './routes/business'
import { conversationRoutes } from './routes/conversations'
import { eventRoutes } from './routes/events'
import { outreachRoutes } from './routes/outreach'
import { privateRoutes, publicRoutes } from './routes/system'
import { bearerGuard, hostGuard, isOwnOrigin, jsonOnly } from './security'

export const MAX_BODY_BYTES = 256 * 1024
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
  app.use('*', hostGuard(deps.hostPolicy))
  // Hono's cors and bodyLimit touch the raw Request/Response, which knocks
  // @hono/node-server off its fast path (measured: 4-5x fewer requests/s). So each runs
  // only where it has work: cors when there is an Origin, bodyLimit when there is a body
  // whose size the Content-Length header does not already settle.
  const corsHandler = cors({
    origin: (origin) => (isOwnOrigin(origin, deps.hostPolicy) ? origin : null),
    allowHeaders: ['Authorization', 'Content-Type', 'Last-Event-ID'],
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    maxAge: 600,
  })
  app.use('/api/*', (c, next) => (c.req.header('Origin') === undefined ? next() : corsHandler(c, next)))
  const tooLarge = (c: Context) => sendError(c, 413, 'PAYLOAD_TOO_LARGE', 'The request body is larger than 256 KiB.')
  const streamedLimit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge })
  app.use('/api/*', async (c, next) => {
    const method = c.req.method
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || method === 'DELETE') {
      return next()
    }
    const length = c.req.header('Content-Length')
    // Node's parser never delivers more than a declared Content-Length.
    if (length !== undefined && /^\d+$/.test(length)) {
      return Number(length) > MAX_BODY_BYTES ? tooLarge(c) : next()
    }
    return streamedLimit(c, next)
  })
  app.use('/api/*', jsonOnly)
  app.get('/api/openapi.json', (c) => c.json(openApiDocument(version, app.routes, new URL(c.req.url).origin)))
  app.route('/api/v1', publicRoutes(deps))
  // Peer-to-peer routes are not here: they live on the HTTPS peer listener (main/sync).
  const isPublic = (path: string) => PUBLIC_PATHS.has(path)
  const auth = bearerGuard((token) => deps.sessions.accepts(token))
  app.use('/api/v1/*', async (c, next) => (isPublic(c.req.path) ? next() : auth(c, next)))
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
