// The headers the API's checks read, from Node's raw list in one pass: the same values
// @hono/node-server's c.req.header() gives, repeated headers joined rather than dropped.
import { describe, expect, it } from 'vitest'
import { headsOfRaw, mediaTypeOf } from '../../main/http/heads'

describe('headsOfRaw', () => {
  it.each<[string, string[], Record<string, string>]>([
    [
      'a plain send',
      ['Host', '127.0.0.1:1', 'Authorization', 'Bearer t', 'Content-Type', 'application/json', 'Content-Length', '12'],
      { host: '127.0.0.1:1', authorization: 'Bearer t', contentType: 'application/json', contentLength: '12' },
    ],
    [
      'names in any case',
      ['HOST', 'a', 'origin', 'http://x', 'TRANSFER-ENCODING', 'chunked', 'content-TYPE', 'text/plain'],
      { host: 'a', origin: 'http://x', transferEncoding: 'chunked', contentType: 'text/plain' },
    ],
    [
      'a repeated Authorization spoils it (never the first one alone)',
      ['Authorization', 'Bearer good', 'authorization', 'Bearer other'],
      { authorization: 'Bearer good, Bearer other' },
    ],
    [
      'a repeated Host or Content-Type is joined too',
      ['Host', 'a', 'host', 'b', 'Content-Type', 'application/json', 'Content-Type', 'text/plain'],
      { host: 'a, b', contentType: 'application/json, text/plain' },
    ],
    ['other headers of the same length are not taken', ['Accept-Charset', 'x', 'X-Content-Type', 'y', 'Hostx', 'z', 'Origins', 'o'], {}],
    ['no headers at all', [], {}],
  ])('%s', (_what, raw, expected) => {
    expect(headsOfRaw(raw)).toEqual(expected)
  })
})

describe('mediaTypeOf', () => {
  it.each<[string | undefined, string]>([
    ['application/json', 'application/json'],
    ['Application/JSON; charset=UTF-8', 'application/json'],
    ['  text/plain ;x=y', 'text/plain'],
    ['multipart/form-data; boundary=x', 'multipart/form-data'],
    ['', ''],
    [undefined, ''],
  ])('%s gives "%s"', (header, expected) => {
    expect(mediaTypeOf(header)).toBe(expected)
  })
})
