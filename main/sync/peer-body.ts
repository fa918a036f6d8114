// The peer listener's request bodies: the 16 MiB limit on every peer route and the body read
// straight from Node's request, not through the fetch-style Request, which knocks
// @hono/node-server off its fast path (docs/PERFORMANCE.md "SSE frames and the peer path"). It replaces
// Hono's bodyLimit middleware with the same answers.
import type { Context, Next } from 'hono'
import { keepBodyText, keptBodyText, requestBody } from '../http/body'
import { sendError } from '../http/errors'
import { declaredLength, headsOf } from '../http/heads'

/** A batch of 200 events of at most 2,000 characters each fits with room to spare. */
export const MAX_PEER_BODY = 16 * 1024 * 1024

const tooLarge = (c: Context) => sendError(c, 413, 'PAYLOAD_TOO_LARGE', 'The request body is too large.')
const cut = (c: Context) => sendError(c, 400, 'INVALID_INPUT', 'The request body ended before all of it arrived.')
/** Methods whose fetch-style Request has no body, whatever the headers say (so neither limit nor signature sees one). */
const BODYLESS = new Set(['GET', 'HEAD'])
/** As Hono's c.req.text() decodes: replacement characters for bad bytes, a leading BOM dropped. */
const utf8 = new TextDecoder()

/**
 * The size limit on every peer route, as Hono's bodyLimit judged it: a declared Content-Length
 * over the limit is refused before anything else (even before the sender is known); a chunked
 * body, whose size is known only by reading it, is read here and kept for the routes. A body
 * with a Content-Length is read later, once the sender is known (peerBodyText).
 */
export async function sizeLimit(c: Context, next: Next): Promise<Response | void> {
  if (BODYLESS.has(c.req.method)) {
    return next()
  }
  const { contentLength, transferEncoding } = headsOf(c)
  if (transferEncoding === undefined) {
    if (contentLength !== undefined && parseInt(contentLength, 10) > MAX_PEER_BODY) {
      return tooLarge(c)
    }
    return next()
  }
  const body = await requestBody(c, MAX_PEER_BODY, undefined)
  if (body === 'TOO_LARGE') {
    return tooLarge(c)
  }
  if (body === 'CUT') {
    return cut(c)
  }
  keepBodyText(c, utf8.decode(body))
  return next()
}

/**
 * The body as text (kept by sizeLimit when it came chunked, else read now: its declared length
 * was checked there), or the refusal to answer with.
 */
export async function peerBodyText(c: Context): Promise<string | Response> {
  const kept = keptBodyText(c)
  if (kept !== undefined) {
    return kept
  }
  if (BODYLESS.has(c.req.method)) {
    return ''
  }
  const declared = declaredLength(headsOf(c).contentLength)
  if (declared === undefined || declared === 0) {
    // No body: Node's parser delivers none without a length or a chunked encoding.
    return ''
  }
  const body = await requestBody(c, MAX_PEER_BODY, declared)
  return body === 'TOO_LARGE' ? tooLarge(c) : body === 'CUT' ? cut(c) : utf8.decode(body)
}
