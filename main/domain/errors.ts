// Errors the domain raises; the server turns them into `{error: {code, message, ...}}`.
import type { Refusal } from '@shared/types'

export class DomainError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 429 | 502 | 503,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message)
    this.name = 'DomainError'
  }
}

/** A rule's refusal as an HTTP error: 400 for bad text, 429 for waits, 403 otherwise (docs/API.md). */
export function refusalError(refusal: Refusal): DomainError {
  const status = refusal.code === 'MESSAGE_INVALID' ? 400 : refusal.code === 'DAILY_CAP' || refusal.code === 'RATE_LIMITED' ? 429 : 403
  return new DomainError(status, refusal.code, refusal.message, refusal.retryAt ? { retryAt: refusal.retryAt } : {})
}

export function notFound(what: string): DomainError {
  return new DomainError(404, 'NOT_FOUND', `${what} was not found.`)
}

export function invalid(field: string, message: string): DomainError {
  return new DomainError(400, 'INVALID_INPUT', message, { field })
}
