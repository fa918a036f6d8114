// LAN sync for one node: its TLS identity, its peers, the HTTPS peer listener, and one
// replication link per peer. The domain reaches it through RemotePort (main/domain).
import type { ServerType } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import type { NearbyResponse, NetworkResponse, PeerInfo, PeerView } from '@shared/api/contract'
import type { Domain, RemotePort } from '../domain/domain'
import { DomainError } from '../domain/errors'
import type { Logger } from '../lib/logger'
import { closeListener } from '../http/listen'
import { advertisedHost } from './addresses'
import type { HoldScope } from './batch-receiver'
import { BatchReceiver } from './batch-receiver'
import type { TlsIdentity } from './identity'
import { loadTlsIdentity } from './identity'
import { isLoopbackBind } from '../lib/loopback'
import { Discovery } from './discovery'
import { FLUSH_WAIT_MS } from './link'
import type { PeerRecord } from './peer-book'
import { PeerBook } from './peer-book'
import { PairingCodes } from './pairing-codes'
import { pairWith } from './pairing'
import type { PairingParty } from './proofs'
import { PeerLinks } from './peer-links'
import { listenForPeers } from './peer-listener'
import { linkReportsOf, peerViewOf } from './peer-views'
import { ReplayGuard } from './replay-guard'
import { NetworkMap } from './network-map'
import type { LinkReport, NodeReport } from './network-map'
import type { Router } from './outbox'
import { waitForVerdict } from './verdict-wait'
import type { HelloBody } from './wire'
import { PEER_BASE } from './wire'

export type { HoldScope } from './batch-receiver'

export interface SyncOptions {
  dataDir: string
  /** The API's bind address; the peer listener binds the same. */
  bindHost: string
  /** Port for the peer listener; default: the one used last time, else any free one. */
  peerPort?: number
  logger: Logger
  /** Enables the hold hook used by the multi-node tests (docs/SYNC.md "Testing"). */
  testHooks?: boolean
  /** mDNS announce and browse when bound to a LAN address (default true; loopback never does). */
  discovery?: boolean
}

export class SyncService implements RemotePort {
  readonly codes: PairingCodes
  private readonly links: PeerLinks
  private readonly holds = new Map<string, HoldScope>()
  private server: ServerType | null = null
  private discovery: Discovery | null = null
  private unsubscribe: () => void = () => undefined
  private apiUrl = ''
  peerUrl = ''
  readonly router: Router
  readonly map: NetworkMap
  private readonly receiver: BatchReceiver

  private constructor(
    private readonly domain: Domain,
    private readonly options: SyncOptions,
    readonly book: PeerBook,
    private readonly tls: TlsIdentity,
    codes: PairingCodes,
    /** One per node run, whatever listener serves it (docs/SECURITY.md "Replay across a restart"). */
    private readonly replays: ReplayGuard,
  ) {
    this.codes = codes
    this.router = { selfId: domain.store.nodeId, nextHop: (id) => book.nextHop(id) }
    this.map = new NetworkMap(domain.store.nodeId, () => this.ownReport())
    this.receiver = new BatchReceiver(domain, options.logger, book, this.holds)
    const { router, map, receiver, holds } = this
    this.links = new PeerLinks({ domain, book, router, logger: options.logger, map, receiver, holds, self: () => this.address() })
  }

  static async create(domain: Domain, options: SyncOptions): Promise<SyncService> {
    const book = await PeerBook.open(options.dataDir)
    const tls = await loadTlsIdentity(options.dataDir, options.bindHost, domain.store.identity.name)
    // The node's clock, so a test that drives time can also expire a code.
    const codes = await PairingCodes.open(options.dataDir, () => domain.store.clock().getTime())
    return new SyncService(domain, options, book, tls, codes, ReplayGuard.open(options.dataDir))
  }

  get fingerprint(): string {
    return this.tls.fingerprint
  }

  get testHooks(): boolean {
    return this.options.testHooks === true
  }

  /** Opens the peer listener (once the API's URL is known) and starts a link per peer. */
  async start(apiUrl: string): Promise<void> {
    this.apiUrl = apiUrl
    const wanted = this.options.peerPort ?? this.book.peerPort ?? 0
    this.server = await this.listen(wanted).catch((err: NodeJS.ErrnoException) => {
      // The port of last time is taken: any port will do, peers learn it from our hello.
      if (this.options.peerPort === undefined && wanted !== 0 && err.code === 'EADDRINUSE') {
        return this.listen(0)
      }
      throw err
    })
    const { port } = this.server.address() as AddressInfo
    this.peerUrl = `https://${advertisedHost(this.options.bindHost)}:${port}`
    await this.book.setPeerPort(port)
    const store = this.domain.store
    // Anything logged may be owed to a peer: our own events, and the ones we relay.
    this.unsubscribe = store.subscribe(() => this.links.wakeAll())
    for (const peer of this.book.list()) {
      this.links.start(peer.id)
    }
    if (!isLoopbackBind(this.options.bindHost) && this.options.discovery !== false) {
      this.startDiscovery()
    }
  }

  async stop(): Promise<void> {
    await this.discovery?.stop()
    this.discovery = null
    this.unsubscribe()
    await this.links.stopAll()
    const server = this.server
    this.server = null
    if (server) {
      await closeListener(server)
    }
    await this.book.cursorsSaved()
  }

