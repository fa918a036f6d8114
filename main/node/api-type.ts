// The type of the node's whole authenticated API, LAN sync's routes included: what Hono's `hc`
// sees. It lives here because main/node composes main/server and main/sync, which may not import each other.
import type { Hono } from 'hono'
import type { createApi } from '../server/app'
import type { syncApiRoutes } from '../sync'

type SchemaOf<App> = App extends Hono<infer _Env, infer S, infer _Base> ? S : never
export type ApiType = ReturnType<typeof createApi<SchemaOf<ReturnType<typeof syncApiRoutes>>>>
