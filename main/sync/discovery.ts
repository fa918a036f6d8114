// LAN discovery (docs/SYNC.md "Discovery"): a node bound to a LAN address announces itself
// with mDNS/DNS-SD as `_envelope._tcp` (bonjour-service) and lists the others it hears. It
// never pairs on its own: a person picks a node and types the code that node shows. A node
// bound to loopback only neither announces nor listens.
import { Bonjour } from 'bonjour-service'
import type { Browser, Service } from 'bonjour-service'
import type { NearbyNode } from '@shared/api/contract'

export const SERVICE_TYPE = 'envelope'

export interface Announcement {
  nodeId: string
  name: string
  /** The API URL people pair with (the node's `listening on` URL). */
  url: string
  fingerprint: string
  port: number
  /** The address the node is bound to; a wildcard announces on every interface. */
  bindHost: string
}

interface Heard {
  nodeId: string
  name: string
  url: string
  fingerprint: string
}

const txtText = (v: unknown): string => (typeof v === 'string' ? v : Buffer.isBuffer(v) ? v.toString('utf8') : '')

/** What a service's TXT record says about the node, or null when it is not an Envelope node's. */
export function readAnnouncement(service: Pick<Service, 'txt'>): Heard | null {
  const txt = (service.txt ?? {}) as Record<string, unknown>
  const heard = { nodeId: txtText(txt.id), name: txtText(txt.name).slice(0, 100), url: txtText(txt.url), fingerprint: txtText(txt.fp) }
  if (!/^n_[A-Za-z0-9]{1,64}$/.test(heard.nodeId) || !/^https?:\/\/[^\s/]+$/.test(heard.url)) {
    return null
  }
  return heard
}

export class Discovery {
  private readonly bonjour: Bonjour
  private readonly browser: Browser
  private readonly heard = new Map<string, Heard>()

  constructor(
    private readonly self: Announcement,
    onError: (error: Error) => void,
  ) {
    const wildcard = self.bindHost === '0.0.0.0' || self.bindHost === '::'
    // Bound to one address: multicast on that interface only, the one peers can reach. The
    // socket itself binds the wildcard: one bound to a unicast address gets no multicast.
    const mdns = wildcard ? {} : { interface: self.bindHost.replace(/^\[|\]$/g, ''), bind: '0.0.0.0' }
    this.bonjour = new Bonjour(mdns as object, onError)
    this.bonjour.publish({
      // Instance names must be unique on the LAN: the node id's tail tells equal names apart.
      name: `${self.name.slice(0, 40)} (${self.nodeId.slice(-6)})`,
      type: SERVICE_TYPE,
      port: self.port,
      txt: { id: self.nodeId, name: self.name, url: self.url, fp: self.fingerprint },
    })
    this.browser = this.bonjour.find({ type: SERVICE_TYPE })
    this.browser.on('up', (s) => this.take(s))
    this.browser.on('txt-update', (s) => this.take(s))
    this.browser.on('down', (s) => {
      const heard = readAnnouncement(s)
      if (heard) {
        this.heard.delete(heard.nodeId)
      }
    })
  }

  /** The nodes heard on the LAN, by name; `isPeer` marks the ones already paired. */
  nearby(isPeer: (nodeId: string) => boolean): NearbyNode[] {
    return [...this.heard.values()].map((h) => ({ ...h, paired: isPeer(h.nodeId) })).sort((a, b) => a.name.localeCompare(b.name))
  }

  /** Says goodbye on the LAN (others drop us at once) and stops listening. */
  stop(): Promise<void> {
    this.browser.stop()
    return new Promise((resolve) => {
      // The goodbye is best effort: a LAN that swallows it must not hold up a stop.
      const timer = setTimeout(() => this.bonjour.destroy(() => resolve()), 1_000)
      this.bonjour.unpublishAll(() => {
        clearTimeout(timer)
        this.bonjour.destroy(() => resolve())
      })
    })
  }

  private take(service: Service): void {
    const heard = readAnnouncement(service)
    if (heard && heard.nodeId !== this.self.nodeId) {
      this.heard.set(heard.nodeId, heard)
    }
  }
}
