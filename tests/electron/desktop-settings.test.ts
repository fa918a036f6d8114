// desktop-settings.ts: the LAN setting is off unless the person turned it on, and survives restarts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DESKTOP_SETTINGS_FILE, parseDesktopSettings, readDesktopSettings, writeDesktopSettings } from '../../main/electron/desktop-settings'

let dir = ''
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('desktop settings', () => {
  it.each([[undefined], [null], ['on'], [[]], [{}], [{ lan: 'true' }], [{ lan: 1 }]])('reads %j as LAN off', (raw) => {
    expect(parseDesktopSettings(raw)).toEqual({ lan: false })
  })

  it('reads a literal true as LAN on', () => {
    expect(parseDesktopSettings({ lan: true, extra: 'ignored' })).toEqual({ lan: true })
  })

  it('is off in a new data folder, on after it was turned on, and off again after a broken file', () => {
    dir = mkdtempSync(join(tmpdir(), 'envelope-settings-'))
    expect(readDesktopSettings(dir)).toEqual({ lan: false })
    writeDesktopSettings(dir, { lan: true })
    expect(readDesktopSettings(dir)).toEqual({ lan: true })
    expect(JSON.parse(readFileSync(join(dir, DESKTOP_SETTINGS_FILE), 'utf8'))).toEqual({ lan: true })
    writeFileSync(join(dir, DESKTOP_SETTINGS_FILE), '{"lan": tr')
    expect(readDesktopSettings(dir)).toEqual({ lan: false })
  })
})
