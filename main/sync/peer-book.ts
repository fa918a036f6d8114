// The paired nodes and how far replication got with each, kept durable in peers.json, so a
// node restarted on the same data folder keeps its peers and resumes where it stopped.
import { chmod } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type { DurableDoc } from '../store/log'
import { openDurableDoc } from '../store/log'

export interface PeerRecord {
  id: string
  name: string
  /** Its plain-HTTP API URL, as its `listening on` line prints it (for peer-info). */
  url: string
  /** Its HTTPS peer endpoint. */
  peerUrl: string
  /** SHA-256 fingerprint of its certificate, pinned on every connection. */
  fingerprint: string
  /** Shared secret that signs every peer request between the two (never shown over the API). */
  secret: string
  pairedAt: string
  /** Our log, by our seq: the peer holds everything we owe it up to here. */
  acked: number
  /** Its log, by its seq: we hold everything it owes us up to here. */
  pulled: number
}

const peerSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  url: z.string(),
  peerUrl: z.string(),
  fingerprint: z.string(),
  secret: z.string().min(16),
  pairedAt: z.string(),
  acked: z.number().int().min(0),
  pulled: z.number().int().min(0),
})
const fileSchema = z.object({
  version: z.literal(1),
  /** The peer port last used, tried again first so peers find us where they left us. */
  peerPort: z.number().int().min(0).max(65535).nullable(),
  peers: z.record(z.string(), peerSchema),
  /**
   * Next hop per node we are not (or not only) paired with: the peer that first brought us
   * that node's events (docs/SYNC.md "Beyond a full mesh"). Absent in files of older versions.
   */
  routes: z.record(z.string(), z.string()).default({}),
})
type PeersFile = z.infer<typeof fileSchema>

export class PeerBook {
  /** The queued save of cursor moves, until it starts writing. */
  private cursorSave: Promise<void> | null = null
  private lastCursorSave: Promise<void> = Promise.resolve()

  private constructor(
    private readonly doc: DurableDoc<PeersFile>,
    private readonly file: string,
  ) {}

  static async open(dataDir: string): Promise<PeerBook> {
    const file = join(dataDir, 'peers.json')
    const doc = await openDurableDoc<PeersFile>(file, { version: 1, peerPort: null, peers: {}, routes: {} }, (raw) => fileSchema.parse(raw))
    return new PeerBook(doc, file)
  }

  get peerPort(): number | null {
    return this.doc.data.peerPort
  }

  get(id: string): PeerRecord | undefined {
    // Own keys only: an id such as "constructor" (a request header, a URL) is no peer.
    return Object.hasOwn(this.doc.data.peers, id) ? this.doc.data.peers[id] : undefined
  }

  list(): PeerRecord[] {
    return Object.values(this.doc.data.peers).sort((a, b) => (a.pairedAt < b.pairedAt ? -1 : 1))
  }

  async setPeerPort(port: number): Promise<void> {
    if (this.doc.data.peerPort !== port) {
      await this.write((d) => void (d.peerPort = port))
    }
  }

  async put(record: PeerRecord): Promise<void> {
    await this.write((d) => void (d.peers[record.id] = record))
  }

  async remove(id: string): Promise<boolean> {
    if (!this.get(id)) {
      return false
    }
    await this.write((d) => {
      delete d.peers[id]
      // Routes through it are gone too: the next event from those nodes teaches a new one.
      for (const [node, via] of Object.entries(d.routes)) {
        if (via === id) {
          delete d.routes[node]
        }
      }
    })
    return true
  }

  /** The paired node that leads to `nodeId`: itself when paired, else the learnt next hop. */
  nextHop(nodeId: string): string | undefined {
    if (this.get(nodeId)) {
      return nodeId
    }
    const via = Object.hasOwn(this.doc.data.routes, nodeId) ? this.doc.data.routes[nodeId] : undefined
    return via && this.get(via) ? via : undefined
  }

  /** Every route learnt so far: node id -> the peer it is reached through. */
  routes(): Record<string, string> {
    return { ...this.doc.data.routes }
  }

  /**
   * Learns that events of `origins` arrive through `peerId`. A route is kept once learnt
   * (the first path that brought a node's events works); a pairing with the node itself
   * makes it direct, and a route through a peer that is gone is replaced.
   */
  async learnRoutes(peerId: string, origins: Iterable<string>): Promise<void> {
    const changed: string[] = []
    for (const origin of new Set(origins)) {
      if (origin === peerId || this.get(origin)) {
        continue
      }
      if (this.nextHop(origin) === undefined) {
        changed.push(origin)
      }
    }
    if (changed.length === 0) {
      return
    }
    await this.write((d) => {
      for (const origin of changed) {
        d.routes[origin] = peerId
      }
    })
  }

  /** Name and addresses as the peer last announced them (ports may change across restarts). */
  async setAddress(id: string, address: Pick<PeerRecord, 'name' | 'url' | 'peerUrl'>): Promise<void> {
    const p = this.get(id)
    if (!p || (p.name === address.name && p.url === address.url && p.peerUrl === address.peerUrl)) {
      return
    }
    await this.write((d) => {
      if (d.peers[id]) {
        Object.assign(d.peers[id], address)
      }
    })
  }

  /**
   * Moves a peer's cursors at once in memory and saves them in the background: replication
   * does not wait for a whole-file rewrite (three fsyncs) per batch. A cursor is only ever
   * moved past events already durable on both sides, and one lost in a crash only means a
   * resend that the receiver skips by event id. Moves made while a save is queued join it.
   * The promise settles once this move is on disk; callers on the hot path need not wait.
   */
  setCursors(id: string, cursors: Partial<Pick<PeerRecord, 'acked' | 'pulled'>>): Promise<void> {
    const p = this.get(id)
    if (!p || ((cursors.acked ?? p.acked) === p.acked && (cursors.pulled ?? p.pulled) === p.pulled)) {
      return Promise.resolve()
    }
    // In place: update() copies the document when its turn comes, so the queued save writes
    // every move made until then.
    Object.assign(p, cursors)
    if (!this.cursorSave) {
      this.cursorSave = this.write(() => void (this.cursorSave = null))
      // Also marks it handled for callers that do not wait; the next move saves again.
      this.lastCursorSave = this.cursorSave.catch(() => undefined)
    }
    return this.cursorSave
  }

  /** Resolves once every cursor move so far is on disk (or its save failed). */
  async cursorsSaved(): Promise<void> {
    await this.lastCursorSave
  }

  private async write(fn: (d: PeersFile) => void): Promise<void> {
    await this.doc.update(fn)
    // It holds the shared secrets: only its owner may read it (best effort off POSIX).
    await chmod(this.file, 0o600).catch(() => undefined)
  }
}
