// Peer requests keep a verified TLS connection for the next request (P4: no handshake per
// push), and only to the same endpoint under the same pinned certificate.
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:https'
import type { Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loadTlsIdentity } from '../../main/sync/identity'
import type { TlsIdentity } from '../../main/sync/identity'
import { PeerUntrusted, peerRequest } from '../../main/sync/transport'

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

  test('a kept connection is never used under another pin: a wrong pin still fails the check', async () => {
    const wrong = `${identity.fingerprint.slice(0, -2)}${identity.fingerprint.endsWith('00') ? '11' : '00'}`
    const err = await peerRequest({ peerUrl, fingerprint: wrong }, { method: 'GET', path: '/z' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(PeerUntrusted)
  })
})
