// Pairing the lab's nodes, the table it prints, and waiting for them to catch up before a stop.
import type { LabNode } from './lab-node.mjs'

/** Pairs as a full mesh or a line (1-2, 2-3, ...); pairings kept from a --keep run stay. */
export async function pairAll(nodes: LabNode[], topology: 'mesh' | 'line'): Promise<void> {
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      if (topology === 'line' && j !== i + 1) {
        continue
      }
      const [a, b] = [nodes[i], nodes[j]]
      const { peers } = await a.client.peers()
      if (peers.some((p) => p.id === b.nodeId)) {
        continue
      }
      const { code } = await b.client.pairingCode()
      await a.client.pair(b.url, code)
    }
  }
}

/** One table: node, URL, one-time open link, accounts (local first, then how many creators). */
export async function table(nodes: LabNode[]): Promise<string> {
  const rows = [['node', 'URL', 'open (one-time link)', 'accounts']]
  for (const n of nodes) {
    const { accounts } = await n.client.listAccounts(true)
    const people = accounts.filter((a) => !a.directoryOnly).map((a) => `@${a.handle}`)
    const creators = accounts.length - people.length
    rows.push([n.name, n.url, n.openLink, [...people, ...(creators ? [`+${creators} creators`] : [])].join(' ')])
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)))
  const line = (r: string[]) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd()
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n')
}

/** Waits (at most `ms`) until no running node owes a running peer any event. */
export async function settle(nodes: LabNode[], ms: number): Promise<boolean> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    const up = nodes.filter((n) => n.alive)
    const ids = new Set(up.map((n) => n.nodeId))
    const owing = await Promise.all(
      up.map(async (n) => {
        const { peers } = await n.client.peers().catch(() => ({ peers: [] }))
        return peers.some((p) => ids.has(p.id) && p.eventsBehind > 0)
      }),
    )
    if (!owing.includes(true)) {
      return true
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  return false
}
