// A request body read straight from Node's IncomingMessage, at most `limit` bytes, kept as text
// for the JSON validator: cheaper than the fetch-style request's body (docs/PERFORMANCE.md "P1").
import type { IncomingMessage } from 'node:http'
import type { Context } from 'hono'

/** What reading a body gives: its bytes, or why there are none to judge. */
export type BodyRead = Buffer | 'TOO_LARGE' | 'CUT'

const EMPTY = Buffer.alloc(0)

/**
 * The whole body, or 'TOO_LARGE' once more than `limit` bytes arrived, or 'CUT' when the client
 * went away before the end. `declared` is the Content-Length, when the request has one.
 */
export function readBody(incoming: IncomingMessage, limit: number, declared?: number): Promise<BodyRead> {
  // A small body usually comes in the same packet as the head: Node's parser has pushed it by
  // the next microtask, so it is taken in one piece, without stream listeners or ticks.
  return Promise.resolve().then(() => {
    if (declared !== undefined && declared <= limit && !incoming.readableDidRead && incoming.readableLength === declared) {
      return takeBuffered(incoming)
    }
    return collect(incoming, limit)
  })
}

function takeBuffered(incoming: IncomingMessage): Buffer {
  const body = (incoming.read() as Buffer | null) ?? EMPTY
  // Flowing from here on, so the stream sees its end (as if read to the end by listeners);
  // otherwise @hono/node-server would drain it on a timer after the answer.
  incoming.resume()
  return body
}

/** Reads chunk by chunk as the body streams in, and stops counting past the limit. */
function collect(incoming: IncomingMessage, limit: number): Promise<BodyRead> {
  if (incoming.readableEnded) {
    return Promise.resolve(EMPTY)
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    const finish = (result: BodyRead) => {
      incoming.off('data', onData)
      incoming.off('end', onEnd)
      incoming.off('error', onCut)
      incoming.off('close', onCut)
      resolve(result)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        // The rest flows on unread (no listener): @hono/node-server drains what is left.
        finish('TOO_LARGE')
        return
      }
      chunks.push(chunk)
    }
    const onEnd = () => finish(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size))
    const onCut = () => finish(incoming.complete ? Buffer.concat([...chunks, ...drained(incoming)]) : 'CUT')
    incoming.on('data', onData)
    incoming.on('end', onEnd)
    incoming.on('error', onCut)
    incoming.on('close', onCut)
  })
}

/** What is still buffered in a stream whose whole message arrived before the socket closed. */
function drained(incoming: IncomingMessage): Buffer[] {
  const rest: Buffer[] = []
  for (let chunk = incoming.read() as Buffer | null; chunk !== null; chunk = incoming.read() as Buffer | null) {
    rest.push(chunk)
  }
  return rest
}

/** Where a request keeps its body already read and decoded: what the JSON validator parses. */
const BODY_TEXT = Symbol('bodyText')
type WithText = { [BODY_TEXT]?: string }

/** Keeps the decoded body for the validator, and for Hono's own c.req.text()/json(). */
export function keepBodyText(c: Context, text: string): void {
  ;(c.req as WithText)[BODY_TEXT] = text
  // Hono keeps promises there, whatever its type says.
  ;(c.req.bodyCache as Record<string, unknown>).text = Promise.resolve(text)
}

/** The body text kept by keepBodyText, or undefined when nothing read it before. */
export function keptBodyText(c: Context): string | undefined {
  return (c.req as WithText)[BODY_TEXT]
}

/**
 * A request's body, at most `limit` bytes: from Node's request when there is one (readBody),
 * else through the fetch-style request (app.request, tests). Not async: an async wrapper
 * around readBody's promise adds three promise jobs to every send.
 */
export function requestBody(c: Context, limit: number, declared: number | undefined): Promise<BodyRead> {
  const incoming = incomingOf(c)
  if (incoming) {
    return readBody(incoming, limit, declared)
  }
  return c.req.arrayBuffer().then((read) => {
    const bytes = Buffer.from(read)
    return bytes.length > limit ? 'TOO_LARGE' : bytes
  })
}

/** The Node request under a Hono context, when the app runs on @hono/node-server. */
export function incomingOf(c: Context): IncomingMessage | undefined {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming
}
