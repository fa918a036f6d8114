// A tiny logger for the Electron shell (app code does not use console). Writes
// single lines to stderr, which the OS or the launching terminal keeps.

export interface Logger {
  info(message: string): void
  error(message: string, err?: unknown): void
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`
  return String(err)
}

export function createLogger(scope: string, write: (line: string) => void = (line) => process.stderr.write(line)): Logger {
  const emit = (level: string, message: string): void => write(`${new Date().toISOString()} ${level} [${scope}] ${message}\n`)
  return {
    info: (message) => emit('info', message),
    error: (message, err) => emit('error', err === undefined ? message : `${message}: ${describe(err)}`),
  }
}
