// Starts the headless node (built by `npm test` / `npx electron-vite build`) on a free port
// with a fresh data folder, and stops it after. Waits for the `listening on` and `open` lines.
// Several may run at once (LAN sync): each has its own data folder, port and name.
import { spawn } from 'node:child_process'
import type { ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdtempSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { randomBytes } from 'node:crypto'
import { createClient } from '@shared/api/client'
import type { EnvelopeClient } from '@shared/api/client'

const ROOT = resolve(__dirname, '../../..')
const ENTRY = join(ROOT, 'out/main/headless.js')

export interface TestNode {
  url: string
  token: string
  /** The one-time sign-in link the node printed (usable once). */
  loginUrl: string
  dataDir: string
  client: EnvelopeClient
  output: () => string
  stop(): Promise<void>
}

export interface StartOptions {
  /** Seed the demo world (default true). Leave it off for nodes that pair: both would seed the same handles. */
  demo?: boolean
  /** The node's name (`--name`), shown in the Network panes. */
  name?: string
  /** Bind address (`--host`); the node's default is 127.0.0.1. */
  host?: string
}

export async function startNode(options: StartOptions = {}): Promise<TestNode> {
  if (!existsSync(ENTRY) || !existsSync(join(ROOT, 'out/renderer/index.html'))) {
    throw new Error('The app is not built: run `npx electron-vite build` (npm test does it) before the e2e tests.')
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'envelope-e2e-'))
  const token = randomBytes(24).toString('base64url')
  const args = [ENTRY, '--data', dataDir, '--port', '0', '--token', token]
  if (options.demo !== false) {
    args.push('--demo')
  }
  if (options.name) {
    args.push('--name', options.name)
  }
  if (options.host) {
    args.push('--host', options.host)
  }
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' } })
  let out = ''
  const ready = new Promise<{ url: string; loginUrl: string }>((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`The node did not start in time:\n${out}`)), 30_000)
    const check = () => {
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1]
      const loginUrl = /open (http:\/\/\S+#code=\S+)/.exec(out)?.[1]
      if (url && loginUrl) {
        clearTimeout(timer)
        resolveReady({ url, loginUrl })
      }
    }
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      check()
    })
    child.stderr.on('data', (chunk: Buffer) => {
      out += chunk.toString()
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`The node exited (${code}) before it was ready:\n${out}`))
    })
  })
  const { url, loginUrl } = await ready
  return {
    url,
    token,
    loginUrl,
    dataDir,
    client: createClient({ baseUrl: url, token }),
    output: () => out,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
        if (child.exitCode === null) {
          child.kill('SIGKILL')
        }
      }
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Starts several nodes side by side; if one fails to start, the others are stopped too. */
export async function startNodes(list: StartOptions[]): Promise<TestNode[]> {
  const started = await Promise.allSettled(list.map((o) => startNode(o)))
  const nodes = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected')
  if (failed) {
    await Promise.all(nodes.map((n) => n.stop()))
    throw failed.reason
  }
  return nodes
}
