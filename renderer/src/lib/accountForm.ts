// The create-account form checked with the shared schema: one message per field, in words.
import { createAccountSchema } from '@shared/schemas'
import type { CreateAccountBody } from '@shared/api/contract'

export interface AccountForm {
  handle: string
  displayName: string
  birthDate: string
  phone: string
  region: string
  kind: 'personal' | 'business'
}

export type FieldErrors = Partial<Record<keyof AccountForm, string>>

export const emptyAccountForm = (): AccountForm => ({ handle: '', displayName: '', birthDate: '', phone: '', region: 'US', kind: 'personal' })

/** The request body (an empty phone is left out), or the first message for each bad field. */
export function checkAccountForm(form: AccountForm): { ok: true; body: CreateAccountBody } | { ok: false; errors: FieldErrors } {
  const body: CreateAccountBody = {
    handle: form.handle.trim().replace(/^@/, ''),
    displayName: form.displayName,
    birthDate: form.birthDate,
    region: form.region,
    kind: form.kind,
  }
  if (form.phone.trim()) {
    body.phone = form.phone.trim()
  }
  const parsed = createAccountSchema.safeParse(body)
  if (parsed.success) {
    return { ok: true, body }
  }
  const errors: FieldErrors = {}
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as keyof AccountForm | undefined
    if (field && !errors[field]) {
      errors[field] = issue.message
    }
  }
  return { ok: false, errors }
}
