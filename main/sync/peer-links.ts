// The replication links of one node, one per paired peer, and what each link is given to do its
// work: signed calls to the peer, and taking in the peer's batches, verdicts and network map.
import type { Domain } from '../domain/domain'
import type { Logger } from '../lib/logger'
import type { RemoteEvent } from '../store'
import { applyPeerEvents } from './apply-peer-events'
import type { BatchReceiver, HoldScope } from './batch-receiver'
import { PeerLink } from './link'
import type { LinkHost } from './link'
import type { NetworkMap } from './network-map'
import type { Router } from './outbox'
import type { PeerBook, PeerRecord } from './peer-book'
import { signedHeaders } from './proofs'
import { peerRequest } from './transport'
import type { HelloBody } from './wire'

export interface PeerLinksDeps {
  domain: Domain
  book: PeerBook
  router: Router
  logger: Logger
  map: NetworkMap
  receiver: BatchReceiver
  holds: ReadonlyMap<string, HoldScope>
  /** What we tell peers about ourselves in a hello. */
  self(): HelloBody
}

export class PeerLinks {
  private readonly links = new Map<string, PeerLink>()

  constructor(private readonly deps: PeerLinksDeps) {}

  get(id: string): PeerLink | undefined {
    return this.links.get(id)
  }

  /** Something new in our log may be owed to any peer. */
  wakeAll(): void {
    for (const link of this.links.values()) {
      link.wake()
    }
  }

  start(id: string): void {
    if (this.links.has(id)) {
      return
    }
    const link = new PeerLink(this.host(), id)
    this.links.set(id, link)
    link.start()
  }

  async stop(id: string): Promise<void> {
    await this.links.get(id)?.stop()
    this.links.delete(id)
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.links.values()].map((l) => l.stop()))
    this.links.clear()
  }

  call<T>(peer: PeerRecord, method: 'GET' | 'POST', path: string, body: unknown, signal: AbortSignal): Promise<T> {
    const rawBody = body === undefined ? '' : JSON.stringify(body)
    const headers = signedHeaders(this.deps.domain.store.nodeId, peer.secret, method, path, rawBody)
    return peerRequest<T>(peer, { method, path, rawBody, headers, signal })
  }

  private host(): LinkHost {
    const { domain, book, router, logger, map, receiver, holds } = this.deps
    return {
      store: domain.store,
      book,
      router,
      logger,
      self: () => this.deps.self(),
      call: (peer, method, path, body, signal) => this.call(peer, method, path, body, signal),
      receive: (peerId, after, upTo, events) => receiver.receive(peerId, after, upTo, events),
      importVerdicts: async (peerId, events: RemoteEvent[]) => {
        const verdicts = Array.isArray(events) ? events.filter((e) => e?.type === 'message.verdict') : []
        if (verdicts.length > 0) {
          await book.learnRoutes(peerId, (await applyPeerEvents(domain, logger, peerId, verdicts)).origins)
        }
      },
      heardMap: (m) => map.merge(m),
      held: (peerId) => holds.get(peerId) ?? null,
    }
  }
}
