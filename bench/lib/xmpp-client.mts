// P5's XMPP clients: an @xmpp/client session that is fully online (stream management enabled,
// its available presence handled by the server) before the reference sends anything.
import { client, xml } from '@xmpp/client'

export type Client = ReturnType<typeof client>
type Element = ReturnType<typeof xml>

/** XEP-0198 stream management. */
export const SM = 'urn:xmpp:sm:3'

/** What the clients went through (statuses, errors, nonzas other than acks), for a failed run's message. */
export class Trace {
  private lines: string[] = []
  private t0 = performance.now()
  add(who: string, what: string): void {
    this.lines.push(`${(performance.now() - this.t0).toFixed(0)} ms ${who} ${what}`)
  }
  format(last = 40): string {
    return this.lines.slice(-last).join('\n')
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function within<T>(what: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms / 1000} s`)), ms)))
  return Promise.race([work, late]).finally(() => clearTimeout(timer))
}

async function until(what: string, ms: number, test: () => boolean): Promise<void> {
  for (const deadline = performance.now() + ms; !test(); await sleep(5)) {
    if (performance.now() > deadline) {
      throw new Error(`${what}: not in ${ms / 1000} s`)
    }
  }
}

/**
 * A client of `user` that is online in full: bound, stream management enabled and its own
 * available presence come back from the server. Waiting for <enabled/> before the presence is
 * what keeps the session alive: @xmpp/client reports "online" at resource binding, and
 * resets its count of received stanzas only in a later turn after <enabled/>; a presence sent
 * at "online" made the server's first <r/> arrive in the same read as <enabled/>, the client
 * answered with the count from before <enabled/> (h=2 for 1 sent), and Prosody closed the
 * stream ("Client acknowledged more stanzas than sent by server"). Automatic reconnection is
 * off: a dropped session must fail the run, not come back without presence while messages to
 * it bounce. Each attempt binds a fresh resource, so nothing is sent to a lingering session.
 */
export async function onlineClient(service: string, user: string, trace: Trace, attempts = 4): Promise<Client> {
  for (let attempt = 0; ; attempt++) {
    const who = `${user}#${attempt}`
    const xmpp = client({ service, domain: 'localhost', username: user, password: 'secret', resource: `bench-${attempt}`, timeout: 30_000 })
    xmpp.reconnect.stop()
    xmpp.on('error', (e: Error) => trace.add(who, `error ${e.message}`))
    xmpp.on('status', (status: string) => trace.add(who, status))
    xmpp.on('nonza', (n: Element) => n.name !== 'a' && n.name !== 'r' && trace.add(who, n.toString().slice(0, 200)))
    try {
      await within(`${who} start`, 60_000, xmpp.start())
      await until(`${who} stream management`, 30_000, () => xmpp.streamManagement.enabled)
      const self = xmpp.jid!.toString()
      const reflected = new Promise<void>((resolve) => xmpp.on('stanza', (s: Element) => s.is('presence') && s.attrs.from === self && resolve()))
      await xmpp.send(xml('presence'))
      await within(`${who} presence`, 30_000, reflected)
      return xmpp
    } catch (error) {
      trace.add(who, `attempt failed: ${(error as Error).message}`)
      await xmpp.stop().catch(() => undefined)
      if (attempt + 1 >= attempts) {
        throw new Error(`${user} could not get online: ${(error as Error).message}\n${trace.format()}`, { cause: error })
      }
      await sleep(250)
    }
  }
}
