// Raw requests to a node's peer listener, as an attacker would send them: exactly the given
// headers and body, no certificate check. Used by the peer-surface and replay tests.
import { request as httpsRequest } from 'node:https'

export interface PeerAnswer {
  status: number
  code?: string
  message?: string
}

/**
 * One request to the peer listener at `peerUrl`: the answer's status, error code and sentence.
 * A body given as chunks goes chunked (no Content-Length); `declare` sends a Content-Length of
 * that many bytes and no body, and the request is dropped once the answer came.
 */
export function peerAnswer(
  peerUrl: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string | string[] = '',
  declare?: number,
): Promise<PeerAnswer> {
  const target = new URL(peerUrl)
  return new Promise((resolve, reject) => {
    const extra = declare === undefined ? {} : { 'Content-Length': String(declare) }
    const req = httpsRequest(
      {
        host: target.hostname,
        port: target.port,
        method,
        path,
        rejectUnauthorized: false,
        agent: false,
        headers: { 'Content-Type': 'application/json', ...headers, ...extra },
      },
      (res) => {
        let text = ''
        res.on('data', (c: Buffer) => (text += c.toString('utf8')))
        res.on('end', () => {
          let error: { code?: string; message?: string } | undefined
          try {
            error = (JSON.parse(text) as { error?: { code?: string; message?: string } }).error
          } catch {
            error = undefined
          }
          resolve({ status: res.statusCode ?? 0, code: error?.code, message: error?.message })
          if (declare !== undefined) {
            req.destroy()
          }
        })
      },
    )
    req.on('error', (err) => (declare === undefined ? reject(err) : undefined))
    if (declare !== undefined) {
      req.flushHeaders()
    } else if (Array.isArray(body)) {
      for (const chunk of body) {
        req.write(chunk)
      }
      req.end()
    } else {
      req.end(body)
    }
  })
}

/** One request to the peer listener at `peerUrl`; the answer's status and error code (if any). */
export async function peerRequest(peerUrl: string, method: string, path: string, headers: Record<string, string>, body = ''): Promise<{ status: number; code?: string }> {
  const { status, code } = await peerAnswer(peerUrl, method, path, headers, body)
  return { status, code }
}
