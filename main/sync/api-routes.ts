// The sync routes of the node's own API (docs/API.md "Peers"): what the Network pane uses.
// Mounted on the plain loopback/LAN API; all need the bearer token except peer-info.
import { Hono } from 'hono'
import { z } from 'zod'
import { pairSchema } from '@shared/schemas'
import { isLoopbackBind } from '../lib/loopback'
import { validate } from '../http/validate'
import type { SyncService } from './service'

export function syncApiRoutes(sync: SyncService) {
  // What the Network pane shows as "this computer only" or "on the LAN": the bind address
  // decides it, not the advertised URL (a 0.0.0.0 node with no LAN address advertises loopback).
  const self = () => ({ ...sync.info(), lan: !isLoopbackBind(sync.bindHost) })
  const routes = new Hono()
    // Public: how a peer finds our HTTPS endpoint and the certificate to pin, from the URL we print.
    .get('/peer-info', (c) => c.json(self(), 200))
    .get('/pairing-code', async (c) => c.json(await sync.codes.current(), 200))
    .post('/pairing-code', async (c) => c.json(await sync.codes.renew(), 200))
    .get('/peers', (c) => c.json({ self: self(), peers: sync.peers() }, 200))
    .get('/network', (c) => c.json({ self: self(), ...sync.network() }, 200))
    .get('/nearby', (c) => c.json(sync.nearby(), 200))
    .get('/peers/:id', (c) => c.json({ peer: sync.peerView(c.req.param('id')) }, 200))
    .post('/peers', validate('json', pairSchema), async (c) => {
      const { url, code } = c.req.valid('json')
      return c.json({ peer: await sync.pair(url, code) }, 201)
    })
    .delete('/peers/:id', async (c) => c.json(await sync.unpair(c.req.param('id')), 200))
  if (sync.testHooks) {
    // Only with ENVELOPE_TEST_HOOKS=1: lets the multi-node tests make one node's replica stale.
    const holdSchema = z.strictObject({ peer: z.string(), hold: z.union([z.literal(false), z.enum(['events', 'all'])]) })
    routes.post('/test/sync-hold', validate('json', holdSchema), (c) => {
      const { peer, hold } = c.req.valid('json')
      sync.hold(peer, hold)
      return c.json({ peer, hold }, 200)
    })
  }
  return routes
}
