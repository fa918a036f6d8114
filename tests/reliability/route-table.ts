// The routes a running node serves, read from its Hono app's own route table (so routes
// added later are walked too): the auth and malformed-input tests share this.
import type { RunningNode } from '../../main/node/start'

export interface ServedRoute {
  method: string
  path: string
}

const METHODS = new Set(['GET', 'POST', 'PATCH', 'PUT', 'DELETE'])

/** Handlers with a real method under /api (middleware and catch-alls are 'ALL' or '*'). */
export function servedRoutes(node: RunningNode): ServedRoute[] {
  const seen = new Map<string, ServedRoute>()
  for (const r of node.app.routes) {
    if (!METHODS.has(r.method) || !r.path.startsWith('/api/') || r.path.includes('*')) {continue}
    seen.set(`${r.method} ${r.path}`, { method: r.method, path: r.path })
  }
  return [...seen.values()]
}

/** Fills `:param` (and `:param{regex}`) segments with `fill(name)`. */
export function fillParams(path: string, fill: (name: string) => string): string {
  return path.replace(/:(\w+)(\{[^}]*\})?/g, (_m, name: string) => fill(name))
}
