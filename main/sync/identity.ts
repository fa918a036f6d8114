// This node's TLS identity for peer traffic: a self-signed certificate made once and kept in
// the data folder. Peers pin its SHA-256 fingerprint when they pair, so no authority is
// involved and the names in it only help a person reading it (docs/SYNC.md "Transport").
import { X509Certificate } from 'node:crypto'
import { chmod } from 'node:fs/promises'
import { isIP } from 'node:net'
import { join } from 'node:path'
import { generate } from 'selfsigned'
import { openDurableDoc } from '../store/log'
import { lanAddresses, isWildcard } from './addresses'

export interface TlsIdentity {
  key: string
  cert: string
  /** SHA-256 of the certificate's DER, "AB:CD:..." (what peers pin). */
  fingerprint: string
}

interface TlsFile {
  key: string
  cert: string
  createdAt: string
}

const TEN_YEARS_MS = 10 * 365 * 24 * 3_600_000

/** "ab:cd..." or "ABCD..." to "AB:CD:..."; null unless it is 32 bytes of hex. */
export function normalizeFingerprint(text: string): string | null {
  const hex = text.replace(/[:\s]/g, '').toUpperCase()
  if (!/^[0-9A-F]{64}$/.test(hex)) {
    return null
  }
  return hex.match(/../g)!.join(':')
}

export function fingerprintOf(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256
}

function altNames(bindHost: string): { type: 2 | 7; value?: string; ip?: string }[] {
  const hosts = new Set(['localhost', '127.0.0.1', '::1', ...(isWildcard(bindHost) ? lanAddresses() : [bindHost.replace(/^\[|\]$/g, '')])])
  return [...hosts].map((h) => (isIP(h) ? { type: 7 as const, ip: h } : { type: 2 as const, value: h }))
}

/**
 * Loads the identity, or makes it on first start. It is never remade on its own: a new
 * certificate would break every pairing. The file holds the private key, so only its
 * owner may read it.
 */
export async function loadTlsIdentity(dataDir: string, bindHost: string, nodeName: string): Promise<TlsIdentity> {
  const file = join(dataDir, 'peer-tls.json')
  const doc = await openDurableDoc<TlsFile>(file, { key: '', cert: '', createdAt: '' })
  if (!doc.data.cert) {
    const now = new Date()
    const pems = await generate([{ name: 'commonName', value: `Envelope node ${nodeName}`.slice(0, 64) }], {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate: new Date(now.getTime() - 60_000),
      notAfterDate: new Date(now.getTime() + TEN_YEARS_MS),
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: altNames(bindHost) },
      ],
    })
    await doc.update((d) => {
      d.key = pems.private
      d.cert = pems.cert
      d.createdAt = now.toISOString()
    })
  }
  await chmod(file, 0o600).catch(() => undefined) // best effort: Windows has no such modes
  return { key: doc.data.key, cert: doc.data.cert, fingerprint: fingerprintOf(doc.data.cert) }
}
