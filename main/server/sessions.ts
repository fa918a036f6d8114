// Browser sign-in without putting the node token in a URL: the node prints a link with a
// one-time code (in the fragment, so it never reaches logs or history); the page trades the
// code for a session token. Codes are single use and expire after 10 minutes.
import { randomBytes } from 'node:crypto'
import { tokenMatcher } from '../lib/tokens'

const CODE_TTL_MS = 10 * 60_000
const SESSION_TTL_MS = 30 * 24 * 3_600_000
/** Outstanding codes kept at most; the oldest go first (a signed-in client can mint them). */
const MAX_CODES = 100

export class Sessions {
  private codes = new Map<string, number>()
  private sessions = new Map<string, number>()
  /** Every request is checked against the node token: its matcher keeps the token's bytes. */
  private readonly isNodeToken: (token: string) => boolean

  constructor(
    nodeToken: string,
    private readonly now: () => number = Date.now,
  ) {
    this.isNodeToken = tokenMatcher(nodeToken)
  }

  issueLoginCode(): string {
    this.forgetExpired()
    // Maps iterate in insertion order, so the first key is the oldest code.
    while (this.codes.size >= MAX_CODES) {
      this.codes.delete(this.codes.keys().next().value!)
    }
    const code = randomBytes(18).toString('base64url')
    this.codes.set(code, this.now() + CODE_TTL_MS)
    return code
  }

  codeExpiry(code: string): string | null {
    const expires = this.codes.get(code)
    return expires === undefined ? null : new Date(expires).toISOString()
  }

  /** Trades a valid, unused code for a session token; null otherwise. */
  exchange(code: string): string | null {
    const expires = this.codes.get(code)
    this.codes.delete(code)
    if (expires === undefined || expires < this.now()) {
      return null
    }
    this.forgetExpired()
    const token = randomBytes(32).toString('base64url')
    this.sessions.set(token, this.now() + SESSION_TTL_MS)
    return token
  }

  accepts(token: string): boolean {
    if (this.isNodeToken(token)) {
      return true
    }
    const expires = this.sessions.get(token)
    return expires !== undefined && expires > this.now()
  }

  revoke(token: string): void {
    this.sessions.delete(token)
  }

  /** Expired codes and sessions are dropped as new ones are made, so memory stays bounded by use. */
  private forgetExpired(): void {
    const now = this.now()
    for (const [code, expires] of this.codes) {
      if (expires < now) {
        this.codes.delete(code)
      }
    }
    for (const [token, expires] of this.sessions) {
      if (expires < now) {
        this.sessions.delete(token)
      }
    }
  }
}
