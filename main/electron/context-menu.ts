// The right-click menu of the app's pages: spelling suggestions and "Add to dictionary" for a
// misspelled word, then cut/copy/paste as the page allows. Chromium shows no menu of its own in
// Electron, so without this spellcheck underlines words and offers nothing. Type-only Electron
// import: the template is tested under plain Node; spellcheck.ts shows it.
import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron'

/** More suggestions than this make a long menu nobody reads. */
export const MAX_SUGGESTIONS = 5

export type MenuParams = Pick<ContextMenuParams, 'isEditable' | 'misspelledWord' | 'dictionarySuggestions' | 'selectionText'> & {
  editFlags: Pick<ContextMenuParams['editFlags'], 'canCut' | 'canCopy' | 'canPaste' | 'canSelectAll'>
}

export interface SpellActions {
  replaceMisspelling(word: string): void
  addToDictionary(word: string): void
}

function spellingItems(params: MenuParams, actions: SpellActions): MenuItemConstructorOptions[] {
  const word = params.misspelledWord
  if (!params.isEditable || word === '') {
    return []
  }
  const suggestions = params.dictionarySuggestions.slice(0, MAX_SUGGESTIONS)
  const items: MenuItemConstructorOptions[] =
    suggestions.length > 0
      ? suggestions.map((s) => ({ label: s, click: () => actions.replaceMisspelling(s) }))
      : [{ label: 'No spelling suggestions', enabled: false }]
  items.push({ label: `Add “${word}” to dictionary`, click: () => actions.addToDictionary(word) }, { type: 'separator' })
  return items
}

/** The menu for one right-click, or an empty list when there is nothing to offer. */
export function contextMenuTemplate(params: MenuParams, actions: SpellActions): MenuItemConstructorOptions[] {
  const flags = params.editFlags
  if (params.isEditable) {
    return [
      ...spellingItems(params, actions),
      { role: 'cut', enabled: flags.canCut },
      { role: 'copy', enabled: flags.canCopy },
      { role: 'paste', enabled: flags.canPaste },
      { type: 'separator' },
      { role: 'selectAll', enabled: flags.canSelectAll },
    ]
  }
  // Plain text on the page: copying a selection is the one thing worth a menu.
  return params.selectionText.trim() !== '' ? [{ role: 'copy', enabled: flags.canCopy }] : []
}
