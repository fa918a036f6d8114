// Test people made through the typed client: adults with a phone (R3), in the US unless told.
import type { EnvelopeClient } from '@shared/api/client'
import type { AccountView, WhoCanMessageMe } from '@shared/types'

let n = 0

export async function person(
  client: EnvelopeClient,
  name: string,
  options: { region?: string; who?: WhoCanMessageMe; readReceipts?: boolean } = {},
): Promise<AccountView> {
  n++
  const handle = `${name.toLowerCase()}.${Date.now().toString(36).slice(-4)}${n}`
  const { account } = await client.createAccount({
    handle,
    displayName: name,
    birthDate: '1994-05-17',
    phone: `+1415555${String(1000 + n).slice(-4)}`,
    region: options.region ?? 'US',
    kind: 'personal',
  })
  const patch: { whoCanMessageMe?: WhoCanMessageMe; readReceipts?: boolean } = {}
  if (options.who) {
    patch.whoCanMessageMe = options.who
  }
  if (options.readReceipts !== undefined) {
    patch.readReceipts = options.readReceipts
  }
  if (Object.keys(patch).length) {
    await client.patchSettings(account.id, patch)
  }
  return account
}
