// Which HTTP status each error code of the API answers with, and the errors every route can
// meet (foreign Host, bad or oversized body), for the OpenAPI document (docs/API.md "Error codes").
import type { HttpMethod } from '@shared/api'
import type { RefusalCode } from '@shared/types'
import { refusalError } from '../domain/errors'

const STATUS_OF_CODE: Record<string, number> = {
  INVALID_INPUT: 400,
  INVALID_CODE: 400,
  PAIRING_FAILED: 400,
  CANNOT_PAIR_WITH_SELF: 400,
  TEMPLATE_INVALID: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN_HOST: 403,
  BUSINESS_ONLY: 403,
  NOT_AVAILABLE_IN_REGION: 403,
  NOT_FOUND: 404,
  HANDLE_TAKEN: 409,
  NOT_HOME: 409,
  HOME_NOT_PAIRED: 409,
  NOT_YOUR_REQUEST: 409,
  NOT_A_REQUEST: 409,
  CAMPAIGN_FINISHED: 409,
  ALREADY_PAIRED: 409,
  LABEL_EXISTS: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PEER_UNREACHABLE: 502,
  PEER_UNTRUSTED: 502,
  STORAGE_UNAVAILABLE: 503,
  STORAGE_DAMAGED: 503,
}

/** Codes not listed above are rule refusals, with the status the API answers them with. */
export function statusOf(code: string): number {
  return STATUS_OF_CODE[code] ?? refusalError({ ok: false, code: code as RefusalCode, message: '' }).status
}

/** What any route may answer besides its own codes: the Host check, the token, a body's size and type, a full disk. */
export function commonErrors(method: HttpMethod, isPublic: boolean, readsInput: boolean): string[] {
  const writes = method !== 'get'
  return [
    'FORBIDDEN_HOST',
    ...(isPublic ? [] : ['UNAUTHENTICATED']),
    ...(readsInput ? ['INVALID_INPUT'] : []),
    ...(writes && method !== 'delete' ? ['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'] : []),
    ...(writes ? ['STORAGE_UNAVAILABLE', 'STORAGE_DAMAGED'] : []),
  ]
}
