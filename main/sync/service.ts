// LAN sync for one node: its TLS identity, its peers, the HTTPS peer listener, and one
// replication link per peer. The domain reaches it through RemotePort (main/domain).
import type { ServerType } from '@hono/node-server'
import { createServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { NearbyResponse, NetworkResponse, PeerInfo, PeerView } from '@shared/api/contract'
import type { Domain, RemotePort } from '../domain/domain'
import { DomainError } from '../domain/errors'
import type { Logger } from '../lib/logger'
import { closeListener, listen } from '../http/listen'
import type { RemoteEvent } from '../store'
import { advertisedHost } from './addresses'
import type { TlsIdentity } from './identity'
import { loadTlsIdentity } from './identity'
import { isLoopbackBind } from '../lib/loopback'
import { applyPeerEvents } from './apply-peer-events'
import { Discovery } from './discovery'
import { BATCH, FLUSH_WAIT_MS, PeerLink } from './link'
import type { LinkHost } from './link'
import type { PeerRecord } from './peer-book'
import { PeerBook } from './peer-book'
import { PairingCodes } from './pairing-codes'
import { acceptPairing, pairWith } from './pairing'
import type { PairingParty } from './proofs'
import { signedHeaders } from './proofs'
import { createPeerApp } from './peer-server'
import { ReplayGuard } from './replay-guard'
import { NetworkMap } from './network-map'
import type { LinkReport, NodeReport } from './network-map'
import type { Router } from './outbox'
import { outbox, owed } from './outbox'
import { peerRequest } from './transport'
import { waitForVerdict } from './verdict-wait'
import type { HelloBody, HelloReply, PushReply } from './wire'
import { PEER_BASE } from './wire'
import { crashPoint } from '../lib/crash-point'

export type HoldScope = 'events' | 'all'

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
  private readonly links = new Map<string, PeerLink>()
  private readonly queues = new Map<string, Promise<unknown>>()
  private readonly holds = new Map<string, HoldScope>()
  private server: ServerType | null = null
  private discovery: Discovery | null = null
  private unsubscribe: () => void = () => undefined
  private apiUrl = ''
  peerUrl = ''
  readonly router: Router
  readonly map: NetworkMap

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
    this.unsubscribe = store.subscribe(() => {
      for (const link of this.links.values()) {
        link.wake()
      }
    })
    for (const peer of this.book.list()) {
      this.startLink(peer.id)
    }
    if (!isLoopbackBind(this.options.bindHost) && this.options.discovery !== false) {
      this.startDiscovery()
    }
  }

  async stop(): Promise<void> {
    await this.discovery?.stop()
    this.discovery = null
    this.unsubscribe()
    await Promise.all([...this.links.values()].map((l) => l.stop()))
    this.links.clear()
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
    this.startLink(record.id)
    this.options.logger.info('paired', { peer: record.id, name: record.name })
    return this.peerView(record.id)
  }

  /** Unpairs: the secret is revoked here at once; the peer is told if it can be reached. */
  async unpair(id: string): Promise<{ unpaired: true }> {
    const peer = this.paired(id)
    await this.stopLink(id)
    await this.call(peer, 'POST', `${PEER_BASE}/unpair`, {}, AbortSignal.timeout(2_000)).catch(() => undefined)
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
    return {
      id: p.id,
      name: p.name,
      url: p.url,
      peerUrl: p.peerUrl,
      fingerprint: p.fingerprint,
      pairedAt: p.pairedAt,
      ...(this.links.get(p.id)?.status() ?? { online: false, lastSeenAt: null, lastError: null }),
      eventsBehind: owed(this.domain.store, this.router, p.id, p.acked).count,
    }
  }

  /** This node's links as the network map reports them (GET /api/v1/network). */
  linkReports(): LinkReport[] {
    const now = this.domain.store.clock().getTime()
    return this.book.list().map((p) => {
      const behind = owed(this.domain.store, this.router, p.id, p.acked)
      return {
        peerId: p.id,
        name: p.name,
        online: this.links.get(p.id)?.online ?? false,
        eventsBehind: behind.count,
        lagMs: behind.oldestAt ? Math.max(0, now - Date.parse(behind.oldestAt)) : 0,
      }
    })
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

  private async stopLink(id: string): Promise<void> {
    await this.links.get(id)?.stop()
    this.links.delete(id)
  }

  private startLink(id: string): void {
    if (this.links.has(id)) {
      return
    }
    const link = new PeerLink(this.linkHost(), id)
    this.links.set(id, link)
    link.start()
  }

  /** Runs one job at a time per peer: its batches must move our cursor of its log in order. */
  private serial<T>(peerId: string, job: () => Promise<T>): Promise<T> {
    const run = (this.queues.get(peerId) ?? Promise.resolve()).then(job)
    this.queues.set(
      peerId,
      run.catch(() => undefined),
    )
    return run
  }

  private call<T>(peer: PeerRecord, method: 'GET' | 'POST', path: string, body: unknown, signal: AbortSignal): Promise<T> {
    const rawBody = body === undefined ? '' : JSON.stringify(body)
    const headers = signedHeaders(this.domain.store.nodeId, peer.secret, method, path, rawBody)
    return peerRequest<T>(peer, { method, path, rawBody, headers, signal })
  }

  /** Takes in a batch of the peer's events that starts within what we hold of its log. */
  private receive(peerId: string, after: number, upTo: number, events: unknown[]): Promise<PushReply> {
    return this.serial(peerId, async () => {
      const held = this.book.get(peerId)?.pulled ?? 0
      if (after > held) {
        return { cursor: held, verdicts: [] }
      } // a gap: the peer resends from our cursor
      // Test hook: a held node's events must not slip in through a relay either. The batch
      // cannot be split (a relayed copy has no seq of the relay's), so it waits whole.
      if (this.holds.size > 0 && events.some((e) => this.holds.has((e as { origin?: string } | null)?.origin ?? ''))) {
        throw new DomainError(503, 'HELD', 'Events of a node on hold here arrived through a relay; try again later.')
      }
      const { verdicts, origins } = await applyPeerEvents(this.domain, this.options.logger, peerId, events)
      if (events.length > 0) {
        // A pulled or pushed batch applied (durably: applyPeerEvents waits for it), the cursor not yet moved.
        crashPoint('sync:batch-applied')
      }
      await this.book.learnRoutes(peerId, origins)
      const cursor = Math.max(this.book.get(peerId)?.pulled ?? 0, upTo)
      // Not waited for: the peer learns the cursor from this answer (see setCursors).
      void this.book.setCursors(peerId, { pulled: cursor })
      return { cursor, verdicts }
    })
  }

  private linkHost(): LinkHost {
    return {
      store: this.domain.store,
      book: this.book,
      router: this.router,
      logger: this.options.logger,
      self: () => this.address(),
      call: (peer, method, path, body, signal) => this.call(peer, method, path, body, signal),
      receive: (peerId, after, upTo, events) => this.receive(peerId, after, upTo, events),
      importVerdicts: async (peerId, events: RemoteEvent[]) => {
        const verdicts = Array.isArray(events) ? events.filter((e) => e?.type === 'message.verdict') : []
        if (verdicts.length > 0) {
          await this.book.learnRoutes(peerId, (await applyPeerEvents(this.domain, this.options.logger, peerId, verdicts)).origins)
        }
      },
      heardMap: (map) => this.map.merge(map),
      held: (peerId) => this.holds.get(peerId) ?? null,
    }
  }

  private listen(port: number): Promise<ServerType> {
    const app = createPeerApp({
      logger: this.options.logger,
      replays: this.replays,
      peer: (id) => this.book.get(id),
      acceptPairing: async (body) => {
        const { reply, record } = await acceptPairing(this.pairingContext(), body)
        // A pairing again replaces the old link (new secret, fresh cursors).
        await this.stopLink(record.id)
        this.startLink(record.id)
        this.options.logger.info('paired', { peer: record.id, name: record.name })
        return reply
      },
      heard: (id) => this.links.get(id)?.heard(),
      hello: async (id, body): Promise<HelloReply> => {
        await this.book.setAddress(id, body)
        return { ...this.address(), cursor: this.book.get(id)?.pulled ?? 0 }
      },
      pull: async (id, after, limit) => {
        const store = this.domain.store
        const page = outbox(store, this.router, id, after, Math.min(limit, BATCH))
        // The puller holds our log up to `after`: what it still lacks starts there.
        const peer = this.book.get(id)
        if (peer && after > peer.acked) {
          await this.book.setCursors(id, { acked: after })
        }
        return { events: page.events, upTo: page.upTo, head: store.durableSeq, map: this.map.reports() }
      },
      push: (id, after, upTo, events) => this.receive(id, after, upTo, events),
      unpaired: async (id) => {
        await this.stopLink(id)
        await this.book.remove(id)
        this.options.logger.info('unpaired by the peer', { peer: id })
      },
      held: (id) => this.holds.has(id),
    })
    return listen({ fetch: app.fetch, hostname: this.options.bindHost, port, createServer, serverOptions: { key: this.tls.key, cert: this.tls.cert } })
  }
}
