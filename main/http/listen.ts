// Starting and stopping a listener: the node's API and the HTTPS peer listener alike.
import { serve } from '@hono/node-server'
import type { ServerType } from '@hono/node-server'

/** Resolves once the server listens; rejects with the listen error (EADDRINUSE, ...). */
export function listen(options: Parameters<typeof serve>[0]): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve(options, () => resolve(server))
    server.once('error', reject)
  })
}

/** Stops taking connections and cuts the open ones (SSE streams, idle keep-alives); resolves once closed. */
export function closeListener(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    ;(server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.()
  })
}
