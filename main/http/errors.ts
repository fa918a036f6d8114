// One error format for the node's API and the peer listener: {error: {code, message, ...extra}} (docs/API.md).
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { DomainError } from '../domain/errors'
import { diskFaultReason, errnoOf, isDiskFault, StoreCorruptError, StoreWriteError } from '../store/log'

import type { Logger } from '../lib/logger'

export function errorBody(code: string, message: string, extra: Record<string, unknown> = {}) {
  return { error: { code, message, ...extra } }
}

/** Generic in the status, so a route's typed responses (hc, InferResponseType) keep errors apart from successes. */
export function sendError<S extends ContentfulStatusCode>(c: Context, status: S, code: string, message: string, extra: Record<string, unknown> = {}) {
  return c.json(errorBody(code, message, extra), status)
}

/** Central error handler: known errors to their response, the rest logged and hidden behind a 500. */
export function makeErrorHandler(logger: Logger) {
  return (err: Error, c: Context) => {
    if (err instanceof DomainError) {
      return sendError(c, err.status, err.code, err.message, err.extra)
    }
    if (err instanceof HTTPException) {
      if (err.status === 400) {
        return sendError(c, 400, 'INVALID_INPUT', 'The request body is not valid JSON.')
      }
      if (err.status === 413) {
        return sendError(c, 413, 'PAYLOAD_TOO_LARGE', 'The request body is larger than 256 KiB.')
      }
      if (err.status === 401) {
        return sendError(c, 401, 'UNAUTHENTICATED', 'A valid bearer token is required.')
      }
      return sendError(c, err.status as ContentfulStatusCode, 'HTTP_ERROR', err.message || 'The request failed.')
    }
    if (err instanceof StoreWriteError || isDiskFault(err)) {
      // The store refuses writes until the disk takes them again (docs/RELIABILITY.md "Disk faults").
      logger.warn('storage unavailable', { error: err.message, path: c.req.path })
      c.header('Retry-After', '5')
      const why = diskFaultReason(err instanceof StoreWriteError ? err.code : errnoOf(err))
      return sendError(c, 503, 'STORAGE_UNAVAILABLE', `The node cannot save right now (${why}); nothing from this request was saved. Try again shortly.`)
    }
    if (err instanceof StoreCorruptError) {
      logger.error('damaged store file', { error: err.message, file: err.file })
      return sendError(c, 503, 'STORAGE_DAMAGED', `A file in the node's data folder is damaged (${err.file}): ${err.problem}. Nothing from this request was saved.`)
    }
    logger.error('unhandled error', { error: err.stack ?? String(err), path: c.req.path })
    return sendError(c, 500, 'INTERNAL', 'Something went wrong on the node. Nothing you sent was lost.')
  }
}
