// How paired peers are reported: one peer's view (GET /api/v1/peers) and this node's links on
// the network map (GET /api/v1/network), with how many events each is still owed.
import type { LinkReport } from './network-map'
import type { PeerLink } from './link'
import type { Store } from '../store'
import type { Router } from './outbox'
import { owed } from './outbox'
import type { PeerBook, PeerRecord } from './peer-book'
import type { PeerView } from '@shared/api/contract'

export function peerViewOf(store: Store, router: Router, p: PeerRecord, link: PeerLink | undefined): PeerView {
  return {
    id: p.id,
    name: p.name,
    url: p.url,
    peerUrl: p.peerUrl,
    fingerprint: p.fingerprint,
    pairedAt: p.pairedAt,
    ...(link?.status() ?? { online: false, lastSeenAt: null, lastError: null }),
    eventsBehind: owed(store, router, p.id, p.acked).count,
  }
}

export function linkReportsOf(store: Store, router: Router, book: PeerBook, link: (id: string) => PeerLink | undefined): LinkReport[] {
  const now = store.clock().getTime()
  return book.list().map((p) => {
    const behind = owed(store, router, p.id, p.acked)
    return {
      peerId: p.id,
      name: p.name,
      online: link(p.id)?.online ?? false,
      eventsBehind: behind.count,
      lagMs: behind.oldestAt ? Math.max(0, now - Date.parse(behind.oldestAt)) : 0,
    }
  })
}
