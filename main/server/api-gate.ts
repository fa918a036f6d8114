// Every check before an API handler, in one middleware: Host/Origin (DNS rebinding), CORS for our
// own origins, the 256 KiB body limit, JSON-only UTF-8 bodies, and bearer auth. One pass with each
// header read once, and the body read straight from Node's request (docs/PERFORMANCE.md "P1").
import type { Context, MiddlewareHandler, Next } from 'hono'
import { cors } from 'hono/cors'
import { keepBodyText, requestBody } from '../http/body'
import type { BodyRead } from '../http/body'
import { sendError } from '../http/errors'
import { declaredLength, headsOf, mediaTypeOf } from '../http/heads'
import type { HostPolicy } from './security'
import { bearerAccepted, hostRefusal, isOwnOrigin } from './security'

export const MAX_BODY_BYTES = 256 * 1024

export interface GateOptions {
  hostPolicy: HostPolicy
  /** Paths under /api/v1 that need no token. */
  publicPaths: ReadonlySet<string>
  /** Whether a bearer token opens the API (the node's token or a session's). */
  accepts: (token: string) => boolean
}

/** `path` is `prefix` or below it: what Hono's `prefix/*` pattern matches. */
function under(path: string, prefix: string): boolean {
  return path.startsWith(prefix) && (path.length === prefix.length || path.charCodeAt(prefix.length) === 47)
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/** Methods whose body is JSON (the size limit covers every method but these four). */
const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS', 'DELETE'])
const JSON_METHODS = new Set(['POST', 'PATCH', 'PUT'])

const tooLarge = (c: Context) => sendError(c, 413, 'PAYLOAD_TOO_LARGE', 'The request body is larger than 256 KiB.')
const cut = (c: Context) => sendError(c, 400, 'INVALID_INPUT', 'The request body ended before all of it arrived.')

/** For the whole app ('*'): the Host/Origin check everywhere, the rest under /api. */
export function apiGate({ hostPolicy, publicPaths, accepts }: GateOptions): MiddlewareHandler {
  // Hono's cors touches the fetch-style Request/Response, which knocks @hono/node-server off its
  // fast path (measured: 4-5x fewer requests/s), so it runs only when there is an Origin.
  const corsHandler = cors({
    origin: (origin) => (isOwnOrigin(origin, hostPolicy) ? origin : null),
    allowHeaders: ['Authorization', 'Content-Type', 'Last-Event-ID'],
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    maxAge: 600,
  })

  const authorized = (c: Context, next: Next): Response | Promise<void> => {
    const path = c.req.path
    if (!under(path, '/api/v1') || publicPaths.has(path) || bearerAccepted(headsOf(c).authorization, accepts)) {
      return next()
    }
    c.header('WWW-Authenticate', 'Bearer realm="envelope"')
    return sendError(c, 401, 'UNAUTHENTICATED', 'A valid bearer token is required.')
  }

  /** Size, content type and body, in the order the API has always refused them: 413, 415, 400. */
  const bodyChecks = async (c: Context, next: Next): Promise<Response | void> => {
    const method = c.req.method
    const { contentLength: length, transferEncoding, contentType } = headsOf(c)
    // Node's parser never delivers more than a declared Content-Length.
    const declared = declaredLength(length)
    if (declared !== undefined && declared > MAX_BODY_BYTES) {
      return tooLarge(c)
    }
    let body: BodyRead | undefined
    if (declared === undefined && transferEncoding !== undefined) {
      // Chunked: its size is known only by reading it.
      body = await requestBody(c, MAX_BODY_BYTES, declared)
      if (body === 'TOO_LARGE') {
        return tooLarge(c)
      }
    }
    if (!JSON_METHODS.has(method)) {
      return authorized(c, next)
    }
    const hasBody = (length !== undefined && length !== '0') || transferEncoding !== undefined
    if (!hasBody) {
      keepBodyText(c, '')
      return authorized(c, next)
    }
    // Mutating requests must carry JSON (a form post from another site cannot).
    if (mediaTypeOf(contentType) !== 'application/json') {
      return sendError(c, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json.')
    }
    body ??= await requestBody(c, MAX_BODY_BYTES, declared)
    if (body === 'TOO_LARGE') {
      return tooLarge(c)
    }
    if (body === 'CUT') {
      return cut(c)
    }
    try {
      // JSON is UTF-8: bytes that are not would otherwise be stored silently as U+FFFD (R14 keeps
      // text exactly as sent, so it is refused instead).
      keepBodyText(c, strictUtf8.decode(body))
    } catch {
      return sendError(c, 400, 'INVALID_INPUT', 'The request body is not valid UTF-8 text.')
    }
    return await authorized(c, next)
  }

  const apiChecks = (c: Context, next: Next): Response | Promise<Response | void> => (BODYLESS.has(c.req.method) ? authorized(c, next) : bodyChecks(c, next))
  // Under cors, a refusal becomes the answer the way compose makes a handler's (CORS headers kept).
  const checkedWithCors = (c: Context, next: Next) =>
    corsHandler(c, async () => {
      const res = await apiChecks(c, next)
      if (res instanceof Response && !c.finalized) {
        c.res = res
      }
    })

  // Not async itself: each async layer adds promise hops to every answer (compose awaits it).
  const gate = (c: Context, next: Next): Response | Promise<Response | void> => {
    const { origin, host } = headsOf(c)
    const refusal = hostRefusal(host, origin, hostPolicy)
    if (refusal !== undefined) {
      return sendError(c, 403, 'FORBIDDEN_HOST', refusal)
    }
    if (!under(c.req.path, '/api')) {
      return next()
    }
    return origin === undefined ? apiChecks(c, next) : checkedWithCors(c, next)
  }
  return gate as MiddlewareHandler
}
