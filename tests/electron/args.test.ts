import { describe, expect, it } from 'vitest'
import { parseLaunchArgs } from '../../main/electron/args'

describe('parseLaunchArgs', () => {
  it('reads --data DIR and --data=DIR', () => {
    expect(parseLaunchArgs(['/usr/bin/electron', '.', '--data', '/tmp/a']).dataDir).toBe('/tmp/a')
    expect(parseLaunchArgs(['envelope', '--data=/tmp/b']).dataDir).toBe('/tmp/b')
  })

  it('reads --name and --demo', () => {
    expect(parseLaunchArgs(['envelope', '--name', 'Laptop', '--demo'])).toEqual({ name: 'Laptop', demo: true })
  })

  it('ignores Chromium switches and unknown arguments', () => {
    expect(parseLaunchArgs(['envelope', '--no-sandbox', '--enable-logging', 'foo'])).toEqual({ demo: false })
  })

  it('does not take the next flag as a value', () => {
    expect(parseLaunchArgs(['envelope', '--data', '--demo'])).toEqual({ demo: true })
    expect(parseLaunchArgs(['envelope', '--data'])).toEqual({ demo: false })
    expect(parseLaunchArgs(['envelope', '--data='])).toEqual({ demo: false })
  })

  it('does not mistake a longer flag for ours', () => {
    expect(parseLaunchArgs(['envelope', '--database', 'x'])).toEqual({ demo: false })
  })
})
