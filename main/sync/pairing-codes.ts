// One-time pairing codes (docs/API.md "Peers"): the code a person reads on one node and types on
// the other. 10 characters of a 32-letter alphabet (50 bits), valid 10 minutes, single use.
import { randomInt } from 'node:crypto'

/** No 0/O or 1/I: a code is read off one screen and typed into another. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
const LENGTH = 10
export const CODE_TTL_MS = 10 * 60_000
/** Wrong proofs a code survives: each costs the guesser a round trip and a key stretch. */
const MAX_FAILURES = 5

/** "abcde-fghjk" as typed -> "ABCDEFGHJK"; the dash is only there to help reading. */
export function normalizeCode(text: string): string {
  return text.replace(/[\s-]/g, '').toUpperCase()
}

interface LiveCode {
  code: string
  expiresAt: number
  failures: number
}

export class PairingCodes {
  private live: LiveCode | null = null

  constructor(private readonly now: () => number = Date.now) {}

  /** The code on offer, made anew when there is none (or it expired or was used). */
  current(): { code: string; expiresAt: string } {
    if (!this.valid()) this.live = { code: this.make(), expiresAt: this.now() + CODE_TTL_MS, failures: 0 }
    return this.shown(this.live!)
  }

  /** Replaces the code on offer (the "new code" button). */
  renew(): { code: string; expiresAt: string } {
    this.live = null
    return this.current()
  }

  /** The live code, if any: a pairing attempt checks its proof against it. */
  candidate(): string | null {
    return this.valid() ? this.live!.code : null
  }

  /** The proof matched: the code is spent. */
  consume(code: string): void {
    if (this.live?.code === code) this.live = null
  }

  /** A proof did not match: too many and the code is void. */
  fail(code: string): void {
    if (this.live?.code === code && ++this.live.failures >= MAX_FAILURES) this.live = null
  }

  private valid(): boolean {
    return this.live !== null && this.live.expiresAt > this.now()
  }

  private make(): string {
    let code = ''
    for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)]
    return code
  }

  private shown(live: LiveCode): { code: string; expiresAt: string } {
    return { code: `${live.code.slice(0, 5)}-${live.code.slice(5)}`, expiresAt: new Date(live.expiresAt).toISOString() }
  }
}
