// A node = one running instance: its store, its HTTP server, its sign-in sessions.
// Used by the Electron shell (in-process) and by `npm run serve` (headless).
import { serve } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import { randomBytes } from 'node:crypto'
import { DEFAULT_POLICY } from '@shared/policy'
import type { Policy } from '@shared/policy'
import type { Domain } from '../domain/context-types'
import { createApp } from '../server/app'
import type { Logger } from '../server/errors'
import { Sessions } from '../server/sessions'
import { Store } from '../store'
import { seedDemo } from './demo'
import { createLogger } from './logger'

export interface NodeOptions {
  dataDir: string
  host: string
  port: number
  token?: string
  name?: string
  demo?: boolean
  /** Absolute folder of the built renderer, served at `/`. */
  rendererDir?: string
  policy?: Policy
  logger?: Logger
  clock?: () => Date
  version?: string
}

export interface RunningNode {
  url: string
  token: string
  nodeId: string
  name: string
  store: Store
  sessions: Sessions
  /** True when --demo seeded this (empty) data folder. */
  seeded: boolean
  /** A one-time sign-in link for a browser (the code sits in the fragment). */
  loginUrl(): string
  stop(): Promise<void>
}

export async function startNode(options: NodeOptions): Promise<RunningNode> {
  const logger = options.logger ?? createLogger('node')
  const store = await Store.open({ dataDir: options.dataDir, name: options.name, clock: options.clock })
  const seeded = options.demo ? await seedDemo(store) : false
  if (options.demo && !seeded) logger.info('--demo ignored: the data folder already holds data')
  const token = options.token ?? randomBytes(32).toString('base64url')
  const sessions = new Sessions(token)
  const domain: Domain = { store, policy: options.policy ?? DEFAULT_POLICY }
  const bindHost = options.host
  const app = createApp(
    {
      domain,
      sessions,
      logger,
      hostPolicy: { extraHosts: () => (bindHost === '0.0.0.0' || bindHost === '::' ? [] : [bindHost]) },
      rendererDir: options.rendererDir,
    },
    options.version,
  )
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: options.host, port: options.port }, () => resolve(s))
    s.once('error', reject)
  })
  const { port } = server.address() as AddressInfo
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host
  const url = `http://${shownHost}:${port}`
  let stopped = false
  return {
    url,
    token,
    nodeId: store.nodeId,
    name: store.identity.name,
    store,
    sessions,
    seeded,
    loginUrl: () => `${url}/#code=${sessions.issueLoginCode()}`,
    async stop() {
      if (stopped) return
      stopped = true
      // Stop taking requests (open SSE streams are cut), then let pending writes land.
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        ;(server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.()
      })
      await store.close()
    },
  }
}
