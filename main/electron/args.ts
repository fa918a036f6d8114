// Launch flags the desktop app understands, read by the same parser as headless start
// (main/node/cli-args.ts) in its lenient mode: Electron's argv also carries Chromium switches
// and, when packaged, no script path, so unknown arguments are ignored rather than rejected.
import { readFlagsLenient } from '../node/cli-args'
import { nodeName } from '../node/config'

export interface LaunchArgs {
  /** `--data DIR` / `--data=DIR`: the node's data folder (one instance per folder). */
  dataDir?: string
  /** `--name NAME`: this node's display name. */
  name?: string
  /** `--demo`: seed demo accounts. */
  demo: boolean
}

export function parseLaunchArgs(argv: readonly string[]): LaunchArgs {
  const flags = readFlagsLenient(argv, ['data', 'name', 'demo'])
  const out: LaunchArgs = { demo: flags.demo === true }
  if (flags.data !== undefined) {
    out.dataDir = flags.data
  }
  if (flags.name !== undefined) {
    out.name = nodeName(flags.name)
  }
  return out
}
