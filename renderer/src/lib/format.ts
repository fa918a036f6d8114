// Small display helpers: times, counts, region names, initials and avatar colours.

const MINUTE = 60_000
const DAY = 86_400_000

// Formatters are built once: toLocale*String builds a new one on every call, which showed
// in the inbox's scrolling profile (a row's time is formatted each time the row is drawn).
const formats = {
  time: new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }),
  weekday: new Intl.DateTimeFormat(undefined, { weekday: 'short' }),
  dayMonth: new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' }),
  dayMonthYear: new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' }),
}

/** "14:05" today, "Tue" this week, "3 Mar" this year, "3 Mar 2024" before. */
export function timeLabel(iso: string, now: Date = new Date()): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) {
    return ''
  }
  const age = now.getTime() - date.getTime()
  if (age < MINUTE) {
    return 'now'
  }
  if (date.toDateString() === now.toDateString()) {
    return formats.time.format(date)
  }
  if (age < 6 * DAY) {
    return formats.weekday.format(date)
  }
  if (date.getFullYear() === now.getFullYear()) {
    return formats.dayMonth.format(date)
  }
  return formats.dayMonthYear.format(date)
}

/** Full date and time for tooltips. */
export function fullTime(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })
}

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 })
export function compactNumber(n: number): string {
  return compact.format(n)
}

let regionNames: Intl.DisplayNames | undefined
/** "Germany" for "DE", in English; the code itself where the runtime has no name for it. */
export function regionName(code: string): string {
  try {
    regionNames ??= new Intl.DisplayNames(['en'], { type: 'region' })
    return regionNames.of(code) ?? code
  } catch {
    return code
  }
}

export function initials(name: string): string {
  const words = name
    .trim()
    .split(/[\s._-]+/)
    .filter(Boolean)
  if (words.length === 0) {
    return '?'
  }
  const letters = words.length === 1 ? [...words[0]].slice(0, 2) : [[...words[0]][0], [...words[words.length - 1]][0]]
  return letters.join('').toUpperCase()
}

/** A stable hue per account id, so an avatar keeps its colour everywhere. */
export function hueOf(id: string): number {
  let h = 0
  for (let i = 0; i < id.length; i++) {
    h = (h * 31 + id.charCodeAt(i)) >>> 0
  }
  return h % 360
}

/** "until 18:30", "until Tue 09:00" or "until you unmute". */
export function muteLabel(until: string | null, now: Date = new Date()): string {
  if (!until) {
    return 'Muted until you unmute'
  }
  const date = new Date(until)
  const sameDay = date.toDateString() === now.toDateString()
  const time = date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
  return sameDay ? `Muted until ${time}` : `Muted until ${date.toLocaleDateString([], { weekday: 'short' })} ${time}`
}
