// The one logger of the main process (node, sync, HTTP server and Electron shell alike):
// one line per entry on stderr, so stdout stays for the lines people and scripts read
// ("listening on ...", "open ..."). App code does not use console.

export interface Logger {
  info(message: string, extra?: Record<string, unknown>): void
  warn(message: string, extra?: Record<string, unknown>): void
  error(message: string, extra?: Record<string, unknown>): void
}

export interface LoggerOptions {
  /** Only errors are written (tests, scripts that want a clean stderr). */
  quiet?: boolean
  /** Where lines go; stderr unless told. */
  write?: (line: string) => void
}

/** Errors in `extra` keep their stack (JSON.stringify would write `{}` for them). */
function withStacks(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    return value.stack ?? `${value.name}: ${value.message}`
  }
  return value
}

export function createLogger(scope: string, options: LoggerOptions = {}): Logger {
  const out = options.write ?? ((line: string) => void process.stderr.write(line))
  const emit = (level: string, message: string, extra?: Record<string, unknown>): void => {
    if (options.quiet && level !== 'error') {
      return
    }
    const tail = extra && Object.keys(extra).length > 0 ? ` ${JSON.stringify(extra, withStacks)}` : ''
    out(`${new Date().toISOString()} ${level} [${scope}] ${message}${tail}\n`)
  }
  return {
    info: (message, extra) => emit('info', message, extra),
    warn: (message, extra) => emit('warn', message, extra),
    error: (message, extra) => emit('error', message, extra),
  }
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined }
