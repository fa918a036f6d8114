// The request headers the API's checks read, taken in one pass over Node's raw headers and kept
// on the request: cheaper than one c.req.header() lookup each (docs/PERFORMANCE.md "P1").
import type { Context } from 'hono'
import { incomingOf } from './body'

export interface Heads {
  host?: string
  origin?: string
  contentLength?: string
  transferEncoding?: string
  contentType?: string
  authorization?: string
}

type Key = keyof Heads

/** Lower-case header names, by length, to the field that keeps them. */
const NAMES = new Map<number, [string, Key][]>()
for (const [name, key] of [
  ['host', 'host'],
  ['origin', 'origin'],
  ['content-length', 'contentLength'],
  ['transfer-encoding', 'transferEncoding'],
  ['content-type', 'contentType'],
  ['authorization', 'authorization'],
] as [string, Key][]) {
  NAMES.set(name.length, [...(NAMES.get(name.length) ?? []), [name, key]])
}

/**
 * The headers of a raw list (name, value, name, value...). A repeated header is joined with
 * ", " as @hono/node-server's c.req.header() joins it, so a second Authorization or
 * Content-Type spoils the value instead of being dropped.
 */
export function headsOfRaw(raw: readonly string[]): Heads {
  const heads: Heads = {}
  for (let i = 0; i < raw.length; i += 2) {
    const candidates = NAMES.get(raw[i].length)
    if (candidates === undefined) {
      continue
    }
    const name = raw[i].toLowerCase()
    for (const [known, key] of candidates) {
      if (name === known) {
        const earlier = heads[key]
        heads[key] = earlier === undefined ? raw[i + 1] : `${earlier}, ${raw[i + 1]}`
      }
    }
  }
  return heads
}

const HEADS = Symbol('heads')
type WithHeads = { [HEADS]?: Heads }

/** The request's headers that the checks read, taken once per request. */
export function headsOf(c: Context): Heads {
  const req = c.req as WithHeads
  return (req[HEADS] ??= readHeads(c))
}

function readHeads(c: Context): Heads {
  const incoming = incomingOf(c)
  if (incoming) {
    return headsOfRaw(incoming.rawHeaders)
  }
  const header = (name: string) => c.req.header(name)
  return {
    host: header('Host'),
    origin: header('Origin'),
    contentLength: header('Content-Length'),
    transferEncoding: header('Transfer-Encoding'),
    contentType: header('Content-Type'),
    authorization: header('Authorization'),
  }
}

/** The body's declared size: a Content-Length of plain digits as a number, else undefined (absent, or not a plain number). */
export function declaredLength(contentLength: string | undefined): number | undefined {
  return contentLength !== undefined && /^\d+$/.test(contentLength) ? Number(contentLength) : undefined
}

/** The media type of a Content-Type header, lower-case, without parameters ('' when absent). */
export function mediaTypeOf(contentType: string | undefined): string {
  if (contentType === undefined) {
    return ''
  }
  const semicolon = contentType.indexOf(';')
  return (semicolon < 0 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase()
}
