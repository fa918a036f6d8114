// Errors shown to people: the node's own sentence (ApiError.message), never a bare code.
import { ApiError } from '@shared/api/client'

export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    return error.message
  }
  return 'Something went wrong. Try again in a moment.'
}

/** The code behind an error, for logic only (never shown on its own). */
export function errorCode(error: unknown): string | undefined {
  return error instanceof ApiError ? error.code : undefined
}
