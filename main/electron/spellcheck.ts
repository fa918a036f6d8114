// Shows the context menu (context-menu.ts) on every page of the app. Spellcheck itself is
// Chromium's: macOS uses the system's own spellchecker; Windows and Linux use Hunspell
// dictionaries for the system language, which Chromium downloads once from Google's CDN and
// keeps in the data folder (README "First launch"). Only the dictionary files are fetched:
// no typed text leaves the machine.
import { Menu } from 'electron'
import type { WebContents } from 'electron'
import { contextMenuTemplate } from './context-menu'

export function attachContextMenu(contents: WebContents): void {
  contents.on('context-menu', (_event, params) => {
    const template = contextMenuTemplate(params, {
      replaceMisspelling: (word) => contents.replaceMisspelling(word),
      addToDictionary: (word) => void contents.session.addWordToSpellCheckerDictionary(word),
    })
    if (template.length > 0) {
      Menu.buildFromTemplate(template).popup()
    }
  })
}
