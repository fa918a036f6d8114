// Date.parse for the message times the projection reads (every send, every replayed message),
// without Date.parse's ~140 ns for most of them: the times this node writes are ISO texts
// "YYYY-MM-DDTHH:mm:ss.sssZ", and consecutive ones mostly share their second. The epoch ms of
// the last second parsed is kept, and a text of that second adds its three millisecond digits.

/** The first 20 characters ("2026-12-04T15:00:07.") of the last time parsed in the plain ISO form. */
let second = '1970-01-01T00:00:00.'
/** The epoch ms of `second` + "000Z". */
let secondMs = 0

const digitAt = (text: string, i: number): number => {
  const d = text.charCodeAt(i) - 48
  return d >= 0 && d <= 9 ? d : -1
}

/** The three millisecond digits of a 24-character "....sssZ" text, or -1. */
function millisOf(text: string): number {
  const a = digitAt(text, 20)
  const b = digitAt(text, 21)
  const c = digitAt(text, 22)
  return a < 0 || b < 0 || c < 0 || text.charCodeAt(23) !== 90 /* Z */ ? -1 : a * 100 + b * 10 + c
}

/**
 * Whether `text` starts with the plain ISO date-time up to its seconds: digits and separators
 * where they belong. Hour 24 is left out: "T24:00:00.000Z" is a valid time and "T24:00:00.001Z"
 * is not, so only there would the milliseconds decide validity.
 */
function plainSecond(text: string): boolean {
  for (let i = 0; i < 19; i++) {
    const c = text.charCodeAt(i)
    const separator = i === 4 || i === 7 ? 45 /* - */ : i === 10 ? 84 /* T */ : i === 13 || i === 16 ? 58 /* : */ : 0
    if (separator !== 0 ? c !== separator : c < 48 || c > 57) {
      return false
    }
  }
  return text.charCodeAt(19) === 46 /* . */ && !(text.charCodeAt(11) === 50 && text.charCodeAt(12) === 52) /* 24 */
}

/** Exactly Date.parse(text) (NaN included). */
export function parseTime(text: string): number {
  if (text.length === 24 && text.startsWith(second)) {
    const millis = millisOf(text)
    if (millis >= 0) {
      return secondMs + millis
    }
  }
  const ms = Date.parse(text)
  if (text.length === 24 && Number.isFinite(ms) && plainSecond(text)) {
    const millis = millisOf(text)
    if (millis >= 0) {
      // Within one second of a plain ISO time every millisecond is valid and adds its value.
      second = text.slice(0, 20)
      secondMs = ms - millis
    }
  }
  return ms
}
