// Envelope's policy numbers in one object, so an operator can change them (docs/RULES.md).

export interface Policy {
  minAgeForMessages: number
  minAgeForEveryone: number
  adultAge: number
  messageMaxLength: number
  handle: { min: number; max: number }
  requestDeclineCooldownMs: number
  capWindowMs: number
  burstWindowMs: number
  caps: {
    personal: { messagesPerDay: number; newConversationsPerDay: number; newConversationsPerBurst: number }
    verifiedBusiness: { messagesPerDay: number; newConversationsPerDay: number; newConversationsPerBurst: number }
  }
  muteDurationsMs: number[]
}

const HOUR = 3_600_000
const DAY = 24 * HOUR

export const DEFAULT_POLICY: Policy = {
  minAgeForMessages: 16,
  minAgeForEveryone: 18,
  adultAge: 18,
  messageMaxLength: 2000,
  handle: { min: 2, max: 24 },
  requestDeclineCooldownMs: 30 * DAY,
  capWindowMs: DAY,
  burstWindowMs: 10 * 60_000,
  caps: {
    personal: { messagesPerDay: 500, newConversationsPerDay: 50, newConversationsPerBurst: 10 },
    verifiedBusiness: { messagesPerDay: 5000, newConversationsPerDay: 500, newConversationsPerBurst: 60 },
  },
  muteDurationsMs: [HOUR, 8 * HOUR, DAY],
}

/** EU member states plus the EEA (Iceland, Liechtenstein, Norway), ISO 3166-1 alpha-2. */
export const EU_EEA_REGIONS: ReadonlySet<string> = new Set([
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  'IS',
  'LI',
  'NO',
])
