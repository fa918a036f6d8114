// Response schemas of LAN sync's routes (docs/API.md "Peers"): what the Network pane reads.
import { z } from 'zod'
import { component } from './registry'

export const peerInfoSchema = component(
  'PeerInfo',
  z.object({
    nodeId: z.string(),
    name: z.string(),
    url: z.string().describe("The plain API URL, as the node's `listening on` line prints it."),
    peerUrl: z.string().describe('The HTTPS endpoint other nodes sync with.'),
    fingerprint: z.string().describe('SHA-256 fingerprint of the node\'s TLS certificate, "AB:CD:...".'),
    lan: z.boolean().optional().describe('Bound to a LAN address (reachable from other machines), not loopback only.'),
  }),
  "How another node finds this one's peer endpoint and pins it.",
)

export const pairingCodeSchema = component(
  'PairingCode',
  z.object({ code: z.string().describe('"ABCDE-FGHJK"; the dash and case do not matter when typed.'), expiresAt: z.string() }),
  'Shown on this node, typed into the other one.',
)

export const peerViewSchema = component(
  'PeerView',
  z.object({
    id: z.string(),
    name: z.string(),
    url: z.string(),
    peerUrl: z.string(),
    fingerprint: z.string(),
    pairedAt: z.string(),
    online: z.boolean().describe('The last exchange with it succeeded (it is polled every few seconds).'),
    lastSeenAt: z.string().nullable(),
    lastError: z.string().nullable().describe('Why the last exchange failed, as a sentence; null when online.'),
    eventsBehind: z.number().describe('Events of this node it has not acknowledged yet (0 when in sync).'),
  }),
  'A paired node.',
)
export const peersResponseSchema = component('PeersResponse', z.object({ self: peerInfoSchema, peers: z.array(peerViewSchema) }))

export const networkLinkSchema = component(
  'NetworkLink',
  z.object({
    peerId: z.string(),
    name: z.string(),
    online: z.boolean(),
    eventsBehind: z.number().describe('Events of the reporting node the peer has not acknowledged yet.'),
    lagMs: z.number().describe('Age in ms of the oldest of those events when reported; 0 when none is owed.'),
  }),
  "One node's link to one of its peers, as that node last reported it.",
)
export const networkNodeSchema = component(
  'NetworkNode',
  z.object({ nodeId: z.string(), name: z.string(), url: z.string(), reportedAt: z.string(), links: z.array(networkLinkSchema) }),
  'A node of the network and its links, as it last reported them (its own clock).',
)
export const networkResponseSchema = component(
  'NetworkResponse',
  z.object({
    self: peerInfoSchema,
    nodes: z.array(networkNodeSchema),
    routes: z.array(z.object({ nodeId: z.string(), via: z.string() })).describe('Nodes reached through a peer: the peer events for them go to.'),
  }),
  'Every node this one has heard of, ours first, and how we reach them.',
)

export const nearbyNodeSchema = component(
  'NearbyNode',
  z.object({
    nodeId: z.string(),
    name: z.string(),
    url: z.string().describe('Its API URL, to pair with together with the code it shows.'),
    fingerprint: z.string(),
    paired: z.boolean().describe("Already one of this node's peers."),
  }),
  'A node announcing itself on the LAN (mDNS `_envelope._tcp`).',
)
export const nearbyResponseSchema = component(
  'NearbyResponse',
  z.object({
    discovering: z.boolean().describe('False when this node does not look for others (it is bound to loopback only).'),
    nearby: z.array(nearbyNodeSchema),
  }),
)
