// Runs axe-core (the real library, injected into the page) against what is on screen and turns
// its findings into short readable lines: impact, rule id, target, summary. The app's CSP
// refuses injected scripts, so the contexts that audit are opened with `bypassCSP: true`
// (tests only; the app itself keeps its CSP).
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import type { AxeResults, ImpactValue, Result } from 'axe-core'

const axeSource = readFileSync(createRequire(__filename).resolve('axe-core/axe.min.js'), 'utf8')

/** WCAG 2.0 and 2.1, levels A and AA: what the issue and the house rules ask of every pane. */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']

/** What fails the build: serious and critical findings. Minor and moderate are reported only. */
export const BLOCKING: readonly ImpactValue[] = ['serious', 'critical']

export interface Finding {
  rule: string
  impact: ImpactValue
  target: string
  summary: string
}

export interface Audit {
  findings: Finding[]
  /** Elements at fault, per rule id (every impact), for before/after numbers. */
  perRule: Record<string, number>
}

async function ensureAxe(page: Page): Promise<void> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object')
  if (!loaded) {
    await page.addScriptTag({ content: axeSource })
  }
}

/** The first line of axe's failure summary for a node, without its "Fix any of the following:" header. */
function summaryOf(node: Result['nodes'][number]): string {
  const lines = (node.failureSummary ?? '').split('\n').map((l) => l.trim())
  return lines.find((l) => l && !/^Fix (any|all) of the following:?$/.test(l)) ?? ''
}

/** Audits the page as it is now (whole document, WCAG 2.x A/AA rules). */
export async function audit(page: Page): Promise<Audit> {
  await ensureAxe(page)
  const results = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<AxeResults> } }).axe
    return axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
  }, WCAG_AA_TAGS)
  const findings: Finding[] = []
  const perRule: Record<string, number> = {}
  for (const v of results.violations) {
    perRule[v.id] = v.nodes.length
    for (const node of v.nodes) {
      findings.push({ rule: v.id, impact: node.impact ?? v.impact ?? 'minor', target: node.target.join(' '), summary: summaryOf(node) })
    }
  }
  return { findings, perRule }
}

/** Findings that fail the audit, as one line each ("serious color-contrast .avatar: Element has ..."). */
export function blockingLines(findings: Finding[]): string[] {
  return findings.filter((f) => BLOCKING.includes(f.impact)).map((f) => `${f.impact} ${f.rule} ${f.target}: ${f.summary}`)
}
