// This node and its paired peers (docs/SYNC.md "API for the Network pane"). Peer status is not
// on the event stream, so the Network pane polls GET /peers while it is open.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { NearbyNode, NetworkNode, PeerInfo, PeerView } from '@shared/api/contract'
import { errorText } from '../lib/errors'
import { useSessionStore } from './session'

export const POLL_MS = 3000

export const useNetworkStore = defineStore('network', () => {
  const session = useSessionStore()
  const self = ref<PeerInfo | null>(null)
  const peers = ref<PeerView[]>([])
  /** Every node heard of with its links (the network map, GET /network): ours first. */
  const nodes = ref<NetworkNode[]>([])
  /** Node id -> the peer events for it go through (nodes reached by relay). */
  const routes = ref<Record<string, string>>({})
  /** Nodes announcing themselves on the LAN (GET /nearby); discovering is false on loopback. */
  const nearby = ref<NearbyNode[]>([])
  const discovering = ref(false)
  const loaded = ref(false)
  /** Why the last refresh failed (the node's sentence); the last known list stays shown. */
  const problem = ref<string | null>(null)
  let timer: ReturnType<typeof setTimeout> | null = null
  /** Which polling run is current: a stopped run's late answer schedules nothing. */
  let run = 0
  let polling = false
  /** Bumped by pair/unpair: an answer to a request sent before them is out of date. */
  let version = 0
  let inFlight: { version: number; done: Promise<void> } | null = null
  /** Peers paired from this side (the form), as opposed to ones that used our code. */
  const pairedFromHere = new Set<string>()

  /** Pairing requests under way: polls wait, so a peer never shows before we know who paired it. */
  let pairing = 0

  function refresh(): Promise<void> {
    if (pairing > 0) {
      return Promise.resolve()
    }
    // One request at a time: a slow node is not asked again before it answered.
    if (inFlight && inFlight.version === version) {
      return inFlight.done
    }
    const asked = version
    const done = Promise.resolve()
      // The map and the nearby list are extras: a node that cannot answer them still shows its peers.
      .then(() => Promise.all([session.api().peers(), session.api().network().catch(() => null), session.api().nearby().catch(() => null)]))
      .then(([r, map, near]) => {
        if (asked !== version) {
          return
        }
        self.value = r.self
        peers.value = r.peers
        if (map) {
          nodes.value = map.nodes
          routes.value = Object.fromEntries(map.routes.map((x) => [x.nodeId, x.via]))
        }
        if (near) {
          nearby.value = near.nearby
          discovering.value = near.discovering
        }
        loaded.value = true
        problem.value = null
      })
      .catch((e: unknown) => {
        if (asked === version) {
          problem.value = errorText(e)
        }
      })
      .finally(() => {
        if (inFlight?.done === done) {
          inFlight = null
        }
      })
    inFlight = { version: asked, done }
    return done
  }

  function schedule(current: number): void {
    if (!polling || current !== run) {
      return
    }
    timer = setTimeout(() => {
      void refresh().then(() => schedule(current))
    }, POLL_MS)
  }

  /** Refreshes now, then every POLL_MS until stopPolling(). */
  function startPolling(): void {
    if (polling) {
      return
    }
    polling = true
    const current = ++run
    void refresh().then(() => schedule(current))
  }

  function stopPolling(): void {
    polling = false
    run++
    if (timer) {
      clearTimeout(timer)
    }
    timer = null
  }

  async function pair(url: string, code: string): Promise<PeerView> {
    pairing++
    version++
    try {
      const { peer } = await session.api().pair(url, code)
      pairedFromHere.add(peer.id)
      peers.value = [...peers.value.filter((p) => p.id !== peer.id), peer]
      return peer
    } finally {
      pairing--
      version++
      void refresh()
    }
  }

  async function unpair(id: string): Promise<void> {
    await session.api().unpair(id)
    version++
    peers.value = peers.value.filter((p) => p.id !== id)
    void refresh()
  }

  const wasPairedFromHere = (id: string) => pairedFromHere.has(id)

  return { self, peers, nodes, routes, nearby, discovering, loaded, problem, refresh, startPolling, stopPolling, pair, unpair, wasPairedFromHere }
})
