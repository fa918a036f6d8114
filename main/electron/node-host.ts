// The desktop app's in-process node and its move between loopback and the LAN: the same data
// folder, token and (when still free) port, restarted on the new address. No Electron import:
// tested under plain Node with real nodes.
import { startNode } from '../node/start'
import type { NodeOptions, RunningNode } from '../node/start'

/** Loopback only: the default; nothing outside this computer can reach the node. */
export const LOOPBACK_HOST = '127.0.0.1'
/** Every interface: other machines on the network can reach the node and ask to pair. */
export const LAN_HOST = '0.0.0.0'

/** The node's port, from the URL it listens on. */
export function portOf(node: Pick<RunningNode, 'url'>): number {
  return Number(new URL(node.url).port)
}

/**
 * Where the desktop renderer reaches its node: always loopback. A LAN bind (0.0.0.0) answers
 * there too, and the renderer's CSP only allows loopback (shared/app-origin.ts).
 */
export function rendererUrlOf(node: Pick<RunningNode, 'url'>): string {
  return `http://${LOOPBACK_HOST}:${portOf(node)}`
}

export interface NodeHost {
  /** The running node; rejects when it could not start. */
  current(): Promise<RunningNode>
  /** Whether the running node binds the LAN. */
  readonly lan: boolean
  /**
   * Restarts the node on the LAN (or loopback only) and resolves with the new one. When the
   * new address cannot be bound, the node comes back on the old one and the error is thrown.
   */
  setLan(lan: boolean): Promise<RunningNode>
  /** Stops the node for good (after any restart under way). */
  stop(): Promise<void>
}

export interface NodeHostDeps {
  start?: (options: NodeOptions) => Promise<RunningNode>
  /** The address "LAN on" binds; tests use a second loopback address instead of every interface. */
  lanHost?: string
}

export function createNodeHost(options: Omit<NodeOptions, 'host'>, lan: boolean, deps: NodeHostDeps = {}): NodeHost {
  const start = deps.start ?? startNode
  const hostFor = (wanted: boolean): string => (wanted ? (deps.lanHost ?? LAN_HOST) : LOOPBACK_HOST)
  let bound = lan
  let node = start({ ...options, host: hostFor(lan) })
  // Toggles and the final stop run one after another, never interleaved.
  let queue: Promise<unknown> = node.catch(() => undefined)
  const enqueue = <T>(step: () => Promise<T>): Promise<T> => {
    const next = queue.then(step)
    queue = next.catch(() => undefined)
    return next
  }

  // On restart: the same port when it is free, so the open window keeps its address; demo
  // seeding happened on the first start if at all.
  const restart = async (host: string, port: number): Promise<RunningNode> => {
    const again = { ...options, demo: false, host }
    try {
      return await start({ ...again, port })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') {
        throw error
      }
      return start({ ...again, port: 0 })
    }
  }

  return {
    current: () => node,
    get lan() {
      return bound
    },
    setLan(wanted) {
      return enqueue(async () => {
        const old = await node
        if (wanted === bound) {
          return old
        }
        const port = portOf(old)
        await old.stop()
        try {
          node = Promise.resolve(await restart(hostFor(wanted), port))
          bound = wanted
        } catch (error) {
          node = restart(hostFor(bound), port)
          await node
          throw error
        }
        return node
      })
    },
    stop() {
      return enqueue(async () => (await node).stop())
    },
  }
}
