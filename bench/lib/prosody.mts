// P5's reference: Prosody (Debian's package) on loopback with a config of its own in a temp
// folder, two XMPP clients (@xmpp/client) with stream management, one sending to the other.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { client, xml } from '@xmpp/client'

function have(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0
}

/** Prosody on this machine: installed already, or installed now with apt-get when allowed. */
export function ensureProsody(): boolean {
  if (have('prosody')) {
    return true
  }
  const asRoot = process.getuid?.() === 0
  const apt = asRoot ? ['apt-get'] : have('sudo') ? ['sudo', '-n', 'apt-get'] : null
  if (!apt) {
    return false
  }
  const r = spawnSync(apt[0], [...apt.slice(1), 'install', '-y', 'prosody'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
  return r.status === 0 && have('prosody')
}

/** Prosody refuses to run as root: as root, run it as its own system user. */
function prosodyUser(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) {
    return {}
  }
  const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, 'prosody']).toString().trim()))
  return { uid, gid }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

/** Messages per second from one online account to another through Prosody; the clock stops when the receiver has them all. */
export async function prosodyRate(count: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'envelope-bench-prosody-'))
  const port = await freePort()
  const config = join(dir, 'prosody.cfg.lua')
  writeFileSync(
    config,
    `pidfile = "${dir}/prosody.pid"
data_path = "${dir}"
daemonize = false
interfaces = { "127.0.0.1" }
local_interfaces = { "127.0.0.1" }
c2s_ports = { ${port} }
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
authentication = "internal_plain"
log = { info = "${dir}/prosody.log" }
modules_enabled = { "roster"; "saslauth"; "disco"; "ping"; "smacks" }
modules_disabled = { "s2s", "offline" }
VirtualHost "localhost"
`,
  )
  // As root, Prosody drops to its own user, which must be able to read and write the folder.
  if (process.getuid?.() === 0) {
    chmodSync(dir, 0o755)
    spawnSync('chown', ['-R', 'prosody', dir])
  }
  for (const user of ['alice', 'bob']) {
    execFileSync('prosodyctl', ['--config', config, 'register', user, 'localhost', 'secret'], { stdio: 'ignore' })
  }
  const server = spawn('prosody', ['--config', config], { stdio: 'ignore', ...prosodyUser() })
  try {
    const connect = async (user: string) => {
      for (let attempt = 0; ; attempt++) {
        // A fresh resource per attempt: a failed attempt's session may linger (stream
        // management keeps it to resume), and messages to a shared resource would go there.
        const xmpp = client({ service: `xmpp://127.0.0.1:${port}`, domain: 'localhost', username: user, password: 'secret', resource: `bench-${attempt}` })
        xmpp.on('error', () => undefined)
        try {
          await xmpp.start()
          await xmpp.send(xml('presence'))
          return xmpp
        } catch (error) {
          await xmpp.stop().catch(() => undefined)
          if (attempt > 40) {
            throw error
          }
          await new Promise((r) => setTimeout(r, 250))
        }
      }
    }
    const alice = await connect('alice')
    const bob = await connect('bob')
    let got = 0
    let done: () => void = () => undefined
    const all = new Promise<void>((resolve, reject) => {
      done = resolve
      // Bounded in time: a reference that stops delivering fails the row instead of hanging the bench.
      setTimeout(() => reject(new Error(`Prosody delivered ${got} of ${count} messages in 120 s`)), 120_000).unref()
    })
    const bobJid = bob.jid?.toString() ?? 'bob@localhost'
    bob.on('stanza', (s) => {
      if (s.is('message') && s.getChild('body') && ++got === count) {
        done()
      }
    })
    const t0 = performance.now()
    for (let i = 0; i < count; i++) {
      void alice.send(xml('message', { to: bobJid, type: 'chat', id: `m${i}` }, xml('body', {}, `message ${i}: the quick brown fox`)))
      if (i % 100 === 99) {
        await new Promise((r) => setImmediate(r))
      }
    }
    await all
    const seconds = (performance.now() - t0) / 1000
    await Promise.all([alice.stop(), bob.stop()])
    return count / seconds
  } finally {
    server.kill('SIGTERM')
    await new Promise((r) => setTimeout(r, 200))
    if (!process.env.KEEP_PROSODY) {
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
