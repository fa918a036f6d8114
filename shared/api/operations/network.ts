// Operations of LAN sync (docs/API.md "Peers"): pairing, peers, the network map, nodes nearby.
import { z } from 'zod'
import { nearbyResponseSchema, networkResponseSchema, pairingCodeSchema, peerInfoSchema, peersResponseSchema, peerViewSchema } from '../responses/network'
import { operationTable } from './operation'

export const networkOperations = operationTable({
  peerInfo: {
    method: 'get',
    path: '/peer-info',
    summary: 'This node as a peer sees it: id, name, peer URL, certificate fingerprint',
    status: 200,
    response: peerInfoSchema,
    public: true,
  },
  pairingCode: { method: 'get', path: '/pairing-code', summary: 'The current one-time pairing code (10 minutes, single use)', status: 200, response: pairingCodeSchema },
  newPairingCode: { method: 'post', path: '/pairing-code', summary: 'Replace the pairing code with a new one', status: 200, response: pairingCodeSchema },
  peers: { method: 'get', path: '/peers', summary: 'This node and its paired peers with live status', status: 200, response: peersResponseSchema },
  peer: { method: 'get', path: '/peers/{id}', summary: 'One paired peer', status: 200, response: z.object({ peer: peerViewSchema }), errors: ['NOT_FOUND'] },
  pair: {
    method: 'post',
    path: '/peers',
    summary: 'Pair with another node by its URL and pairing code',
    status: 201,
    response: z.object({ peer: peerViewSchema }),
    errors: ['PAIRING_FAILED', 'ALREADY_PAIRED', 'CANNOT_PAIR_WITH_SELF', 'PEER_UNREACHABLE', 'PEER_UNTRUSTED'],
  },
  unpair: {
    method: 'delete',
    path: '/peers/{id}',
    summary: 'Unpair: revoke the shared secret',
    status: 200,
    response: z.object({ unpaired: z.literal(true) }),
    errors: ['NOT_FOUND'],
  },
  network: {
    method: 'get',
    path: '/network',
    summary: 'Every node heard of, with its links (online, events behind, lag), and the routes to nodes reached through a relay',
    status: 200,
    response: networkResponseSchema,
  },
  nearby: {
    method: 'get',
    path: '/nearby',
    summary: 'Envelope nodes announcing themselves on the LAN (mDNS _envelope._tcp)',
    status: 200,
    response: nearbyResponseSchema,
  },
})
