// The error body every 4xx and 5xx of the API carries (docs/API.md "Error codes").
import { z } from 'zod'
import { component } from './registry'

export const apiErrorSchema = component(
  'ApiError',
  z.object({
    error: z.looseObject({
      code: z.string().describe('A stable UPPER_SNAKE code, e.g. NOT_FOUND or a rule refusal such as DAILY_CAP.'),
      message: z.string().describe('A sentence a person understands.'),
      field: z.string().optional().describe('The input field at fault, for INVALID_INPUT and its kin.'),
      retryAt: z.string().optional().describe('When waiting cures the refusal (R8, R12, R13): ISO time.'),
    }),
  }),
  '`{"error": {"code", "message", ...}}`',
)
