// scripts/linux-sandbox.mjs (the `npm start` preflight): advice only where Electron would abort
// on its sandbox check, and the advice keeps the sandbox on.
import { describe, expect, it } from 'vitest'
import { sandboxAdvice } from '../../scripts/linux-sandbox.mjs'
import type { SandboxFacts } from '../../scripts/linux-sandbox.mjs'

const ubuntu2404: SandboxFacts = {
  platform: 'linux',
  usernsRestricted: true,
  electronBinary: '/home/ada/envelope/node_modules/electron/dist/electron',
  helper: { uid: 1000, mode: 0o100755 },
  profileNamesBinary: false,
}

describe('sandboxAdvice', () => {
  it.each<[string, Partial<SandboxFacts>]>([
    ['macOS', { platform: 'darwin' }],
    ['Windows', { platform: 'win32' }],
    ['Linux without the user-namespace restriction', { usernsRestricted: false }],
    ['a setuid-root sandbox helper', { helper: { uid: 0, mode: 0o104755 } }],
    ['an AppArmor profile naming the binary', { profileNamesBinary: true }],
  ])('is silent on %s', (_case, change) => {
    expect(sandboxAdvice({ ...ubuntu2404, ...change })).toBeNull()
  })

  it.each<[string, Partial<SandboxFacts>]>([
    ['a helper owned by the user', {}],
    ['a root helper without the setuid bit', { helper: { uid: 0, mode: 0o100755 } }],
    ['no helper at all', { helper: null }],
  ])('explains both fixes on Ubuntu 24.04 with %s', (_case, change) => {
    const advice = sandboxAdvice({ ...ubuntu2404, ...change })!
    expect(advice).toContain('AppArmor')
    expect(advice).toContain(`profile envelope-dev "${ubuntu2404.electronBinary}" flags=(unconfined)`)
    expect(advice).toContain('userns,')
    expect(advice).toContain('sudo chmod 4755 "/home/ada/envelope/node_modules/electron/dist/chrome-sandbox"')
    expect(advice).not.toMatch(/--no-sandbox/)
  })
})
