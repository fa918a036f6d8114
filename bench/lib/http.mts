// The bench's HTTP client: keep-alive JSON calls to the node under test.
import { Agent, request } from 'node:http'
import { TOKEN } from './proc.mts'

export const agent = new Agent({ keepAlive: true, maxSockets: 64 })

export function call<T = unknown>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const url = new URL(`/api/v1${path}`, base)
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body))
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        agent,
        headers: { Authorization: `Bearer ${TOKEN}`, ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': payload.length } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString()
          if ((res.statusCode ?? 500) >= 300) {
            reject(new Error(`${method} ${path}: ${res.statusCode} ${text}`))
          } else {
            resolve((text ? JSON.parse(text) : undefined) as T)
          }
        })
      },
    )
    req.on('error', reject)
    req.end(payload)
  })
}

export const person = (handle: string) => ({ handle, displayName: handle, birthDate: '1990-01-01', phone: '+14155550100', region: 'US', kind: 'personal' })

export async function createAccount(base: string, handle: string): Promise<string> {
  const { account } = await call<{ account: { id: string } }>(base, 'POST', '/accounts', person(handle))
  return account.id
}

/** Two accounts that follow each other, so each may message the other directly. */
export async function friends(base: string, a: string, b: string): Promise<void> {
  await call(base, 'POST', `/accounts/${a}/follows`, { target: b })
  await call(base, 'POST', `/accounts/${b}/follows`, { target: a })
}
