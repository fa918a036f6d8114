// A node = one running instance: its store, its HTTP server, its sign-in sessions.
// Used by the Electron shell (in-process) and by `npm run serve` (headless).
import type { AddressInfo } from 'node:net'
import { randomBytes } from 'node:crypto'
import { DEFAULT_POLICY } from '@shared/policy'
import type { Policy } from '@shared/policy'
import { sendTimesKeptMs } from '@shared/rules'
import type { Domain } from '../domain/domain'
import { closeListener, listen } from '../http/listen'
import { createLogger } from '../lib/logger'
import type { Logger } from '../lib/logger'
import { AutoMessenger } from '../outreach/business/runner'
import { planAutoMessages } from '../outreach/business/plan'
import { createApp } from '../server/app'
import { Sessions } from '../server/sessions'
import { CampaignScheduler } from '../outreach/scheduler'
import { Store } from '../store'
import type { FileOps } from '../store/log'
import { SyncService, advertisedHost, ownHostNames, syncApiRoutes } from '../sync'
import { seedDemo } from './demo'
import { seedLabWorld } from './lab-world'

export interface NodeOptions {
  dataDir: string
  host: string
  port: number
  token?: string
  name?: string
  demo?: boolean
  /** Lab node N (2 or more): seed its own accounts into an empty data folder (main/node/lab-world.ts). */
  labNode?: number
  /** Absolute folder of the built renderer, served at `/`. */
  rendererDir?: string
  policy?: Policy
  logger?: Logger
  clock?: () => Date
  version?: string
  /** Port of the HTTPS peer listener (LAN sync); default: the one used last time, else a free one. */
  peerPort?: number
  /** How often the campaign scheduler looks for due sends, ms (default 1000; 0: only when tick() is called). */
  schedulerTickMs?: number
  /** Enables the sync test hook (docs/SYNC.md "Testing"); never for real use. */
  testHooks?: boolean
  /** Records per log segment (tests only; default 512). */
  segmentSize?: number
  /** Replaces the store's file steps (tests inject disk faults through it). */
  files?: FileOps
  /** After a failed write, how often the store checks the disk takes writes again, ms (default 1000). */
  storageProbeMs?: number
}

export interface RunningNode {
  /** The HTTP app, for tools that inspect its routes (the OpenAPI test). */
  app: ReturnType<typeof createApp>
  url: string
  token: string
  nodeId: string
  name: string
  store: Store
  sessions: Sessions
  /** LAN sync: peers, pairing, replication. */
  sync: SyncService
  /** The campaign scheduler (tests drive its tick() with a hand-moved clock). */
  outreach: CampaignScheduler
  /** The HTTPS endpoint other nodes sync with, and its certificate's SHA-256 fingerprint. */
  peerUrl: string
  fingerprint: string
  /** Sends the business auto-messages this node plans (main/outreach/business). */
  autoMessages: AutoMessenger
  /** True when --demo seeded this (empty) data folder. */
  seeded: boolean
  /** A one-time sign-in link for a browser (the code sits in the fragment). */
  loginUrl(): string
  stop(): Promise<void>
}

export async function startNode(options: NodeOptions): Promise<RunningNode> {
  const logger = options.logger ?? createLogger('node')
  const store = await Store.open({
    dataDir: options.dataDir,
    name: options.name,
    clock: options.clock,
    files: options.files,
    recoveryProbeMs: options.storageProbeMs,
    onStorageNotice: ({ level, message }) => logger[level](`storage: ${message}`),
    segmentSize: options.segmentSize,
    sendTimesKeptMs: sendTimesKeptMs(options.policy ?? DEFAULT_POLICY),
  })
  const seeded = options.labNode ? await seedLabWorld(store, options.labNode) : options.demo ? await seedDemo(store) : false
  if (options.demo && !seeded) {
    logger.info('--demo ignored: the data folder already holds data')
  }
  const token = options.token ?? randomBytes(32).toString('base64url')
  const sessions = new Sessions(token)
  const domain: Domain = { store, policy: options.policy ?? DEFAULT_POLICY }
  // A message delivered to a business homed here is stored with its auto-message decisions.
  domain.onDelivery = (message) => planAutoMessages(store, message)
  const sync = await SyncService.create(domain, {
    dataDir: options.dataDir,
    bindHost: options.host,
    peerPort: options.peerPort,
    logger,
    testHooks: options.testHooks,
  })
  domain.remote = sync
  const outreach = new CampaignScheduler(domain, options.schedulerTickMs ?? 1000)
  const app = createApp(
    {
      domain,
      sessions,
      logger,
      // Bound to 0.0.0.0 for LAN use, the node answers to the machine's LAN addresses.
      hostPolicy: { extraHosts: ownHostNames(options.host) },
      rendererDir: options.rendererDir,
      networkRoutes: syncApiRoutes(sync),
      outreach,
    },
    options.version,
  )
  const server = await listen({ fetch: app.fetch, hostname: options.host, port: options.port })
  const { port } = server.address() as AddressInfo
  // For a wildcard bind, the URL to give people and peers is a LAN address, not 0.0.0.0.
  const url = `http://${advertisedHost(options.host)}:${port}`
  try {
    await sync.start(url)
  } catch (error) {
    await closeListener(server)
    await store.close()
    throw error
  }
  // Campaigns resume where they stopped: every step was persisted before it acted.
  outreach.start()
  const autoMessages = new AutoMessenger(domain, logger)
  autoMessages.start()
  let stopped = false
  return {
    app,
    url,
    token,
    nodeId: store.nodeId,
    name: store.identity.name,
    store,
    sessions,
    sync,
    outreach,
    peerUrl: sync.peerUrl,
    fingerprint: sync.fingerprint,
    autoMessages,
    seeded,
    loginUrl: () => `${url}/#code=${sessions.issueLoginCode()}`,
    async stop() {
      if (stopped) {
        return
      }
      stopped = true
      // Campaigns and auto-messages first: each sends through peer links and the store.
      await outreach.stop()
      await autoMessages.stop()
      // Then peer links: they must not write to the store once it is closing.
      await sync.stop()
      // Stop taking requests (open SSE streams are cut), then let pending writes land.
      await closeListener(server)
      await store.close()
    },
  }
}
