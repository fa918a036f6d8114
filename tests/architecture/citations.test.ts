// The project stands alone: code and docs cite only documents inside the repository
// (docs/*.md), by a section that exists, and docs/RULES.md names for every rule a test
// that really mentions it.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT, readRepoFile, repoFiles } from './sources'

const SOURCES = repoFiles(/\.(ts|mts|mjs|vue|md)$/)
const DOC_NAMES = 'ARCHITECTURE|RULES|API|PRODUCT|SYNC|STORAGE|STYLE|STACK'

/** "## Heading" lines of a doc, as plain text. */
function headings(doc: string): Set<string> {
  return new Set([...readRepoFile(doc).matchAll(/^#+\s+(.+?)\s*$/gm)].map((m) => m[1]))
}

/** Every `X.md` mention: from docs/ itself bare names are siblings; elsewhere they must say docs/. */
function citations(file: string): Array<{ doc: string; section?: string; line: number }> {
  const found: Array<{ doc: string; section?: string; line: number }> = []
  readRepoFile(file)
    .split('\n')
    .forEach((text, i) => {
      for (const m of text.matchAll(new RegExp(`([\\w./-]*?)\\b(${DOC_NAMES})\\.md\\)?(?:\\s+"([^"]+)")?`, 'g'))) {
        const prefix = m[1]
        let doc: string
        if (file.startsWith('docs/') && (prefix === '' || prefix === '(' || prefix.endsWith('('))) {
          doc = `docs/${m[2]}.md`
        } else {
          doc = `${prefix.replace(/^.*\(/, '')}${m[2]}.md`
        }
        found.push({ doc, section: m[3], line: i + 1 })
      }
    })
  return found
}

describe('citations point inside the repository', () => {
  const all = SOURCES.filter((f) => !f.startsWith('tests/architecture/')).flatMap((file) => citations(file).map((c) => ({ file, ...c })))

  it('finds the citations it checks', () => {
    expect(all.length).toBeGreaterThan(50)
  })

  it('every cited document is docs/<NAME>.md and exists', () => {
    const bad = all.filter((c) => !/^docs\/[A-Z]+\.md$/.test(c.doc) || !existsSync(join(ROOT, c.doc)))
    expect(bad.map((c) => `${c.file}:${c.line} cites ${c.doc}`)).toEqual([])
  })

  it('every cited section exists in its document', () => {
    const bad = all.filter((c) => c.section !== undefined && existsSync(join(ROOT, c.doc)) && !headings(c.doc).has(c.section))
    expect(bad.map((c) => `${c.file}:${c.line} cites ${c.doc} "${c.section}"`)).toEqual([])
  })

  it('nothing cites the specs outside the repository', () => {
    const bad = SOURCES.filter((f) => !f.startsWith('tests/architecture/') && /\.\.\/shared\/(spec|STYLE|STACK)/.test(readRepoFile(f)))
    expect(bad).toEqual([])
  })
})

describe('docs/RULES.md', () => {
  const rules = readRepoFile('docs/RULES.md')
  const rows = [...rules.matchAll(/^\| (R\d+) \|.*\| ([^|]*) \|$/gm)].map((m) => ({ id: m[1], proofs: [...m[2].matchAll(/`([^`]+)`/g)].map((p) => p[1]) }))

  it('has one row for each of R1..R19', () => {
    expect(rows.map((r) => r.id)).toEqual(Array.from({ length: 19 }, (_, i) => `R${i + 1}`))
  })

  it.each(rows)('$id: every test it names exists and names the rule', ({ id, proofs }) => {
    expect(proofs.length).toBeGreaterThan(0)
    for (const file of proofs) {
      expect(existsSync(join(ROOT, file)), file).toBe(true)
      expect(readRepoFile(file), `${file} names ${id}`).toMatch(new RegExp(`\\b${id}\\b`))
    }
  })
})