  get bindHost(): string {
    return this.options.bindHost
  }

  /** Nodes announcing themselves on the LAN (GET /api/v1/nearby). */
  nearby(): NearbyResponse {
    return { discovering: this.discovery !== null, nearby: this.discovery?.nearby((id) => this.book.get(id) !== undefined) ?? [] }
  }

  /** Every node heard of, ours first, and the routes to the ones not paired directly (GET /api/v1/network). */
  network(): Omit<NetworkResponse, 'self'> {
    return { nodes: this.map.reports(), routes: Object.entries(this.book.routes()).map(([nodeId, via]) => ({ nodeId, via })) }
  }

  private startDiscovery(): void {
    const logger = this.options.logger
    try {
      this.discovery = new Discovery({ ...this.info(), port: Number(new URL(this.apiUrl).port), bindHost: this.options.bindHost }, (error: Error) =>
        logger.warn('LAN discovery failed; pairing by address still works', { error: error.message }),
      )
    } catch (error) {
      logger.warn('LAN discovery could not start; pairing by address still works', { error: String(error) })
    }
  }

  /** Public facts a peer needs to find and pin us (GET /api/v1/peer-info). */
  info(): PeerInfo & PairingParty {
    return { nodeId: this.domain.store.nodeId, ...this.address(), fingerprint: this.tls.fingerprint }
  }

  // RemotePort
  canReach(nodeId: string): boolean {
    return this.book.nextHop(nodeId) !== undefined
  }

  async flush(nodeId: string, messageId?: string): Promise<void> {
    const hop = this.book.nextHop(nodeId)
    if (!hop) {
      return
    }
    const deadline = Date.now() + FLUSH_WAIT_MS
    const link = this.links.get(hop)
    await link?.flush(this.domain.store.durableSeq)
    // Through a relay the verdict comes back later, as an event: wait for it a little more.
    if (hop !== nodeId && messageId && link?.online) {
      await waitForVerdict(this.domain.store, messageId, deadline - Date.now())
    }
  }

  peers(): PeerView[] {
    return this.book.list().map((p) => this.viewOf(p))
  }

  peerView(id: string): PeerView {
    return this.viewOf(this.paired(id))
  }

  async pair(url: string, code: string): Promise<PeerView> {
    const record = await pairWith(this.pairingContext(), url, code)
    this.links.start(record.id)
    this.options.logger.info('paired', { peer: record.id, name: record.name })
    return this.peerView(record.id)
  }

  /** Unpairs: the secret is revoked here at once; the peer is told if it can be reached. */
  async unpair(id: string): Promise<{ unpaired: true }> {
    const peer = this.paired(id)
    await this.links.stop(id)
    await this.links.call(peer, 'POST', `${PEER_BASE}/unpair`, {}, AbortSignal.timeout(2_000)).catch(() => undefined)
    await this.book.remove(id)
    this.options.logger.info('unpaired', { peer: id })
    return { unpaired: true }
  }

  /**
   * Test hook: while held, the peer's events are not taken in (its pushes get 503, no pulls),
   * so our replica of its accounts goes stale. 'all' also drops the verdicts it returns on
   * our own sends, which then stay pending until the hold is lifted.
   */
  hold(peerId: string, scope: HoldScope | false): void {
    this.paired(peerId)
    if (scope) {
      this.holds.set(peerId, scope)
    } else if (this.holds.delete(peerId)) {
      this.links.get(peerId)?.pullSoon()
    }
  }

  /** The paired node's record; 404 when this node is not paired with it. */
  private paired(id: string): PeerRecord {
    const peer = this.book.get(id)
    if (!peer) {
      throw new DomainError(404, 'NOT_FOUND', 'This node is not paired with that node.')
    }
    return peer
  }

  private viewOf(p: PeerRecord): PeerView {
    return peerViewOf(this.domain.store, this.router, p, this.links.get(p.id))
  }

  /** This node's links as the network map reports them (GET /api/v1/network). */
  linkReports(): LinkReport[] {
    return linkReportsOf(this.domain.store, this.router, this.book, (id) => this.links.get(id))
  }

  private ownReport(): NodeReport {
    const store = this.domain.store
    return { nodeId: store.nodeId, name: store.identity.name, url: this.apiUrl, reportedAt: store.clock().toISOString(), links: this.linkReports() }
  }

  /** What we tell peers about ourselves in a hello, and answer theirs with. */
  private address(): HelloBody {
    return { name: this.domain.store.identity.name, url: this.apiUrl, peerUrl: this.peerUrl }
  }

  private pairingContext() {
    return { self: () => this.info(), book: this.book, codes: this.codes, now: () => new Date() }
  }

  private listen(port: number): Promise<ServerType> {
    return listenForPeers(
      {
        store: this.domain.store,
        book: this.book,
        router: this.router,
        map: this.map,
        logger: this.options.logger,
        replays: this.replays,
        tls: this.tls,
        bindHost: this.options.bindHost,
        address: () => this.address(),
        pairingContext: () => this.pairingContext(),
        links: this.links,
        receive: (id, after, upTo, events) => this.receiver.receive(id, after, upTo, events),
        held: (id) => this.holds.has(id),
      },
      port,
    )
  }
}
