// context-menu.ts: what a right-click offers, by where it happened.
import { describe, expect, it } from 'vitest'
import { contextMenuTemplate, MAX_SUGGESTIONS } from '../../main/electron/context-menu'
import type { MenuParams } from '../../main/electron/context-menu'

const allow = { canCut: true, canCopy: true, canPaste: true, canSelectAll: true }
const base: MenuParams = { isEditable: true, misspelledWord: '', dictionarySuggestions: [], selectionText: '', editFlags: allow }

function labels(params: Partial<MenuParams>, done: string[] = []) {
  const template = contextMenuTemplate(
    { ...base, ...params },
    {
      replaceMisspelling: (w) => void done.push(`replace:${w}`),
      addToDictionary: (w) => void done.push(`add:${w}`),
    },
  )
  return template
}

describe('contextMenuTemplate', () => {
  it('offers suggestions, then Add to dictionary, then the edit roles, for a misspelled word', () => {
    const done: string[] = []
    const template = labels({ misspelledWord: 'helo', dictionarySuggestions: ['hello', 'help', 'held', 'hero', 'helot', 'halo'] }, done)
    expect(template.map((i) => i.label ?? i.role ?? i.type)).toEqual([
      'hello',
      'help',
      'held',
      'hero',
      'helot',
      'Add “helo” to dictionary',
      'separator',
      'cut',
      'copy',
      'paste',
      'separator',
      'selectAll',
    ])
    expect(template.filter((i) => i.click && i.label !== 'Add “helo” to dictionary')).toHaveLength(MAX_SUGGESTIONS)
    template[0].click!({} as never, undefined, {} as never)
    template[5].click!({} as never, undefined, {} as never)
    expect(done).toEqual(['replace:hello', 'add:helo'])
  })

  it('says so when there is no suggestion', () => {
    const [first] = labels({ misspelledWord: 'qzx' })
    expect(first).toEqual({ label: 'No spelling suggestions', enabled: false })
  })

  it('follows what the page allows in a text field', () => {
    const template = labels({ editFlags: { canCut: false, canCopy: false, canPaste: true, canSelectAll: true } })
    expect(template.map((i) => [i.role ?? i.type, i.enabled])).toEqual([
      ['cut', false],
      ['copy', false],
      ['paste', true],
      ['separator', undefined],
      ['selectAll', true],
    ])
  })

  it('offers Copy for selected text on the page, and nothing otherwise', () => {
    expect(labels({ isEditable: false, selectionText: 'some words' })).toEqual([{ role: 'copy', enabled: true }])
    expect(labels({ isEditable: false, selectionText: '  ' })).toEqual([])
  })
})
