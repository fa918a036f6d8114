// The contrast arithmetic against WCAG's own reference values, and every avatar hue's initials
// reaching AA (4.5:1) on their background (issue 16).
import { describe, expect, it } from 'vitest'
import { AA_TEXT, avatarColors, avatarColorsForHue, contrastRatio, hslToRgb } from '../../renderer/src/lib/contrast'
import type { Rgb } from '../../renderer/src/lib/contrast'

const rgb = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as unknown as Rgb

describe('contrast ratio', () => {
  it.each([
    ['#000000', '#ffffff', 21],
    ['#ffffff', '#ffffff', 1],
    ['#767676', '#ffffff', 4.54],
    ['#fe2c55', '#ffffff', 3.68],
  ])('%s on %s is %d:1', (a, b, ratio) => {
    expect(contrastRatio(rgb(a), rgb(b))).toBeCloseTo(ratio, 1)
  })

  it('converts HSL like CSS does', () => {
    expect(hslToRgb(0, 100, 50)).toEqual([255, 0, 0])
    expect(hslToRgb(120, 100, 25)).toEqual([0, 128, 0])
    expect(hslToRgb(0, 0, 100)).toEqual([255, 255, 255])
  })
})

describe('avatar colours', () => {
  it('every hue gets initials that reach AA against its background', () => {
    for (let hue = 0; hue < 360; hue++) {
      const { background, color } = avatarColorsForHue(hue)
      expect(contrastRatio(rgb(background), rgb(color)), `hue ${hue}`).toBeGreaterThanOrEqual(AA_TEXT)
    }
  })

  it('keeps the bright look where white initials already read, and is stable per account', () => {
    expect(avatarColorsForHue(220)).toEqual({ background: '#396bd0', color: '#ffffff' })
    expect(avatarColorsForHue(60).color).not.toBe('#ffffff')
    expect(avatarColors('a_demo_business')).toEqual(avatarColors('a_demo_business'))
  })
})
