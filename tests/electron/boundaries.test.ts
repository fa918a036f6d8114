// Guards the folder rules: pure modules never import 'electron' at runtime (so the
// tests above really run them under plain Node), shared/ipc.ts imports nothing, and
// the preload imports only 'electron' and shared/.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../..')
const read = (file: string): string => readFileSync(join(root, file), 'utf8')
const imports = (source: string): string[] => [...source.matchAll(/^\s*import\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => `${m[1] ? 'type ' : ''}${m[2]}`)

describe('module boundaries', () => {
  it.each([
    'main/electron/navigation.ts',
    'main/electron/permissions.ts',
    'main/electron/web-preferences.ts',
    'main/electron/window-state.ts',
    'main/electron/ipc-validate.ts',
    'main/electron/app-protocol.ts',
    'main/electron/args.ts',
    'main/electron/menu.ts',
    'main/electron/context-menu.ts',
    'main/electron/shutdown.ts',
    'main/electron/show-gate.ts',
    'main/electron/desktop-settings.ts',
    'main/electron/node-host.ts',
  ])('%s has no runtime electron import', (file) => {
    expect(imports(read(file))).not.toContain('electron')
  })

  it('shared/ipc.ts imports nothing', () => {
    expect(read('shared/ipc.ts')).not.toMatch(/^\s*import\b/m)
  })

  it('the preload imports only electron and shared/', () => {
    for (const spec of imports(read('preload/index.ts'))) {
      expect(spec.replace(/^type /, '')).toMatch(/^(electron|@shared\/.*)$/)
    }
  })
})
