// Raw requests to a node's peer listener, as an attacker would send them: exactly the given
// headers and body, no certificate check. Used by the peer-surface and replay tests.
import { request as httpsRequest } from 'node:https'

/** One request to the peer listener at `peerUrl`; the answer's status and error code (if any). */
export function peerRequest(peerUrl: string, method: string, path: string, headers: Record<string, string>, body = ''): Promise<{ status: number; code?: string }> {
  const target = new URL(peerUrl)
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      { host: target.hostname, port: target.port, method, path, rejectUnauthorized: false, headers: { 'Content-Type': 'application/json', ...headers } },
      (res) => {
        let text = ''
        res.on('data', (c: Buffer) => (text += c.toString('utf8')))
        res.on('end', () => {
          let code: string | undefined
          try {
            code = (JSON.parse(text) as { error?: { code?: string } }).error?.code
          } catch {
            code = undefined
          }
          resolve({ status: res.statusCode ?? 0, code })
        })
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}
