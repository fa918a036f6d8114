// Do-not-disturb: is a local time inside the "HH:MM"-"HH:MM" window? Windows may wrap midnight.
import type { NotificationSettings } from '@shared/types'

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number)
  return h * 60 + m
}

export function inQuietHours(quiet: NotificationSettings['quietHours'], now: Date): boolean {
  if (!quiet) {
    return false
  }
  const from = minutes(quiet.from)
  const to = minutes(quiet.to)
  const t = now.getHours() * 60 + now.getMinutes()
  if (from === to) {
    return false
  }
  return from < to ? t >= from && t < to : t >= from || t < to
}
