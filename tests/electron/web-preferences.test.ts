// The one WEB_PREFERENCES constant keeps Electron's security checklist (sandbox, isolation, no Node).
import { describe, expect, it } from 'vitest'
import { WEB_PREFERENCES, webPreferencesFor } from '../../main/electron/web-preferences'

describe('WEB_PREFERENCES', () => {
  it('turns on every isolation flag', () => {
    expect(WEB_PREFERENCES.sandbox).toBe(true)
    expect(WEB_PREFERENCES.contextIsolation).toBe(true)
    expect(WEB_PREFERENCES.webSecurity).toBe(true)
  })

  it('turns off Node and every risky feature', () => {
    expect(WEB_PREFERENCES.nodeIntegration).toBe(false)
    expect(WEB_PREFERENCES.nodeIntegrationInWorker).toBe(false)
    expect(WEB_PREFERENCES.nodeIntegrationInSubFrames).toBe(false)
    expect(WEB_PREFERENCES.allowRunningInsecureContent).toBe(false)
    expect(WEB_PREFERENCES.experimentalFeatures).toBe(false)
    expect(WEB_PREFERENCES.enableBlinkFeatures).toBe('')
    expect(WEB_PREFERENCES.webviewTag).toBe(false)
    expect(WEB_PREFERENCES.navigateOnDragDrop).toBe(false)
  })

  it('keeps spellcheck on', () => {
    expect(WEB_PREFERENCES.spellcheck).toBe(true)
  })

  it('is frozen so no caller can weaken it in place', () => {
    expect(Object.isFrozen(WEB_PREFERENCES)).toBe(true)
  })

  it('webPreferencesFor adds only the preload and keeps every flag', () => {
    const prefs = webPreferencesFor('/app/out/preload/index.cjs')
    expect(prefs).toEqual({ ...WEB_PREFERENCES, preload: '/app/out/preload/index.cjs' })
    expect(WEB_PREFERENCES).not.toHaveProperty('preload')
  })
})
