// Launch flags the desktop app understands. Electron's argv also carries Chromium
// switches and, when packaged, no script path, so unknown arguments are ignored
// rather than rejected.

export interface LaunchArgs {
  /** `--data DIR` / `--data=DIR`: the node's data folder (one instance per folder). */
  dataDir?: string
  /** `--name NAME`: this node's display name. */
  name?: string
  /** `--demo`: seed demo accounts. */
  demo: boolean
}

function valueOf(argv: readonly string[], i: number, flag: string): { value?: string; skip: number } {
  const arg = argv[i]
  if (arg === flag) {
    const next = argv[i + 1]
    return next !== undefined && !next.startsWith('--') ? { value: next, skip: 1 } : { skip: 0 }
  }
  return arg.startsWith(`${flag}=`) ? { value: arg.slice(flag.length + 1), skip: 0 } : { skip: 0 }
}

export function parseLaunchArgs(argv: readonly string[]): LaunchArgs {
  const out: LaunchArgs = { demo: false }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--demo') {
      out.demo = true
      continue
    }
    for (const [flag, key] of [['--data', 'dataDir'], ['--name', 'name']] as const) {
      if (arg !== flag && !arg.startsWith(`${flag}=`)) continue
      const { value, skip } = valueOf(argv, i, flag)
      if (value !== undefined && value.trim() !== '') out[key] = value
      i += skip
    }
  }
  return out
}
