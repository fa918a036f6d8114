// Every keyboard shortcut of the app, as the help dialog (`?`) lists them. The keys themselves
// are handled where they act: composables/useShortcuts (app-wide), ConversationList,
// ContextMenu, RecipientSearch, ComposeBox and the dialogs.

/** The platform's shortcut modifier, as people see it on their keyboard. */
export const MOD = typeof navigator !== 'undefined' && navigator.platform.toLowerCase().includes('mac') ? '⌘' : 'Ctrl+'

export interface Shortcut {
  keys: string[]
  does: string
}

export interface ShortcutGroup {
  title: string
  shortcuts: Shortcut[]
}

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  {
    title: 'Anywhere',
    shortcuts: [
      { keys: ['?'], does: 'Show this list of shortcuts (not while typing)' },
      { keys: [`${MOD}1`, '…', `${MOD}9`], does: 'Switch to the first to ninth account in the rail' },
      { keys: [`${MOD}0`], does: 'Show all accounts together' },
      { keys: ['Tab', 'Shift+Tab'], does: 'Move between controls; the first Tab offers “Skip to main content”' },
      { keys: ['Esc'], does: 'Close a menu or dialog; focus goes back where it was' },
    ],
  },
  {
    title: 'Conversation list',
    shortcuts: [
      { keys: ['↑', '↓'], does: 'Move through conversations' },
      { keys: ['Page Up', 'Page Down', 'Home', 'End'], does: 'Jump a page, or to the first or last conversation' },
      { keys: ['Enter', 'Space'], does: 'Open the highlighted conversation or request' },
      { keys: ['Shift+F10', 'Menu'], does: 'Its actions: mute, block, delete for me, accept a request' },
    ],
  },
  {
    title: 'Menus',
    shortcuts: [
      { keys: ['↑', '↓', 'Home', 'End'], does: 'Move through the actions' },
      { keys: ['Enter'], does: 'Run the highlighted action' },
    ],
  },
  {
    title: 'Writing',
    shortcuts: [
      { keys: ['Enter'], does: 'Send the message' },
      { keys: ['Shift+Enter'], does: 'Start a new line' },
      { keys: ['↑', '↓', 'Enter'], does: 'New message: choose a recipient from the matches' },
    ],
  },
]
