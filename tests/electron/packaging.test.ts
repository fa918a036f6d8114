// What a packaged build needs that no launch here can show by itself: electron-builder.yml is
// valid for electron-builder 26 (its own schema check), unsigned Apple Silicon builds are
// re-signed after the fuse flip, the product name is set everywhere, and the icons the OS is
// handed live outside app.asar (the built bundle run from an app.asar-shaped folder finds them).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { defaultDataDir } from '../../main/node/config'
import { assertMainBuilt, ROOT, ShellProcess } from './support/shell-process'

// electron-builder's own dependencies (no types of their own): loaded as they ship.
const requireHere = createRequire(import.meta.url)
const { load } = requireHere('js-yaml') as { load(text: string): unknown }
const { validateConfiguration } = requireHere('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>
}
const { DebugLogger } = requireHere('builder-util') as { DebugLogger: new (enabled: boolean) => unknown }

interface BuilderConfig {
  productName: string
  asarUnpack: string[]
  files: string[]
  electronFuses: Record<string, boolean>
}
const config = load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; productName?: string }

const cleanup: Array<() => void> = []
afterAll(() => cleanup.forEach((undo) => undo()))

describe('electron-builder.yml', () => {
  it('passes electron-builder 26’s own configuration schema', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
    const misspelt = { ...config, electronFuses: { ...config.electronFuses, resetAdHocDarwinSignatur: true } }
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(/electronFuses/)
  }, 60_000)

  it('re-signs ad hoc after flipping fuses, so unsigned arm64 Macs launch the app', () => {
    expect(Object.keys(config.electronFuses).length).toBeGreaterThan(1)
    expect(config.electronFuses.resetAdHocDarwinSignature).toBe(true)
  })

  it('names the product Envelope in package.json too (menus, the user-data folder)', () => {
    expect(pkg.productName).toBe('Envelope')
    expect(config.productName).toBe(pkg.productName)
    // Electron's userData is appData/<productName>; headless start uses the same folder.
    expect(basename(defaultDataDir('linux', {}))).toBe(pkg.productName)
  })

  it('ships the icon and unpacks it from app.asar', () => {
    expect(config.files).toContain('resources/icon.png')
    expect(config.asarUnpack).toContain('resources/**')
  })
})

describe('the built bundle in a packaged layout', () => {
  it('hands the OS icon paths in app.asar.unpacked, where electron-builder puts them', async () => {
    assertMainBuilt()
    const dir = mkdtempSync(join(tmpdir(), 'envelope-packaged-'))
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }))
    // resources/app.asar/{out,package.json,node_modules} and resources/app.asar.unpacked/resources/icon.png
    const asar = join(dir, 'resources', 'app.asar')
    cpSync(join(ROOT, 'out'), join(asar, 'out'), { recursive: true })
    cpSync(join(ROOT, 'package.json'), join(asar, 'package.json'))
    symlinkSync(join(ROOT, 'node_modules'), join(asar, 'node_modules'), 'dir')
    const unpacked = join(dir, 'resources', 'app.asar.unpacked', 'resources')
    mkdirSync(unpacked, { recursive: true })
    cpSync(join(ROOT, 'resources', 'icon.png'), join(unpacked, 'icon.png'))

    const shell = await ShellProcess.launch(join(dir, 'data'), join(asar, 'out/main/index.js'))
    cleanup.push(() => shell.kill())
    await shell.ask('ready')
    const calls = await shell.waitFor('the tray', (c) => c.some((call) => call.name === 'Tray.new'))
    const trayIcon = calls.find((c) => c.name === 'nativeImage.createFromPath')!.args[0] as string
    const windowIcon = (calls.find((c) => c.name === 'BrowserWindow.new')!.args[0] as { icon: string }).icon
    for (const icon of [trayIcon, windowIcon]) {
      expect(icon).toBe(join(unpacked, 'icon.png'))
      expect(existsSync(icon)).toBe(true)
    }
    await shell.ask('app', { event: 'will-quit' })
    expect(await shell.waitForExit()).toEqual({ code: 0, signal: null })
  })
})
