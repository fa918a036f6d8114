// Per-account settings rules: who-can-message-me (R4, R5), read receipts (R15), mute (R16).
import type { Policy } from '../policy'
import { DEFAULT_POLICY, EU_EEA_REGIONS } from '../policy'
import type { AccountSettings, Refusal, WhoCanMessageMe } from '../types'
import { ageOn, isMinor } from './age'
import { refuse } from './refusal'

export const WHO_CAN_MESSAGE_ME: readonly WhoCanMessageMe[] = ['everyone', 'followers', 'mutual', 'nobody']

export function isEuRegion(region: string): boolean {
  return EU_EEA_REGIONS.has(region)
}

/** R4: minors (under 18) default to "nobody"; adults to "followers". R15: receipts on where allowed. */
export function defaultSettings(account: { birthDate: string; region: string }, now: Date, policy: Policy = DEFAULT_POLICY): AccountSettings {
  return {
    whoCanMessageMe: isMinor(account.birthDate, now, policy) ? 'nobody' : 'followers',
    readReceipts: !isEuRegion(account.region),
    notifications: { enabled: true, showPreview: true, countInBadge: true, quietHours: null },
  }
}

/** R4: why an option of who-can-message-me is not allowed for this account, or null. */
export function whoCanMessageMeProblem(
  value: WhoCanMessageMe,
  account: { birthDate: string },
  now: Date,
  policy: Policy = DEFAULT_POLICY,
): string | null {
  if (value === 'everyone' && ageOn(account.birthDate, now) < policy.minAgeForEveryone) {
    return `Accounts under ${policy.minAgeForEveryone} cannot let everyone message them.`
  }
  return null
}

/** R15: why read receipts cannot be turned on for this account, or null. */
export function readReceiptsProblem(account: { region: string }): string | null {
  return isEuRegion(account.region) ? 'Read receipts are not available for accounts in the EU/EEA.' : null
}

/** R4 + R15 applied to a settings change. */
export function checkSettingsChange(
  change: { whoCanMessageMe?: WhoCanMessageMe; readReceipts?: boolean },
  account: { birthDate: string; region: string },
  now: Date,
  policy: Policy = DEFAULT_POLICY,
): { ok: true } | Refusal {
  if (change.whoCanMessageMe !== undefined) {
    const problem = whoCanMessageMeProblem(change.whoCanMessageMe, account, now, policy)
    if (problem) {
      return refuse('SETTING_NOT_ALLOWED', problem)
    }
  }
  if (change.readReceipts === true) {
    const problem = readReceiptsProblem(account)
    if (problem) {
      return refuse('SETTING_NOT_ALLOWED', problem)
    }
  }
  return { ok: true }
}

/** R15: receipts count as on only where the account chose them and its region allows them. */
export function receiptsActive(account: { region: string }, settings: { readReceipts: boolean }): boolean {
  return settings.readReceipts && !isEuRegion(account.region)
}

/** R15: the sender sees "Seen" only if both sides have read receipts on, and the recipient read it. */
export function seenVisible(
  sender: { region: string; settings: { readReceipts: boolean } },
  recipient: { region: string; settings: { readReceipts: boolean } },
  recipientHasRead: boolean,
): boolean {
  return recipientHasRead && receiptsActive(sender, sender.settings) && receiptsActive(recipient, recipient.settings)
}

/** R16: is a mute in force at `now`? `until` null means until unmuted. */
export function muteActive(mute: { muted: boolean; until: string | null }, now: Date): boolean {
  if (!mute.muted) {
    return false
  }
  return mute.until === null || Date.parse(mute.until) > now.getTime()
}
