// What one operation of the node API is: its method and path (under /api/v1), what a success
// returns (a zod schema) and the error codes it can answer. One table of these, per area, is
// what the typed client (shared/api/client.ts), the OpenAPI document and the contract test read.
import type { z } from 'zod'

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete'

export interface Operation {
  method: HttpMethod
  /** Under /api/v1, parameters as `{name}`. */
  path: string
  summary: string
  /** The success status. */
  status: 200 | 201
  /** What a success carries (JSON unless `media` says otherwise). */
  response: z.ZodType
  /** A success that is not JSON: the results CSV, the event stream. */
  media?: 'text/csv' | 'text/event-stream'
  /** The codes this route itself answers with, beyond INVALID_INPUT for a bad body or query and 401. */
  errors?: readonly string[]
  /** Answers without a session token. */
  public?: true
  /** The body or query, only where the route reads it without a `validate` middleware (their schemas come from the route itself otherwise). */
  body?: z.ZodType
  query?: z.ZodType
}

/** Keeps each entry's literal method, path and status (the contract test walks the paths as types). */
export function operationTable<const T extends Record<string, Operation>>(table: T): T {
  return table
}
