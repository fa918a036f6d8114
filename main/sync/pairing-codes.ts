// One-time pairing codes (docs/API.md "Peers"): the code a person reads on one node and types on
// the other. 10 characters of a 32-letter alphabet (50 bits), valid 10 minutes, single use.
// The code on offer is kept in the data folder (pairing-code.json, mode 0600), so a restart
// does not void a code someone is about to type; a used or voided one is gone from it first.
import { randomInt } from 'node:crypto'
import { chmod } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { openDurableDoc } from '../store/log'

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

const liveSchema = z.object({ code: z.string().regex(/^[A-Z2-9]{10}$/), expiresAt: z.number(), failures: z.number().int().min(0) })
type LiveCode = z.infer<typeof liveSchema>

/** Where the code on offer is kept; without one (unit tests) it lives in memory only. */
export type SaveCode = (live: LiveCode | null) => Promise<void>

export class PairingCodes {
  private live: LiveCode | null = null

  constructor(
    private readonly now: () => number = Date.now,
    private readonly save: SaveCode = async () => undefined,
    stored: LiveCode | null = null,
  ) {
    this.live = stored
  }

  /** The codes of a data folder: the one on offer before a restart stays valid until it expires. */
  static async open(dataDir: string, now: () => number): Promise<PairingCodes> {
    const file = join(dataDir, 'pairing-code.json')
    // A damaged file only costs the code on offer: start without one rather than refuse to start.
    const doc = await openDurableDoc<{ live: LiveCode | null }>(file, { live: null }, (raw) => ({ live: liveSchema.nullable().catch(null).parse((raw as { live?: unknown } | null)?.live ?? null) }))
    const save: SaveCode = async (live) => {
      await doc.update((d) => void (d.live = live))
      await chmod(file, 0o600).catch(() => undefined) // best effort: Windows has no such modes
    }
    return new PairingCodes(now, save, doc.data.live)
  }

  /** The code on offer, made anew when there is none (or it expired or was used). */
  async current(): Promise<{ code: string; expiresAt: string }> {
    if (!this.valid()) {
      this.live = { code: this.make(), expiresAt: this.now() + CODE_TTL_MS, failures: 0 }
      await this.save(this.live)
    }
    return this.shown(this.live!)
  }

  /** Replaces the code on offer (the "new code" button). */
  async renew(): Promise<{ code: string; expiresAt: string }> {
    this.live = null
    return this.current()
  }

  /** The live code, if any: a pairing attempt checks its proof against it. */
  candidate(): string | null {
    return this.valid() ? this.live!.code : null
  }

  /** The proof matched: the code is spent (in memory at once, then on disk). */
  async consume(code: string): Promise<void> {
    if (this.live?.code !== code) {
      return
    }
    this.live = null
    await this.save(null)
  }

  /** A proof did not match: too many and the code is void. Failures count across restarts. */
  async fail(code: string): Promise<void> {
    if (this.live?.code !== code) {
      return
    }
    this.live = ++this.live.failures >= MAX_FAILURES ? null : { ...this.live }
    await this.save(this.live)
  }

  private valid(): boolean {
    return this.live !== null && this.live.expiresAt > this.now()
  }

  private make(): string {
    let code = ''
    for (let i = 0; i < LENGTH; i++) {
      code += ALPHABET[randomInt(ALPHABET.length)]
    }
    return code
  }

  private shown(live: LiveCode): { code: string; expiresAt: string } {
    return { code: `${live.code.slice(0, 5)}-${live.code.slice(5)}`, expiresAt: new Date(live.expiresAt).toISOString() }
  }
}
