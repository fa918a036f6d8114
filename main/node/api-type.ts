// The type of the node's whole API under /api/v1, its public routes and LAN sync's included: what
// Hono's `hc` sees. It lives here because main/node composes main/server and main/sync, which may
// not import each other.
import type { Hono } from 'hono'
import type { createApi } from '../server/app'
import type { publicRoutes } from '../server/routes/system'
import type { syncApiRoutes } from '../sync'

type SchemaOf<App> = App extends Hono<infer _Env, infer S, infer _Base> ? S : never
type AuthenticatedApi = ReturnType<typeof createApi<SchemaOf<ReturnType<typeof syncApiRoutes>>>>
type PublicRoutes = ReturnType<typeof publicRoutes>

// A type-only stand-in (never evaluated), so the type below is exactly what `_api.route('/', publicRoutes)`
// gives: main/server/app.ts mounts the public routes beside the authenticated API, before the token check.
declare const _api: AuthenticatedApi
export type ApiType = ReturnType<typeof _api.route<'/', PublicRoutes extends Hono<infer E> ? E : never, SchemaOf<PublicRoutes>, '/', '/'>>
