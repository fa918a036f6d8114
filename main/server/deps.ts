// What the HTTP app is given by the node that runs it (domain, sessions, logger, host policy).
import type { Hono, Schema } from 'hono'
import type { BlankEnv } from 'hono/types'
import type { Domain } from '../domain/domain'
import type { Logger } from '../lib/logger'
import type { HostPolicy } from './security'
import type { Sessions } from './sessions'

/** Everything the HTTP app needs from the node that runs it. */
export interface ServerDeps {
  domain: Domain
  sessions: Sessions
  logger: Logger
  hostPolicy: HostPolicy
  /** Absolute folder of the built renderer, served at `/` when present. */
  rendererDir?: string
  /**
   * Routes other parts of the node add (LAN sync's pairing, peers, network map), mounted in
   * the authenticated API under /api/v1. Their types join ApiType in main/node/api-type.ts.
   */
  networkRoutes?: Hono<BlankEnv, Schema, '/'>
  /** The campaign scheduler, told when a campaign is created or resumed so it starts at once. */
  outreach?: { kick(): void }
}
