// Generators of bad requests (fast-check) for any route of the table: wrong types, missing and
// extra fields, huge and deeply nested bodies, invalid UTF-8, control characters, overlong
// strings, bad ids and path tricks, wrong content types, and bodies cut short by the client
// (truncated at once, or slow then abandoned). Ids are never real ones, so no
// generated request can legitimately change stored data.
import fc from 'fast-check'
import type { ServedRoute } from './route-table'
import { fillParams } from './route-table'

export interface BadRequest {
  method: string
  path: string
  headers: Record<string, string>
  body?: Buffer
  chunked: boolean
  /** Sent raw and abandoned half way: at once ('truncated') or a few bytes at a time ('slow'). */
  cut?: 'truncated' | 'slow'
}

/** Field names the API reads somewhere: a body made of them gets past "unknown key" checks more often. */
const FIELDS = [
  'to',
  'text',
  'clientId',
  'target',
  'handle',
  'displayName',
  'birthDate',
  'phone',
  'region',
  'kind',
  'muted',
  'until',
  'code',
  'url',
  'readReceipts',
  'bio',
  'audience',
  'hold',
  'peer',
  'after',
  'limit',
  'cursor',
]

const PATH_TRICKS = [
  '..',
  '%2e%2e',
  '..%2f..%2fetc%2fpasswd',
  '%00',
  'a%00b',
  '%ff%fe',
  '%',
  '%zz',
  'a_' + 'x'.repeat(3000),
  '%C0%AF',
  'a_%0d%0aSet-Cookie:%20x',
  '__proto__',
  'constructor',
  '%E2%80%AE',
  '-1',
  '1e309',
  'NaN',
]

const controlText = fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 40 })
const loneSurrogates = fc.constantFrom('\ud800', 'a\udfffb', '\udbff\ud800x')
const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  controlText,
  loneSurrogates,
  fc.string({ minLength: 2001, maxLength: 6000 }),
  fc.constantFrom(-1, 0, 1e308, Number.MAX_SAFE_INTEGER + 2, -0, 0.5),
  fc.constantFrom('2026-02-30', '0000-00-00', '9999-12-31T99:99:99Z', '+1', 'ZZ', 'verifiedBusiness', 'inbox', 'true', 'null', ''),
)

const fieldsBody = fc
  .dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 20 })), weirdValue, { maxKeys: 8 })
  .map((o) => Buffer.from(JSON.stringify(o)))
const nested = fc.record({ depth: fc.integer({ min: 50, max: 100_000 }), open: fc.constantFrom('[', '{"a":') }).map(({ depth, open }) => {
  const close = open === '[' ? ']' : '}'
  return Buffer.from(open.repeat(depth) + '1' + close.repeat(depth))
})
const huge = fc.integer({ min: 256 * 1024 + 1, max: 600 * 1024 }).map((n) => Buffer.from(JSON.stringify({ text: 'x'.repeat(n) })))
const invalidUtf8 = fc
  .uint8Array({ minLength: 1, maxLength: 64 })
  .map((bytes) => Buffer.concat([Buffer.from('{"text":"'), Buffer.from([0xff, 0xc0, ...bytes]), Buffer.from('"}')]))
const notJson = fc
  .oneof(fc.string({ maxLength: 200 }), fc.constantFrom('{', '{"to":', 'null', '[]', '""', '1', 'true', '{"a":1}{"b":2}', '\ufeff{}'))
  .map((s) => Buffer.from(s))
const anyJson = fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v)))

const body = fc.oneof(
  { weight: 4, arbitrary: fieldsBody },
  { weight: 2, arbitrary: anyJson },
  { weight: 2, arbitrary: notJson },
  { weight: 1, arbitrary: invalidUtf8 },
  { weight: 1, arbitrary: nested },
  { weight: 1, arbitrary: huge },
)

const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/json') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=latin1',
      'APPLICATION/JSON',
      '',
      'application/jsonx',
    ),
  },
)

const badId = fc.oneof(
  fc.constantFrom(...PATH_TRICKS),
  fc.string({ maxLength: 60 }).map(encodeURIComponent),
  fc.constant('a_doesnotexist'),
  fc.constant('c_doesnotexist'),
)

const query = fc.option(
  fc.dictionary(
    fc.constantFrom('limit', 'cursor', 'folder', 'before', 'after', 'all', 'q', 'kind', 'region'),
    fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('-1', '0', '1e9', '%', 'NaN', '101', 'x'.repeat(5000))),
    { maxKeys: 3 },
  ),
  { nil: undefined },
)

export function badRequest(routes: ServedRoute[]): fc.Arbitrary<BadRequest> {
  return fc
    .record({
      route: fc.constantFrom(...routes),
      ids: fc.array(badId, { minLength: 4, maxLength: 4 }),
      query,
      body: fc.option(body, { nil: undefined, freq: 4 }),
      contentType,
      chunked: fc.boolean(),
      cut: fc.oneof({ weight: 19, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom<'truncated' | 'slow'>('truncated', 'slow') }),
      extraHeader: fc.option(
        fc.constantFrom<[string, string]>(
          ['Transfer-Encoding', 'gzip'],
          ['Content-Encoding', 'gzip'],
          ['Last-Event-ID', '-1'],
          ['Accept', 'text/event-stream'],
          ['Expect', '100-continue'],
        ),
        { nil: undefined },
      ),
    })
    .map(({ route, ids, query: q, body: b, contentType: type, chunked, cut, extraHeader }) => {
      let i = 0
      let path = fillParams(route.path, () => ids[i++ % ids.length])
      if (q) {
        path +=
          '?' +
          Object.entries(q)
            .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
            .join('&')
      }
      const headers: Record<string, string> = {}
      if (type) {
        headers['Content-Type'] = type
      }
      if (extraHeader && extraHeader[0] !== 'Transfer-Encoding' && extraHeader[0] !== 'Expect') {
        headers[extraHeader[0]] = extraHeader[1]
      }
      if (b && !chunked) {
        headers['Content-Length'] = String(b.length)
      }
      if (cut && b) {
        return { method: route.method, path, headers: { ...headers, 'Content-Length': String(b.length) }, body: b, chunked: false, cut }
      }
      return { method: route.method, path, headers, body: b, chunked: b !== undefined && chunked }
    })
}
