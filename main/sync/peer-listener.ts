// The HTTPS peer listener of one node: pairing, hello, pull and push from paired peers, wired
// to the sync service's book, links and batch receiver.
import type { ServerType } from '@hono/node-server'
import { createServer } from 'node:https'
import type { Logger } from '../lib/logger'
import { listen } from '../http/listen'
import type { Store } from '../store'
import type { TlsIdentity } from './identity'
import { BATCH } from './link'
import type { NetworkMap } from './network-map'
import type { Router } from './outbox'
import { outbox } from './outbox'
import type { PairingContext } from './pairing'
import { acceptPairing } from './pairing'
import type { PeerBook } from './peer-book'
import type { PeerLinks } from './peer-links'
import { createPeerApp } from './peer-server'
import type { ReplayGuard } from './replay-guard'
import type { HelloBody, HelloReply, PushReply } from './wire'

export interface PeerListenerHost {
  store: Store
  book: PeerBook
  router: Router
  map: NetworkMap
  logger: Logger
  replays: ReplayGuard
  tls: TlsIdentity
  bindHost: string
  address(): HelloBody
  pairingContext(): PairingContext
  links: Pick<PeerLinks, 'get' | 'start' | 'stop'>
  receive(peerId: string, after: number, upTo: number, events: unknown[]): Promise<PushReply>
  held(id: string): boolean
}

export function listenForPeers(host: PeerListenerHost, port: number): Promise<ServerType> {
  const { book, logger } = host
  const app = createPeerApp({
    logger,
    replays: host.replays,
    peer: (id) => book.get(id),
    acceptPairing: async (body) => {
      const { reply, record } = await acceptPairing(host.pairingContext(), body)
      // A pairing again replaces the old link (new secret, fresh cursors).
      await host.links.stop(record.id)
      host.links.start(record.id)
      logger.info('paired', { peer: record.id, name: record.name })
      return reply
    },
    heard: (id) => host.links.get(id)?.heard(),
    hello: async (id, body): Promise<HelloReply> => {
      await book.setAddress(id, body)
      return { ...host.address(), cursor: book.get(id)?.pulled ?? 0 }
    },
    pull: async (id, after, limit) => {
      const store = host.store
      const page = outbox(store, host.router, id, after, Math.min(limit, BATCH))
      // The puller holds our log up to `after`: what it still lacks starts there.
      const peer = book.get(id)
      if (peer && after > peer.acked) {
        await book.setCursors(id, { acked: after })
      }
      return { events: page.events, upTo: page.upTo, head: store.durableSeq, map: host.map.reports() }
    },
    push: (id, after, upTo, events) => host.receive(id, after, upTo, events),
    unpaired: async (id) => {
      await host.links.stop(id)
      await book.remove(id)
      logger.info('unpaired by the peer', { peer: id })
    },
    held: (id) => host.held(id),
  })
  return listen({ fetch: app.fetch, hostname: host.bindHost, port, createServer, serverOptions: { key: host.tls.key, cert: host.tls.cert } })
}
