// CSV in and out for outreach (docs/PRODUCT.md "Outreach"): campaign results and lists exported,
// creators imported with a column-mapping step. papaparse does the CSV; this module says
// which columns mean what and which rows are bad, and why.
import Papa from 'papaparse'
import type { CampaignRecipient } from './types'

export const RESULT_COLUMNS = ['handle', 'displayName', 'accountId', 'status', 'step', 'code', 'reason', 'sentAt', 'repliedAt'] as const

// Cells starting with = + - @ are escaped so a spreadsheet does not run them as formulas.
const UNPARSE = { escapeFormulae: true, newline: '\r\n' } as const

/** GET /campaigns/{id}/recipients.csv: one row per recipient. */
export function recipientsCsv(recipients: readonly CampaignRecipient[]): string {
  const rows = recipients.map((r) => [r.account.handle, r.account.displayName, r.account.id, r.status, r.step, r.code ?? '', r.reason ?? '', r.sentAt ?? '', r.repliedAt ?? ''])
  return Papa.unparse({ fields: [...RESULT_COLUMNS], data: rows }, UNPARSE)
}

/** A list's members as CSV, for a spreadsheet or another tool. */
export function membersCsv(members: readonly { handle: string; displayName: string; id: string; topics?: readonly string[]; followers?: number }[]): string {
  const rows = members.map((m) => [m.handle, m.displayName, m.id, (m.topics ?? []).join(' '), m.followers ?? ''])
  return Papa.unparse({ fields: ['handle', 'displayName', 'accountId', 'topics', 'followers'], data: rows }, UNPARSE)
}

export interface ParsedCsv {
  headers: string[]
  rows: string[][]
  /** papaparse's own complaints (unclosed quotes...), as sentences with their row. */
  errors: string[]
}

/** Parses a CSV file whose first line names the columns. */
export function parseCsv(text: string): ParsedCsv {
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' })
  const [headers = [], ...rows] = result.data
  const errors = result.errors.map((e) => `Row ${(e.row ?? 0) + 1}: ${e.message.replace(/\.?$/, '.')}`)
  return { headers: headers.map((h) => h.trim()), rows, errors }
}

/** Guesses which column holds the handle: one named like it, else the first. */
export function guessHandleColumn(headers: readonly string[]): number {
  const i = headers.findIndex((h) => /^(@|handle|username|user|account|creator)/i.test(h.trim()))
  return i >= 0 ? i : 0
}

export interface ImportRow {
  /** 1-based line in the file (the header is line 1). */
  line: number
  handle: string
}

export interface BadRow {
  line: number
  value: string
  reason: string
}

const HANDLE = /^[a-z0-9._]{2,24}$/

/**
 * The rows' handles from the mapped column: empty, malformed and repeated handles are bad
 * rows with their reason; the rest are candidates the node still has to recognise.
 */
export function handlesFrom(parsed: ParsedCsv, column: number): { rows: ImportRow[]; bad: BadRow[] } {
  const rows: ImportRow[] = []
  const bad: BadRow[] = []
  const seen = new Set<string>()
  parsed.rows.forEach((cells, i) => {
    const line = i + 2
    const value = (cells[column] ?? '').trim()
    const handle = value.replace(/^@/, '').toLowerCase()
    if (!handle) {
      bad.push({ line, value, reason: 'The handle cell is empty.' })
    } else if (!HANDLE.test(handle)) {
      bad.push({ line, value, reason: 'A handle is 2-24 characters of a-z, 0-9, dot and underscore.' })
    } else if (seen.has(handle)) {
      bad.push({ line, value, reason: `@${handle} appears earlier in the file.` })
    } else {
      seen.add(handle)
      rows.push({ line, handle })
    }
  })
  return { rows, bad }
}
