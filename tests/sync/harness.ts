// Multi-node test support: real nodes as child processes (`node out/main/headless.js`), each
// with its own data folder on 127.0.0.1, found through the lines they print. Run
// `npx electron-vite build` first (`npm test` does).
import { spawn } from 'node:child_process'
import type { ChildProcess, ChildProcessByStdio } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Readable } from 'node:stream'
import { ApiError, createClient } from '@shared/api'
import type { CreateAccountBody, EnvelopeClient, PeerView } from '@shared/api'
import type { AccountView, Message } from '@shared/types'

export const ROOT = resolve(__dirname, '../..')
export const ENTRY = join(ROOT, 'out/main/headless.js')
export const TOKEN = 'sync-test-token'
export const ADULT = '1990-05-17'

export function assertBuilt(): void {
  if (!existsSync(ENTRY)) {
    throw new Error(`${ENTRY} is missing: run \`npx electron-vite build\` before the sync tests.`)
  }
  const sources = ['main/sync/service.ts', 'main/domain/messaging.ts', 'main/store/projection.ts'].map((f) => statSync(join(ROOT, f)).mtimeMs)
  if (Math.max(...sources) > statSync(ENTRY).mtimeMs) {
    process.stderr.write('warning: out/main/headless.js is older than the sources; run `npx electron-vite build`.\n')
  }
}

export interface NodeOptions {
  /** Extra environment (test hooks are always on). */
  env?: Record<string, string>
  args?: string[]
}

/** A headless node process on loopback with the test token and test hooks on; output piped. */
export function spawnNode(name: string, dataDir: string, env: Record<string, string> = {}, args: string[] = []): ChildProcessByStdio<null, Readable, Readable> {
  const argv = [ENTRY, '--data', dataDir, '--port', '0', '--token', TOKEN, '--host', '127.0.0.1', '--name', name, ...args]
  return spawn(process.execPath, argv, { cwd: ROOT, env: { ...process.env, ENVELOPE_TEST_HOOKS: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
}

export class TestNode {
  url = ''
  peerUrl = ''
  fingerprint = ''
  nodeId = ''
  client!: EnvelopeClient
  proc: ChildProcess | null = null
  output = ''

  constructor(
    readonly name: string,
    readonly dataDir: string,
    private readonly options: NodeOptions = {},
  ) {}

  /** Starts (or restarts, on the same folder) and resolves once the node prints its URLs. */
  async start(): Promise<this> {
    const proc = spawnNode(this.name, this.dataDir, this.options.env, this.options.args)
    this.proc = proc
    this.output = ''
    await new Promise<void>((resolveStart, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name} did not start:\n${this.output}`)), 20_000)
      const onData = (chunk: Buffer) => {
        this.output += chunk.toString()
        const id = /\((n_[0-9a-f]+)\)/.exec(this.output)
        const listening = /listening on (http:\/\/\S+)/.exec(this.output)
        const peers = /peers connect to (https:\/\/\S+) \(certificate ([0-9A-F:]+)\)/.exec(this.output)
        if (id && listening && peers) {
          clearTimeout(timer)
          this.nodeId = id[1]
          this.url = listening[1]
          this.peerUrl = peers[1]
          this.fingerprint = peers[2]
          resolveStart()
        }
      }
      proc.stdout!.on('data', onData)
      proc.stderr!.on('data', (c: Buffer) => (this.output += c.toString()))
      proc.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`${this.name} exited with ${code}:\n${this.output}`))
      })
    }).finally(() => proc.removeAllListeners('exit'))
    this.client = createClient({ baseUrl: this.url, token: TOKEN })
    return this
  }

  /** Kills the process (SIGKILL: no clean shutdown) and waits until it is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const proc = this.proc
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) {
      return
    }
    await new Promise<void>((done) => {
      proc.once('exit', () => done())
      proc.kill(signal)
    })
    this.proc = null
  }

  account(handle: string, overrides: Partial<CreateAccountBody> = {}): Promise<AccountView> {
    return this.client
      .createAccount({ handle, displayName: handle, birthDate: ADULT, phone: '+14155550123', region: 'US', kind: 'personal', ...overrides })
      .then((r) => r.account)
  }

  /**
   * Test hook: this node stops taking in `peer`'s events ('events'), and also the verdicts
   * the peer returns on this node's sends ('all'); false lifts it.
   */
  hold(peer: TestNode, hold: 'events' | 'all' | false): Promise<unknown> {
    return this.client.call('POST', '/test/sync-hold', { peer: peer.nodeId, hold })
  }

  /** Runs `fn` with `peer` held, lifting the hold even when `fn` fails. */
  async holding<T>(peer: TestNode, scope: 'events' | 'all', fn: () => Promise<T>): Promise<T> {
    await this.hold(peer, scope)
    try {
      return await fn()
    } finally {
      await this.hold(peer, false)
    }
  }

  async peer(other: TestNode): Promise<PeerView | undefined> {
    return (await this.client.peers()).peers.find((p) => p.id === other.nodeId)
  }
}

/** Fresh temp folders, removed by cleanup() after the nodes are killed. */
export function cluster() {
  const nodes: TestNode[] = []
  const dirs: string[] = []
  return {
    nodes,
    async node(name: string, options?: NodeOptions): Promise<TestNode> {
      const dir = await mkdtemp(join(tmpdir(), `envelope-sync-${name}-`))
      dirs.push(dir)
      const node = new TestNode(name, dir, options)
      nodes.push(node)
      return node.start()
    },
    async cleanup(): Promise<void> {
      await Promise.all(nodes.map((n) => n.kill('SIGKILL')))
      await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
    },
  }
}

/** Pairs `a` with `b` the way a person does: b shows a code, a is given b's URL and the code. */
export async function pair(a: TestNode, b: TestNode): Promise<PeerView> {
  const { code } = await b.client.pairingCode()
  return (await a.client.pair(b.url, code)).peer
}

/** Polls `probe` until it returns a value other than undefined/false, or fails after `ms`. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms
  let last: unknown
  for (;;) {
    try {
      const value = await probe()
      if (value !== undefined && value !== false) {
        return value as T
      }
    } catch (err) {
      last = err
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`)
    }
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** The API error a call fails with (the test fails if it succeeds). */
export async function refusal(call: Promise<unknown>): Promise<ApiError> {
  try {
    await call
  } catch (err) {
    if (err instanceof ApiError) {
      return err
    }
    throw err
  }
  throw new Error('expected the call to be refused')
}

let clientIds = 0
export const nextClientId = (): string => `t-${process.pid}-${++clientIds}`

/** Every message of a conversation the viewer sees, oldest first (all pages); [] when it has none. */
export async function wholeThread(node: TestNode, viewerId: string, conversationId: string): Promise<Message[]> {
  const out: Message[] = []
  let before: string | undefined
  try {
    for (;;) {
      const page = await node.client.messages(viewerId, conversationId, { limit: 100, ...(before ? { before } : {}) })
      out.unshift(...page.messages)
      if (!page.hasMore || page.messages.length === 0) {
        return out
      }
      before = page.messages[0].id
    }
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) {
      return []
    }
    throw err
  }
}
