// Peer requests keep a verified TLS connection for the next request (P4: no handshake per
// push), and only to the same endpoint under the same pinned certificate. A peer record's URL
// and pin are parsed once, and again when the record changes in place (a peer's new port).
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:https'
import type { Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loadTlsIdentity } from '../../main/sync/identity'
import type { TlsIdentity } from '../../main/sync/identity'
import { PeerUnreachable, PeerUntrusted, peerRequest } from '../../main/sync/transport'

describe('peer transport', () => {
  let dir: string
  let identity: TlsIdentity
  let server: Server
  let peerUrl: string
  let handshakes = 0
  let requests = 0

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'envelope-peer-transport-'))
    identity = await loadTlsIdentity(dir, '127.0.0.1', 'transport-test')
    server = createServer({ key: identity.key, cert: identity.cert }, (req, res) => {
      requests++
      let body = ''
      req.on('data', (chunk: Buffer) => (body += chunk.toString()))
      req.on('end', () => {
        res.setHeader('content-type', 'application/json')
        res.end(JSON.stringify({ echo: body === '' ? null : (JSON.parse(body) as unknown), n: requests }))
      })
    })
    server.on('secureConnection', () => handshakes++)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    peerUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`
  })

  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
    await rm(dir, { recursive: true, force: true })
  })

  test('sequential requests to one peer share one verified connection', async () => {
    const endpoint = { peerUrl, fingerprint: identity.fingerprint }
    const before = handshakes
    for (let i = 0; i < 5; i++) {
      expect(await peerRequest<{ echo: unknown }>(endpoint, { method: 'POST', path: '/x', body: { i } })).toMatchObject({ echo: { i } })
    }
    expect(handshakes - before).toBe(1)
  })

  test('concurrent requests each get a connection of their own, kept for later ones', async () => {
    const endpoint = { peerUrl, fingerprint: identity.fingerprint }
    const answers = await Promise.all([1, 2, 3].map((i) => peerRequest<{ echo: unknown }>(endpoint, { method: 'POST', path: '/x', body: { i } })))
    expect(answers.map((a) => a.echo)).toEqual([{ i: 1 }, { i: 2 }, { i: 3 }])
    const before = handshakes
    await peerRequest(endpoint, { method: 'GET', path: '/y' })
    expect(handshakes).toBe(before)
  })

  test('a record changed in place is parsed again: its new port is where the next request goes, its new pin is checked', async () => {
    const other = createServer({ key: identity.key, cert: identity.cert }, (_req, res) => {
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({ other: true }))
    })
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve))
    try {
      const record = { id: 'n_peer', peerUrl, fingerprint: identity.fingerprint }
      expect(await peerRequest(record, { method: 'GET', path: '/a' })).toMatchObject({ echo: null })
      // As PeerBook.setAddress does when the peer says hello from a new port.
      record.peerUrl = `https://127.0.0.1:${(other.address() as AddressInfo).port}`
      expect(await peerRequest(record, { method: 'GET', path: '/b' })).toEqual({ other: true })
      record.fingerprint = `${identity.fingerprint.slice(0, -2)}${identity.fingerprint.endsWith('00') ? '11' : '00'}`
      expect(await peerRequest(record, { method: 'GET', path: '/c' }).catch((e: unknown) => e)).toBeInstanceOf(PeerUntrusted)
      record.fingerprint = identity.fingerprint
      record.peerUrl = peerUrl
      expect(await peerRequest(record, { method: 'GET', path: '/d' })).toMatchObject({ echo: null })
    } finally {
      other.closeAllConnections()
      await new Promise((resolve) => other.close(resolve))
    }
  })

  test('a record without a valid pin or an https URL is refused each time, and works once corrected', async () => {
    const record = { peerUrl, fingerprint: 'not a fingerprint' }
    for (let i = 0; i < 2; i++) {
      const err = await peerRequest(record, { method: 'GET', path: '/e' }).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(PeerUntrusted)
      expect((err as Error).message).toBe('No valid fingerprint is pinned for this peer.')
    }
    record.fingerprint = identity.fingerprint.toLowerCase().replace(/:/g, '')
    record.peerUrl = peerUrl.replace('https:', 'http:')
    for (let i = 0; i < 2; i++) {
      const err = await peerRequest(record, { method: 'GET', path: '/f' }).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(PeerUnreachable)
      expect((err as Error).message).toBe(`${record.peerUrl} is not an https URL.`)
    }
    record.peerUrl = peerUrl
    expect(await peerRequest(record, { method: 'GET', path: '/g' })).toMatchObject({ echo: null })
  })

  test('a kept connection is never used under another pin: a wrong pin still fails the check', async () => {
    const wrong = `${identity.fingerprint.slice(0, -2)}${identity.fingerprint.endsWith('00') ? '11' : '00'}`
    const err = await peerRequest({ peerUrl, fingerprint: wrong }, { method: 'GET', path: '/z' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(PeerUntrusted)
  })
})
