// Command-line options of a node (docs/API.md "Headless start"), parsed strictly: a typo is an
// error with a sentence, never a silently ignored flag.
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { CliError, readFlagsStrict } from './cli-args'

export { CliError }

export interface CliOptions {
  dataDir: string
  host: string
  port: number
  token?: string
  name?: string
  demo: boolean
  /** `npm run lab`: seed the demo world of lab node N (2 or more) instead of --demo's. */
  labNode?: number
  help: boolean
  peer?: string
  /** A JSON file with policy numbers that replace the defaults (docs/RULES.md: operators may change them). */
  policyFile?: string
  pairCode?: string
  /** HTTPS port for other nodes (LAN sync). */
  peerPort?: number
}

export const DEFAULT_PORT = 4870
/** Longer names are cut: peers show them in one line. */
const MAX_NAME_LENGTH = 60

/** A node name as given on any command line (headless or desktop). */
export function nodeName(raw: string): string {
  return raw.slice(0, MAX_NAME_LENGTH)
}

export const USAGE = `Usage: npm run serve -- [--data DIR] [--port PORT] [--host 127.0.0.1] [--token TOKEN] [--demo] [--name NAME]
  --data DIR     data folder (default: the OS app-data folder)
  --port PORT    port to listen on; 0 picks a free one (default ${DEFAULT_PORT})
  --host HOST    address to bind (default 127.0.0.1; 0.0.0.0 only for LAN use)
  --token TOKEN  bearer token for the API (default: a random one, printed)
  --demo         fill an empty data folder with a demo world
  --name NAME    this node's name, shown to peers
  --lab-node N   (npm run lab) fill an empty data folder with lab node N's accounts (N >= 2)
  --policy FILE  JSON with policy numbers replacing the defaults (caps, limits)
  --peer-port PORT  HTTPS port for other nodes (default: the one used last time, else a free one)
  --peer URL     pair on start with the node that prints "listening on URL"...
  --pair-code CODE  ...with the pairing code it shows (GET /api/v1/pairing-code there)`

/** The OS's folder for app data, as Electron's app.getPath('userData') would give. */
export function defaultDataDir(platform = process.platform, env = process.env): string {
  if (platform === 'win32') {
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Envelope')
  }
  if (platform === 'darwin') {
    return join(homedir(), 'Library', 'Application Support', 'Envelope')
  }
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Envelope')
}

/** A node's options from its command line (strict: a typo is an error, see cli-args.ts). */
export function parseArgs(argv: string[]): CliOptions {
  const flags = readFlagsStrict(argv)
  const portOf = (raw: string | undefined, flag: string): number | undefined => {
    if (raw === undefined) {
      return undefined
    }
    const port = Number(raw)
    if (!/^\d+$/.test(raw) || port > 65535) {
      throw new CliError(`${flag} must be a number from 0 to 65535, not "${raw}".`)
    }
    return port
  }
  if (flags.token !== undefined && !/^[A-Za-z0-9._~+/-]+=*$/.test(flags.token)) {
    throw new CliError('--token may use letters, digits and . _ ~ + / - only.')
  }
  const labNode = flags['lab-node'] === undefined ? undefined : Number(flags['lab-node'])
  if (labNode !== undefined && (!Number.isInteger(labNode) || labNode < 2 || labNode > 99)) {
    throw new CliError('--lab-node must be a whole number from 2 to 99.')
  }
  if ((flags.peer === undefined) !== (flags['pair-code'] === undefined)) {
    throw new CliError('--peer and --pair-code go together.')
  }
  return {
    dataDir: flags.data !== undefined ? resolve(flags.data) : defaultDataDir(),
    host: flags.host ?? '127.0.0.1',
    port: portOf(flags.port, '--port') ?? DEFAULT_PORT,
    peerPort: portOf(flags['peer-port'], '--peer-port'),
    token: flags.token,
    name: flags.name !== undefined ? nodeName(flags.name) : undefined,
    policyFile: flags.policy !== undefined ? resolve(flags.policy) : undefined,
    peer: flags.peer,
    pairCode: flags['pair-code'],
    demo: flags.demo === true,
    labNode,
    help: flags.help === true,
  }
}
