// The lint config guards the folder boundaries of docs/ARCHITECTURE.md "Layers": each ban is
// planted here as in-memory code under a path in the right folder, and must fail (while the
// imports each folder is allowed still pass).
import { ESLint } from 'eslint'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from './sources'

let eslint: ESLint
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT })
})

/** The rule ids ESLint reports for `code` as if it were the file `file`. */
async function rulesHit(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) })
  return result.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`)
}

const importing = (spec: string): string => `import { x } from '${spec}'\nexport const y = x\n`

describe('lint guards the boundaries', () => {
  it.each([
    ['shared/ imports no Node built-in (node: prefix)', 'shared/planted.ts', importing('node:fs')],
    ['shared/ imports no Node built-in (bare name)', 'shared/planted.ts', importing('path')],
    ['shared/ imports no Electron', 'shared/planted.ts', importing('electron')],
    ['shared/ imports no DOM-only library', 'shared/rules/planted.ts', importing('vue')],
    ['shared/ imports nothing from main/', 'shared/api/planted.ts', importing('../../main/store')],
    ['shared/ imports nothing from renderer/', 'shared/planted.ts', importing('../renderer/src/lib/format')],
    ['shared/ imports nothing from preload/', 'shared/planted.ts', importing('../preload/index')],
    ['renderer/ never imports main/', 'renderer/src/stores/planted.ts', importing('../../../main/store')],
    ['renderer/ never imports main/ (from a .vue file)', 'renderer/src/components/Planted.vue', `<script setup lang="ts">\n${importing('../../../main/domain/messaging')}</script>\n<template><div /></template>\n`],
    ['renderer/ never imports Electron', 'renderer/src/planted.ts', importing('electron')],
    ['the node outside main/electron/ never imports Electron', 'main/store/planted.ts', importing('electron')],
    ['headless start never imports Electron', 'main/headless-planted.ts', importing('electron')],
    ['main/sync/ never imports main/server/', 'main/sync/planted.ts', importing('../server/app')],
    ['main/server/ never imports main/sync/', 'main/server/planted.ts', importing('../sync')],
    ['main/server/routes/ never imports main/sync/', 'main/server/routes/planted.ts', importing('../../sync/service')],
    ['preload/ never imports main/', 'preload/planted.ts', importing('../main/node/start')],
  ])('%s', async (_rule, file, code) => {
    expect(await rulesHit(file, code)).toContain('no-restricted-imports')
  })

  it('every block has braces (plain curly)', async () => {
    expect(await rulesHit('main/domain/planted.ts', 'export function f(a: boolean): number {\n  if (a) return 1\n  return 2\n}\n')).toContain('curly')
  })

  it.each([
    ['window', 'shared/planted.ts', 'export const w = window.innerWidth\n'],
    ['process', 'shared/planted.ts', 'export const e = process.env.HOME\n'],
    ['Buffer', 'shared/planted.ts', "export const b = Buffer.from('x')\n"],
  ])('shared/ touches no host-only global (%s)', async (_name, file, code) => {
    expect(await rulesHit(file, code)).toContain('no-restricted-globals')
  })

  it.each([
    ['main/electron/ may import Electron', 'main/electron/planted.ts', importing('electron')],
    ['preload/ may import Electron', 'preload/planted.ts', importing('electron')],
    ['main/sync/ may import main/http/', 'main/sync/planted.ts', importing('../http/errors')],
    ['main/server/ may import main/lib/', 'main/server/planted.ts', importing('../lib/logger')],
    ['shared/ may import zod and itself', 'shared/planted.ts', `import { z } from 'zod'\nimport { x } from './rules'\nexport const y = [z, x]\n`],
    ['renderer/ may import shared/', 'renderer/src/planted.ts', importing('@shared/api')],
  ])('%s', async (_rule, file, code) => {
    expect(await rulesHit(file, code)).toEqual([])
  })
})
