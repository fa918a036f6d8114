// Browser sign-in codes and sessions: single use, expiring, and bounded in memory.
import { describe, expect, it } from 'vitest'
import { Sessions } from '../../main/server/sessions'

describe('Sessions', () => {
  it('a code is traded once for a session the node accepts', () => {
    const s = new Sessions('node-token')
    const code = s.issueLoginCode()
    const token = s.exchange(code)
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(s.accepts(token!)).toBe(true)
    expect(s.exchange(code)).toBeNull()
    expect(s.accepts('node-token')).toBe(true)
    expect(s.accepts('nope')).toBe(false)
  })

  it('takes the node token only whole: not a prefix, a longer one, or one of the same length that differs', () => {
    const s = new Sessions('node-token-é')
    expect(s.accepts('node-token-é')).toBe(true)
    expect(s.accepts('node-token-é')).toBe(true) // the same again (the check reuses its buffer)
    for (const wrong of ['', 'node-token', 'node-token-é-', 'node-token-e', 'node-token-ë', 'node-token-éé', 'Node-token-é']) {
      expect(s.accepts(wrong)).toBe(false)
    }
    expect(new Sessions('').accepts('')).toBe(true) // as tokensEqual('', '') was
  })

  it('codes expire after 10 minutes and sessions after 30 days', () => {
    let now = 0
    const s = new Sessions('t', () => now)
    const late = s.issueLoginCode()
    const token = s.exchange(s.issueLoginCode())!
    now = 10 * 60_000 + 1
    expect(s.exchange(late)).toBeNull()
    now = 30 * 24 * 3_600_000 + 1
    expect(s.accepts(token)).toBe(false)
  })

  it('keeps at most 100 outstanding codes: minting more retires the oldest', () => {
    const s = new Sessions('t')
    const first = s.issueLoginCode()
    const second = s.issueLoginCode()
    for (let i = 0; i < 99; i++) {
      s.issueLoginCode()
    }
    expect(s.exchange(first)).toBeNull()
    expect(s.exchange(second)).not.toBeNull()
  })
})
