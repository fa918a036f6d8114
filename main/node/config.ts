// Command-line options of a node (docs/API.md "Headless start"), parsed strictly: a typo is an
// error with a sentence, never a silently ignored flag.
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

export interface CliOptions {
  dataDir: string
  host: string
  port: number
  token?: string
  name?: string
  demo: boolean
  help: boolean
  peer?: string
  /** A JSON file with policy numbers that replace the defaults (docs/RULES.md: operators may change them). */
  policyFile?: string
  pairCode?: string
  /** HTTPS port for other nodes (LAN sync). */
  peerPort?: number
}

export const DEFAULT_PORT = 4870

export const USAGE = `Usage: npm run serve -- [--data DIR] [--port PORT] [--host 127.0.0.1] [--token TOKEN] [--demo] [--name NAME]
  --data DIR     data folder (default: the OS app-data folder)
  --port PORT    port to listen on; 0 picks a free one (default ${DEFAULT_PORT})
  --host HOST    address to bind (default 127.0.0.1; 0.0.0.0 only for LAN use)
  --token TOKEN  bearer token for the API (default: a random one, printed)
  --demo         fill an empty data folder with a demo world
  --name NAME    this node's name, shown to peers
  --policy FILE  JSON with policy numbers replacing the defaults (caps, limits)
  --peer-port PORT  HTTPS port for other nodes (default: the one used last time, else a free one)
  --peer URL     pair on start with the node that prints "listening on URL"...
  --pair-code CODE  ...with the pairing code it shows (GET /api/v1/pairing-code there)`

/** The OS's folder for app data, as Electron's app.getPath('userData') would give. */
export function defaultDataDir(platform = process.platform, env = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Envelope')
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Envelope')
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Envelope')
}

export class CliError extends Error {}

export function parseArgs(argv: string[]): CliOptions {
  const out: CliOptions = { dataDir: defaultDataDir(), host: '127.0.0.1', port: DEFAULT_PORT, demo: false, help: false }
  const valueOf = (i: number, flag: string): string => {
    const v = argv[i + 1]
    if (v === undefined || v.startsWith('--')) throw new CliError(`${flag} needs a value.`)
    return v
  }
  const portOf = (i: number, flag: string): number => {
    const raw = valueOf(i, flag)
    const port = Number(raw)
    if (!/^\d+$/.test(raw) || port > 65535) throw new CliError(`${flag} must be a number from 0 to 65535, not "${raw}".`)
    return port
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    switch (arg) {
      case '--data':
        out.dataDir = resolve(valueOf(i++, arg))
        break
      case '--port':
        out.port = portOf(i++, arg)
        break
      case '--peer-port':
        out.peerPort = portOf(i++, arg)
        break
      case '--host':
        out.host = valueOf(i++, arg)
        break
      case '--token': {
        const token = valueOf(i++, arg)
        if (!/^[A-Za-z0-9._~+/-]+=*$/.test(token)) throw new CliError('--token may use letters, digits and . _ ~ + / - only.')
        out.token = token
        break
      }
      case '--name':
        out.name = valueOf(i++, arg).slice(0, 60)
        break
      case '--policy':
        out.policyFile = resolve(valueOf(i++, arg))
        break
      case '--peer':
        out.peer = valueOf(i++, arg)
        break
      case '--pair-code':
        out.pairCode = valueOf(i++, arg)
        break
      case '--demo':
        out.demo = true
        break
      case '--help':
      case '-h':
        out.help = true
        break
      default:
        throw new CliError(`Unknown option "${arg}".`)
    }
  }
  if ((out.peer === undefined) !== (out.pairCode === undefined)) throw new CliError('--peer and --pair-code go together.')
  return out
}
