// The application menu (standard roles) and the main process's logger line format.
import { describe, expect, it } from 'vitest'
import { appMenuTemplate } from '../../main/electron/menu'
import { createLogger } from '../../main/lib/logger'

describe('appMenuTemplate', () => {
  it('uses standard roles only', () => {
    expect(appMenuTemplate('linux').map((m) => m.role)).toEqual(['fileMenu', 'editMenu', 'viewMenu', 'windowMenu'])
  })

  it('starts with the app menu on macOS', () => {
    expect(appMenuTemplate('darwin')[0]).toEqual({ role: 'appMenu' })
  })
})

describe('createLogger', () => {
  it('writes one line per message with scope and error stack', () => {
    const lines: string[] = []
    const log = createLogger('test', { write: (line) => lines.push(line) })
    log.info('hello')
    log.error('failed', { error: new Error('boom') })
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/ info \[test\] hello\n$/)
    expect(lines[1]).toContain('error [test] failed {"error":"Error: boom\\n    at ')
  })
})
