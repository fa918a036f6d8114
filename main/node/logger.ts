// The node's logger: one line per entry on stderr, so stdout stays for the lines people
// and scripts read ("listening on ...", "open ...").
import type { Logger } from '../server/errors'

export function createLogger(name: string, quiet = false): Logger {
  const write = (level: string, message: string, extra?: Record<string, unknown>) => {
    if (quiet && level !== 'error') return
    const tail = extra && Object.keys(extra).length > 0 ? ` ${JSON.stringify(extra)}` : ''
    process.stderr.write(`${new Date().toISOString()} ${level} [${name}] ${message}${tail}\n`)
  }
  return {
    info: (m, e) => write('info', m, e),
    warn: (m, e) => write('warn', m, e),
    error: (m, e) => write('error', m, e),
  }
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined }
