// Generated bad requests against a real node, on every route of its own route table: never a
// 5xx, never a crash, and nothing stored changes (an API digest of the store, before and after).
// `npm test` sends 1,000; `npm run soak` sets ENVELOPE_FUZZ_RUNS=10000. The seed is chosen
// up front and printed, and every failure names it: ENVELOPE_FUZZ_SEED=<seed> replays the run.
import { connect } from 'node:net'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestNode } from '../api/support'
import { pair, rawRequest, send, startTestNode, TOKEN } from '../api/support'
import { badRequest } from './bad-requests'
import type { BadRequest } from './bad-requests'
import { storeDigest, storeSnapshot } from './digest'
import { fillParams, servedRoutes } from './route-table'

const RUNS = Number(process.env.ENVELOPE_FUZZ_RUNS ?? 1000)
const SEED = process.env.ENVELOPE_FUZZ_SEED ? Number(process.env.ENVELOPE_FUZZ_SEED) : Date.now() % 2 ** 31
const REPLAY = `replay with ENVELOPE_FUZZ_SEED=${SEED} ENVELOPE_FUZZ_RUNS=${RUNS}`

let t: TestNode
const statuses = new Map<number, number>()

beforeAll(async () => {
  t = await startTestNode()
  const [a, b] = await pair(t)
  await send(t, a, b, 'stored before the storm')
  await send(t, b, a, 'and the answer')
})
afterAll(async () => {
  await t.stop()
})

/** A body cut short by the client: half of it at once, or a few bytes at a time, then gone. */
function sendCut(req: BadRequest, token: string | undefined): Promise<void> {
  const port = Number(new URL(t.url).port)
  const auth = token ? `Authorization: Bearer ${token}\r\n` : ''
  const lines = Object.entries(req.headers).map(([k, v]) => `${k}: ${v}\r\n`)
  const head = `${req.method} ${req.path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${auth}${lines.join('')}\r\n`
  const half = req.body!.subarray(0, Math.floor(req.body!.length / 2))
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', async () => {
      socket.write(head)
      const step = req.cut === 'slow' ? Math.max(1, Math.ceil(half.length / 3)) : half.length || 1
      for (let i = 0; i < half.length; i += step) {
        socket.write(half.subarray(i, i + step))
        if (req.cut === 'slow') {
          await new Promise((r) => setTimeout(r, 5))
        }
      }
      socket.destroy()
      resolve()
    })
    socket.on('error', () => resolve())
  })
}

async function healthy(): Promise<boolean> {
  const res = await rawRequest(t.url, { path: '/api/v1/health' })
  return res.status === 200
}

describe('malformed input', () => {
  it(`${RUNS} generated bad requests: no 5xx, no crash, nothing stored changes`, { timeout: 600_000 }, async () => {
    // The event stream never ends by design; its bad-input cases live in tests/api/events.test.ts.
    const routes = servedRoutes(t.node).filter((r) => r.path !== '/api/v1/events')
    const before = await storeSnapshot(t)
    process.stdout.write(`malformed-input seed ${SEED} (${REPLAY})\n`)
    await fc.assert(
      fc.asyncProperty(badRequest(routes), fc.boolean(), async (req, withToken) => {
        if (req.cut) {
          await sendCut(req, withToken ? TOKEN : undefined)
          statuses.set(-2, (statuses.get(-2) ?? 0) + 1)
          return
        }
        const headers = withToken ? { ...req.headers, Authorization: `Bearer ${TOKEN}` } : req.headers
        let status: number
        try {
          status = (await rawRequest(t.url, { method: req.method, path: req.path, headers, body: req.body, chunked: req.chunked })).status
        } catch {
          // The node may close the connection on a body it refuses before reading it all (413):
          // acceptable, as long as it is still up.
          status = -1
          expect(await healthy(), `node still answering (${REPLAY})`).toBe(true)
        }
        statuses.set(status, (statuses.get(status) ?? 0) + 1)
        expect(status, `${req.method} ${req.path}`).toBeLessThan(500)
      }),
      { numRuns: RUNS, seed: SEED },
    )
    expect(await healthy(), REPLAY).toBe(true)
    // The snapshot itself, not its hash: a failure shows what changed.
    expect(await storeSnapshot(t), `stored data changed (${REPLAY})`).toBe(before)
    // Most requests must reach validation, not stop at auth: a real spread of refusals.
    expect([...statuses.keys()].filter((s) => s >= 400 && s !== 401).length, REPLAY).toBeGreaterThanOrEqual(3)
    // The cut bodies were generated too (about one request in twenty).
    expect(statuses.get(-2) ?? 0, REPLAY).toBeGreaterThan(0)
    if (process.env.ENVELOPE_FIGURES) {
      // -1: the node closed the connection on a refused body; -2: the client cut its body short.
      process.stdout.write(`malformed-input statuses ${JSON.stringify({ seed: SEED, runs: RUNS, ...Object.fromEntries(statuses) })}\n`)
    }
  })

  it('object-property names as ids ("__proto__", "constructor"...) on every route with a parameter: 4xx, nothing changes', async () => {
    // Found by the 10,000-request run: PATCH /api/v1/lists/__proto__ answered 500.
    const before = await storeDigest(t)
    const routes = servedRoutes(t.node).filter((r) => r.path.includes(':') && r.path !== '/api/v1/events')
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      for (const route of routes) {
        const path = fillParams(route.path, () => name)
        const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : JSON.stringify({ name: 'x', add: [], remove: [] })
        const res = await rawRequest(t.url, { method: route.method, path, headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, body })
        expect(res.status, `${route.method} ${path}`).toBeGreaterThanOrEqual(400)
        expect(res.status, `${route.method} ${path}`).toBeLessThan(500)
      }
    }
    expect(await storeDigest(t)).toBe(before)
  })

  it('truncated and slow bodies: the node stays up and stores nothing', async () => {
    const before = await storeDigest(t)
    const port = Number(new URL(t.url).port)
    const { accounts } = await t.client.listAccounts()
    const path = `/api/v1/accounts/${accounts[0].id}/messages`
    const head = (length: number) =>
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`
    const full = JSON.stringify({ to: accounts[1].id, text: 'never complete', clientId: 'trunc-1' })
    // Truncated: fewer bytes than announced, then the client goes away.
    await new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(head(full.length) + full.slice(0, 20)))
      socket.on('close', () => resolve())
      socket.on('error', () => resolve())
      socket.resume()
    })
    // Slow: the body dribbles in a few bytes at a time, then stops half way and closes.
    await new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1', async () => {
        socket.write(head(full.length))
        for (let i = 0; i < 30; i += 3) {
          socket.write(full.slice(i, i + 3))
          await new Promise((r) => setTimeout(r, 20))
        }
        socket.destroy()
        resolve()
      })
      socket.on('error', () => resolve())
    })
    expect(await healthy()).toBe(true)
    expect(await storeDigest(t)).toBe(before)
  })
})
