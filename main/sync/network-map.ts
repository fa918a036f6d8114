// What each node knows of the whole network, for the lab view and the Network pane: every
// node reports its own links (state and lag) and passes on the reports it heard, riding on
// the replies to the pulls peers make every few seconds. Reports only inform people; routing
// never depends on them (docs/SYNC.md "Beyond a full mesh").
import { z } from 'zod'
import type { NetworkLink, NetworkNode } from '@shared/api/contract'

export type LinkReport = NetworkLink
export type NodeReport = NetworkNode

const MAX_NODES = 200
const linkSchema = z.object({
  peerId: z.string().max(80),
  name: z.string().max(100),
  online: z.boolean(),
  eventsBehind: z.number().int().min(0),
  lagMs: z.number().min(0),
})
const reportSchema = z.object({
  nodeId: z.string().regex(/^n_[A-Za-z0-9]{1,64}$/),
  name: z.string().max(100),
  url: z.string().max(300),
  reportedAt: z.string().max(40),
  links: z.array(linkSchema).max(MAX_NODES),
})
const mapSchema = z.array(reportSchema).max(MAX_NODES)

export class NetworkMap {
  private readonly heard = new Map<string, NodeReport>()

  constructor(
    private readonly selfId: string,
    private readonly own: () => NodeReport,
  ) {}

  /** Our own report, fresh, and the latest heard from every other node. */
  reports(): NodeReport[] {
    return [this.own(), ...[...this.heard.values()].sort((a, b) => (a.name < b.name ? -1 : 1))]
  }

  /** Takes in the reports a peer passed on; anything malformed is ignored as a whole. */
  merge(raw: unknown): void {
    const parsed = mapSchema.safeParse(raw)
    if (!parsed.success) {
      return
    }
    for (const report of parsed.data) {
      if (report.nodeId === this.selfId) {
        continue
      }
      const held = this.heard.get(report.nodeId)
      if (held && held.reportedAt >= report.reportedAt) {
        continue
      }
      if (!held && this.heard.size >= MAX_NODES) {
        continue
      }
      this.heard.set(report.nodeId, report)
    }
  }
}
