// The cryptography of pairing and of peer requests (docs/SYNC.md "Pairing").
//
// Pairing: both sides know the one-time code; neither sends it. The caller proves it knows
// the code with an HMAC that also covers both certificate fingerprints and its own details,
// so a machine in the middle that swapped a fingerprint (to read the traffic) or an address
// makes the proof fail. The target answers with its own proof, over the new secret too, so
// the caller knows it reached the node that showed the code. The code is stretched with
// scrypt first: a recorded proof cannot be brute-forced offline within the code's 10 minutes.
import { createHash, createHmac, randomBytes, scrypt } from 'node:crypto'

export interface PairingParty {
  nodeId: string
  name: string
  url: string
  peerUrl: string
  fingerprint: string
}

const SCRYPT = { N: 1 << 14, r: 8, p: 1 }

export function pairingKey(code: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(code, 'envelope-pairing-v1', 32, SCRYPT, (err, key) => (err ? reject(err) : resolve(key)))
  })
}

/** One canonical text per party: fields in a fixed order, so both sides hash the same bytes. */
function describe(p: PairingParty): string {
  return JSON.stringify([p.nodeId, p.name, p.url, p.peerUrl, p.fingerprint])
}

/** The caller's proof: the code, the target's fingerprint as the caller pinned it, and the caller. */
export function pairProof(key: Buffer, targetFingerprint: string, caller: PairingParty): string {
  return createHmac('sha256', key)
    .update(`pair\n${targetFingerprint}\n${describe(caller)}`)
    .digest('hex')
}

/** The target's answer: the code, both parties, and the secret it hands over. */
export function ackProof(key: Buffer, target: PairingParty, caller: PairingParty, secret: string): string {
  const secretHash = createHash('sha256').update(secret).digest('hex')
  return createHmac('sha256', key)
    .update(`ack\n${describe(target)}\n${describe(caller)}\n${secretHash}`)
    .digest('hex')
}

export function newSecret(): string {
  return randomBytes(32).toString('base64url')
}

/**
 * Signature of one peer request: the secret never travels after pairing. Method, path with
 * query, body, the sender's clock (ms) and a one-time nonce are covered, so nothing of a
 * request can be altered, and a captured request cannot be played again: the receiver
 * refuses a timestamp outside its skew window and a nonce it has already seen within it
 * (main/sync/replay-guard.ts; docs/SECURITY.md "LAN peers").
 */
export function signRequest(secret: string, method: string, pathWithQuery: string, body: string, timestamp: string, nonce: string): string {
  const bodyHash = createHash('sha256').update(body).digest('hex')
  return createHmac('sha256', secret).update(`${SIGNATURE_VERSION}\n${method.toUpperCase()}\n${pathWithQuery}\n${timestamp}\n${nonce}\n${bodyHash}`).digest('hex')
}

/** The headers of one outgoing peer request: a fresh timestamp and nonce every time. */
export function signedHeaders(nodeId: string, secret: string, method: string, pathWithQuery: string, body: string, now = Date.now()): Record<string, string> {
  const timestamp = String(now)
  const nonce = randomBytes(16).toString('base64url')
  return {
    [NODE_HEADER]: nodeId,
    [TIMESTAMP_HEADER]: timestamp,
    [NONCE_HEADER]: nonce,
    [SIGNATURE_HEADER]: signRequest(secret, method, pathWithQuery, body, timestamp, nonce),
  }
}

/** Bumped when the signed material changes; a v1 signature (no timestamp, no nonce) never matches. */
const SIGNATURE_VERSION = 'envelope-peer-v2'

export const NODE_HEADER = 'x-envelope-node'
export const SIGNATURE_HEADER = 'x-envelope-signature'
export const TIMESTAMP_HEADER = 'x-envelope-timestamp'
export const NONCE_HEADER = 'x-envelope-nonce'
