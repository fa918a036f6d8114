// The one reader of a node's command line, for headless start (strict) and the desktop shell
// (lenient). Built on Node's util.parseArgs, which already knows --flag VALUE, --flag=VALUE,
// short flags and `--`; this module adds only our sentences and the two policies.
import { parseArgs } from 'node:util'

/** Every flag a node understands (README "Run it", docs/API.md); values are checked by the caller. */
export const NODE_FLAGS = {
  data: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  token: { type: 'string' },
  name: { type: 'string' },
  demo: { type: 'boolean' },
  'lab-node': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  policy: { type: 'string' },
  peer: { type: 'string' },
  'peer-port': { type: 'string' },
  'pair-code': { type: 'string' },
} as const

export type NodeFlag = keyof typeof NODE_FLAGS
type FlagValue<F extends NodeFlag> = (typeof NODE_FLAGS)[F]['type'] extends 'boolean' ? boolean : string
/** What was given, by flag name; a flag not given is absent. */
export type NodeFlags = { [F in NodeFlag]?: FlagValue<F> }

/** A command line that cannot be honoured; the message is a sentence for the person who typed it. */
export class CliError extends Error {}

const isFlag = (name: string): name is NodeFlag => Object.hasOwn(NODE_FLAGS, name)
const takesValue = (name: string): boolean => isFlag(name) && NODE_FLAGS[name].type === 'string'

function tokensOf(argv: readonly string[]) {
  // strict: false so that we, not Node, word the errors (and the lenient mode can skip).
  return parseArgs({ args: [...argv], options: NODE_FLAGS, strict: false, allowPositionals: true, tokens: true }).tokens
}

/**
 * Headless start: every argument must be one of ours and every value present. A value that
 * looks like a flag (`--data --demo`) is a missing value, not a folder named "--demo".
 */
export function readFlagsStrict(argv: readonly string[]): NodeFlags {
  const out: Record<string, string | boolean> = {}
  for (const token of tokensOf(argv)) {
    if (token.kind === 'option-terminator') {
      continue
    }
    if (token.kind === 'positional') {
      throw new CliError(`Unknown option "${token.value}".`)
    }
    const { name, rawName, value, inlineValue } = token
    if (!isFlag(name)) {
      throw new CliError(`Unknown option "${rawName}".`)
    }
    if (!takesValue(name)) {
      if (value !== undefined) {
        throw new CliError(`${rawName} takes no value.`)
      }
      out[name] = true
      continue
    }
    if (value === undefined || value === '' || (!inlineValue && value.startsWith('--'))) {
      throw new CliError(`${rawName} needs a value.`)
    }
    out[name] = value
  }
  return out as NodeFlags
}

/**
 * The desktop shell: Electron's argv also holds the executable, the app path and Chromium
 * switches (`--no-sandbox`, `--enable-logging`), so anything not ours is ignored, only the
 * `allowed` flags are read, and a flag without a value is dropped rather than eating the next
 * switch as its value.
 */
export function readFlagsLenient(argv: readonly string[], allowed: readonly NodeFlag[]): NodeFlags {
  const valueMissing = (arg: string, next: string | undefined): boolean =>
    arg.startsWith('--') && takesValue(arg.slice(2)) && (next === undefined || next.startsWith('-'))
  const cleaned = argv.filter((arg, i) => !valueMissing(arg, argv[i + 1]))
  const out: Record<string, string | boolean> = {}
  for (const token of tokensOf(cleaned)) {
    if (token.kind !== 'option' || !allowed.includes(token.name as NodeFlag)) {
      continue
    }
    const { name, value } = token
    if (!takesValue(name)) {
      if (value === undefined) {
        out[name] = true
      }
    } else if (value !== undefined && value.trim() !== '') {
      out[name] = value
    }
  }
  return out as NodeFlags
}
