// P5's reference: Prosody (Debian's package) on loopback with a config of its own in a temp
// folder, two XMPP clients (@xmpp/client) with stream management, one sending to the other.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect as tcpConnect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cpuMsOf } from './proc.mts'
import { onlineClient, SM, Trace } from './xmpp-client.mts'
import type { Client } from './xmpp-client.mts'
import { xml } from '@xmpp/client'

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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Resolves once something accepts TCP connections on the port (Prosody has started listening). */
async function listening(port: number, ms = 30_000): Promise<void> {
  for (const deadline = performance.now() + ms; performance.now() < deadline; await sleep(50)) {
    const open = await new Promise<boolean>((resolve) => {
      const s = tcpConnect(port, '127.0.0.1', () => (s.destroy(), resolve(true))).on('error', () => resolve(false))
    })
    if (open) {
      return
    }
  }
  throw new Error(`Prosody did not listen on port ${port} in ${ms / 1000} s`)
}

/** Messages the receiver has when a round's second half begins (each side's server CPU is read then). */
export const half = (count: number) => Math.floor(count / 2)

export interface ReferenceRun {
  /** Messages per second, from the first send until the receiver had them all and the server had acknowledged them all. */
  rate: number
  /** This process's CPU (the two XMPP clients) per message, µs. */
  clientCpuUs: number
  /** Prosody's CPU per message, µs (utime + stime from /proc). */
  serverCpuUs: number
  /** The server's CPU per message over the round's second half (from the receiver's count/2-th message), µs. */
  serverLateCpuUs: number
}

/**
 * A round's figures from its clock and CPU readings, one computation for both sides so they
 * are measured alike: `cpu` is this process's since the round began, the server's CPU (ms)
 * read at the start, when the receiver had half, and at the end.
 */
export function roundFigures(count: number, seconds: number, cpu: NodeJS.CpuUsage, server: { start: number; half: number; end: number }): ReferenceRun {
  return {
    rate: count / seconds,
    clientCpuUs: (cpu.user + cpu.system) / count,
    serverCpuUs: ((server.end - server.start) * 1000) / count,
    serverLateCpuUs: ((server.end - server.half) * 1000) / (count - half(count)),
  }
}

/**
 * `warmUp` messages and then `count` from one online account to another through a fresh
 * Prosody, the same shape as our side's (bench/lib/p5.mts); only the second phase is timed.
 * Each phase ends when the receiver has them all and Prosody has acknowledged them all to the
 * sender (stream management's <a h/>, the reference's counterpart of our 201). A client that is dropped or
 * a message that bounces fails the run at once, with the clients' timeline, instead of
 * waiting for messages that will never come.
 */
export async function prosodyRate(count: number, warmUp: number): Promise<ReferenceRun> {
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
log = { ${process.env.BENCH_PROSODY_DEBUG ? 'debug' : 'info'} = "${dir}/prosody.log" }
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
  const trace = new Trace()
  const clients: Client[] = []
  let completed = false
  try {
    await listening(port)
    const service = `xmpp://127.0.0.1:${port}`
    const alice = await onlineClient(service, 'alice', trace)
    clients.push(alice)
    const bob = await onlineClient(service, 'bob', trace)
    clients.push(bob)
    const bobJid = bob.jid!.toString()
    // One phase at a time: what the listeners below count toward, and how the phase ends.
    let got = 0
    let acked = 0
    let sentBefore = 0
    let onGot: () => void = () => undefined
    let check: () => void = () => undefined
    let fail: (why: string) => void = () => undefined
    bob.on('stanza', (s) => {
      if (s.is('message') && s.getChild('body')) {
        ++got
        onGot()
        check()
      }
    })
    alice.on('nonza', (n) => {
      if (n.is('a', SM)) {
        acked = Number(n.attrs.h) - sentBefore
        check()
      }
    })
    alice.on('stanza', (s) => s.attrs.type === 'error' && fail(`a message bounced: ${s.toString().slice(0, 300)}`))
    for (const c of [alice, bob]) {
      c.on('disconnect', () => fail(`${c === alice ? 'alice' : 'bob'} was disconnected`))
    }
    /** Messages first..first+n-1 sent, all received by bob and acknowledged to alice; Prosody's CPU (ms) when half had arrived. */
    const phase = async (first: number, n: number): Promise<{ serverHalf: number }> => {
      got = 0
      acked = 0
      let serverHalf = 0
      onGot = () => got === half(n) && (serverHalf = cpuMsOf(server.pid))
      // Prosody's h counts every stanza alice sent since <enabled/>: those before this phase are known by now.
      // (@types/xmpp__client 0.14 leaves out the unacknowledged queue that @xmpp/stream-management 0.14 keeps.)
      const sm = alice.streamManagement as typeof alice.streamManagement & { outbound_q: unknown[] }
      sentBefore = sm.outbound + sm.outbound_q.length
      let timer: NodeJS.Timeout | undefined
      const all = new Promise<void>((resolve, reject) => {
        check = () => got === n && acked >= n && resolve()
        fail = (why) => reject(new Error(`${why}; Prosody delivered ${got} of ${n} messages (log: ${dir}/prosody.log)\n${trace.format()}`))
        // Bounded in time: a reference that stops delivering fails the row instead of hanging the bench.
        timer = setTimeout(() => fail('no end in 120 s'), 120_000)
      })
      for (let i = first; i < first + n; i++) {
        void alice.send(xml('message', { to: bobJid, type: 'chat', id: `m${i}` }, xml('body', {}, `message ${i}: the quick brown fox`))).catch(() => undefined)
        if (i % 100 === 99) {
          await new Promise((r) => setImmediate(r))
        }
      }
      // Ask for the acknowledgement of the last message now, not after the client's 250 ms debounce.
      void alice.send(xml('r', { xmlns: SM })).catch(() => undefined)
      await all.finally(() => clearTimeout(timer))
      return { serverHalf }
    }
    await phase(0, warmUp)
    const [cpu0, server0, t0] = [process.cpuUsage(), cpuMsOf(server.pid), performance.now()]
    const { serverHalf } = await phase(warmUp, count)
    const seconds = (performance.now() - t0) / 1000
    const [cpu, serverEnd] = [process.cpuUsage(cpu0), cpuMsOf(server.pid)]
    completed = true
    return roundFigures(count, seconds, cpu, { start: server0, half: serverHalf, end: serverEnd })
  } finally {
    // Stopped whatever happened, so no client outlives its round (a failed one kept the process alive before).
    for (const c of clients) {
      c.removeAllListeners('disconnect')
    }
    await Promise.all(clients.map((c) => c.stop())).catch(() => undefined)
    server.kill('SIGTERM')
    await sleep(200)
    // A failed round keeps its folder: Prosody's log is named in the error.
    if (completed && !process.env.KEEP_PROSODY) {
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
