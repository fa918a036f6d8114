// LAN sync between nodes: pairing, replication, cross-node sends (docs/SYNC.md).
export { SyncService } from './service'
export type { SyncOptions } from './service'
export { syncApiRoutes } from './api-routes'
export { advertisedHost, ownHostNames, isWildcard } from './addresses'
