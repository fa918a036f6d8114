// What every single-node browser test starts with: the demo node and Chromium, one of each per
// test file, started for the file's first test and stopped after its last (file-scoped fixtures).
/* eslint-disable no-empty-pattern -- vitest reads a fixture's dependencies from its first argument's pattern */
import { it as base } from 'vitest'
import { launchBrowser } from './browser'
import { startNode } from './node'

export const it = base
  .extend('node', { scope: 'file' }, async ({}, { onCleanup }) => {
    const node = await startNode()
    onCleanup(() => node.stop())
    return node
  })
  .extend('browser', { scope: 'file' }, async ({}, { onCleanup }) => {
    const browser = await launchBrowser()
    onCleanup(() => browser.close())
    return browser
  })
