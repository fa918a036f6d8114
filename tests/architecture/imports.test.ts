// docs/ARCHITECTURE.md's picture matches the code: reads the imports of every source file
// and fails on an arrow the document's "Layers" table does not allow. The table below is
// that table; the last test checks the two stay the same.
import { dirname, join, normalize } from 'node:path'
import { builtinModules } from 'node:module'
import { describe, expect, it } from 'vitest'
import { readRepoFile, repoFiles } from './sources'

/** Each layer's folder (or file), most specific first. */
const LAYERS: Array<[string, string]> = [
  ['main/headless.ts', 'main/node'],
  ['main/electron/', 'main/electron'],
  ['main/node/', 'main/node'],
  ['main/server/', 'main/server'],
  ['main/sync/', 'main/sync'],
  ['main/http/', 'main/http'],
  ['main/outreach/', 'main/outreach'],
  ['main/domain/', 'main/domain'],
  ['main/store/', 'main/store'],
  ['main/lib/', 'main/lib'],
  ['shared/', 'shared'],
  ['preload/', 'preload'],
  ['renderer/', 'renderer'],
  ['resources/', 'resources'],
]

const ALL_MAIN_BUT_ELECTRON = ['main/node', 'main/server', 'main/sync', 'main/http', 'main/outreach', 'main/domain', 'main/store', 'main/lib', 'shared']

/** The allowed arrows of docs/ARCHITECTURE.md "Layers" (a layer may always import itself). */
const ALLOWED: Record<string, string[]> = {
  shared: [],
  'main/lib': [],
  'main/store': ['main/lib', 'shared'],
  'main/domain': ['main/store', 'main/lib', 'shared'],
  'main/outreach': ['main/domain', 'main/store', 'main/lib', 'shared'],
  'main/http': ['main/domain', 'main/store', 'main/lib', 'shared'],
  'main/server': ['main/http', 'main/outreach', 'main/domain', 'main/store', 'main/lib', 'shared'],
  'main/sync': ['main/http', 'main/domain', 'main/store', 'main/lib', 'shared'],
  'main/node': ALL_MAIN_BUT_ELECTRON,
  'main/electron': ['main/node', 'main/lib', 'shared', 'resources'],
  preload: ['shared'],
  renderer: ['shared'],
}

/** Packages a layer may import besides other layers: Electron only where the doc says. */
const ELECTRON_LAYERS = new Set(['main/electron', 'preload'])
const NODE_BUILTINS = new Set(builtinModules)

function layerOf(file: string): string | undefined {
  return LAYERS.find(([prefix]) => file === prefix || file.startsWith(prefix))?.[1]
}

/** Module specifiers of static imports, re-exports and dynamic imports. */
function specifiers(source: string): string[] {
  const found = [
    ...source.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm),
    ...source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm),
    ...source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ]
  return found.map((m) => m[1])
}

/** The repository path an import points at, or the package name for a bare import. */
function target(file: string, spec: string): { path?: string; pkg?: string } {
  if (spec.startsWith('@shared/')) {
    return { path: `shared/${spec.slice('@shared/'.length)}` }
  }
  if (spec.startsWith('.')) {
    return { path: normalize(join(dirname(file), spec.replace(/\?.*$/, ''))) }
  }
  return { pkg: spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0] }
}

const SOURCES = repoFiles(/^(main|shared|preload|renderer)\/.*\.(ts|vue)$/).filter((f) => !f.endsWith('.d.ts') || f.startsWith('preload/'))

describe('imports follow docs/ARCHITECTURE.md "Layers"', () => {
  const arrows = SOURCES.flatMap((file) => specifiers(readRepoFile(file)).map((spec) => ({ file, spec, from: layerOf(file), ...target(file, spec) })))

  it('reads the imports of every source file', () => {
    expect(SOURCES.length).toBeGreaterThan(100)
    expect(arrows.length).toBeGreaterThan(300)
    expect(SOURCES.filter((f) => layerOf(f) === undefined)).toEqual([])
  })

  it('no arrow between layers that the document forbids', () => {
    const bad = arrows
      .filter((a) => a.path !== undefined)
      .map((a) => ({ ...a, to: layerOf(a.path!) ?? a.path! }))
      .filter((a) => a.to !== a.from && !ALLOWED[a.from!].includes(a.to))
      .map((a) => `${a.file} -> ${a.spec} (${a.from} -> ${a.to})`)
    expect(bad).toEqual([])
  })

  it('only main/electron/ and preload/ import Electron; shared/ and renderer/ import no Node built-in', () => {
    const bad = arrows
      .filter((a) => a.pkg !== undefined)
      .filter(
        (a) =>
          ((a.pkg === 'electron' || a.pkg!.startsWith('@electron-toolkit')) && !ELECTRON_LAYERS.has(a.from!)) ||
          ((a.from === 'shared' || a.from === 'renderer') && (a.pkg!.startsWith('node:') || NODE_BUILTINS.has(a.pkg!))),
      )
      .map((a) => `${a.file} -> ${a.spec}`)
    expect(bad).toEqual([])
  })

  it("the test's table is the document's table", () => {
    const doc = readRepoFile('docs/ARCHITECTURE.md')
    const table = doc.slice(doc.indexOf('| from | may import |'))
    const rows = [...table.matchAll(/^\| (.+?) \| (.+?) \|$/gm)].slice(2)
    const documented: Record<string, string[]> = {}
    for (const [, from, to] of rows) {
      const targets = [...to.replace(/\(.*\)/, '').matchAll(/`([^`]+)`/g)].map((m) => m[1].replace(/\/$/, ''))
      for (const layer of [...from.matchAll(/`([^`]+)`/g)].map((m) => m[1].replace(/\/$/, '').replace('main/headless.ts', 'main/node'))) {
        documented[layer] = to.startsWith('everything in `main/`') ? ALL_MAIN_BUT_ELECTRON : targets.filter((t) => t !== layer && !['zod', 'eventsource-parser', 'electron'].includes(t))
      }
    }
    const ours = Object.fromEntries(Object.entries(ALLOWED).map(([k, v]) => [k, [...v].sort()]))
    const theirs = Object.fromEntries(Object.entries(documented).map(([k, v]) => [k, [...v].sort()]))
    expect(theirs).toEqual(ours)
  })
})
