// WCAG 2.x contrast arithmetic, and avatar colours chosen with it: every avatar's initials meet
// AA (4.5:1) against its own background, whatever hue the account's id gives it.
import { hueOf } from './format'

export type Rgb = readonly [number, number, number]

/** HSL (h in degrees, s and l in percent) to 0..255 RGB. */
export function hslToRgb(h: number, s: number, l: number): Rgb {
  const sat = s / 100
  const light = l / 100
  const k = (n: number) => (n + h / 30) % 12
  const a = sat * Math.min(light, 1 - light)
  const f = (n: number) => light - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)))
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255)]
}

/** Relative luminance (WCAG 2.x definition). */
export function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const v = c / 255
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/** Contrast ratio between two colours, 1 to 21. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

/** AA for normal-size text: what avatar initials (small, bold) must meet. */
export const AA_TEXT = 4.5

const WHITE: Rgb = [255, 255, 255]
/** Near-black initials, the app's own text colour (--text in the light theme). */
const INK: Rgb = [22, 24, 35]
const SATURATION = 62
const LIGHTNESS = 52

const hex = (rgb: Rgb) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`

export interface AvatarColors {
  background: string
  color: string
}

/**
 * The avatar's look for a hue: the app's bright background (62% saturation, 52% lightness) with
 * white initials where they reach AA, dark initials where those do (yellows, greens, cyans), and
 * otherwise the background darkened step by step until white initials reach AA.
 */
export function avatarColorsForHue(hue: number): AvatarColors {
  const bright = hslToRgb(hue, SATURATION, LIGHTNESS)
  if (contrastRatio(bright, WHITE) >= AA_TEXT) {
    return { background: hex(bright), color: '#ffffff' }
  }
  if (contrastRatio(bright, INK) >= AA_TEXT) {
    return { background: hex(bright), color: hex(INK) }
  }
  for (let l = LIGHTNESS - 1; l > 0; l--) {
    const darker = hslToRgb(hue, SATURATION, l)
    if (contrastRatio(darker, WHITE) >= AA_TEXT) {
      return { background: hex(darker), color: '#ffffff' }
    }
  }
  return { background: '#000000', color: '#ffffff' }
}

const byHue = new Map<number, AvatarColors>()

/** An account's avatar colours: stable per id, readable per background. Each hue's pair is
 * searched once (a scrolled inbox draws avatars every frame). */
export function avatarColors(id: string): AvatarColors {
  const hue = hueOf(id)
  let colors = byHue.get(hue)
  if (!colors) {
    colors = avatarColorsForHue(hue)
    byHue.set(hue, colors)
  }
  return colors
}
