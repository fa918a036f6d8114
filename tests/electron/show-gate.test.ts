// show-gate.ts: a request to show the window during start-up is kept, not dropped, and answered once.
import { describe, expect, it } from 'vitest'
import { createShowGate } from '../../main/electron/show-gate'

describe('createShowGate', () => {
  it('holds requests made during start-up and shows the window once when ready', () => {
    let shown = 0
    const gate = createShowGate(() => shown++)
    gate.request('second launch')
    gate.request('dock click')
    expect(shown).toBe(0)
    expect(gate.pending).toEqual(['second launch', 'dock click'])
    gate.open()
    expect(shown).toBe(1)
    expect(gate.pending).toEqual([])
  })

  it('shows at once after start-up, and opening twice changes nothing', () => {
    let shown = 0
    const gate = createShowGate(() => shown++)
    gate.open()
    gate.open()
    gate.request('tray')
    expect(shown).toBe(2)
  })
})
