// Runs the BUILT desktop main bundle (out/main/index.js) as a child process under plain Node,
// with the stand-in 'electron' module (stand-in-electron.cjs) in place of the real one, and
// drives it over the child-process channel: fire events, read the recorded calls, invoke IPC,
// request app:// URLs. Run `npm run build:app` first (`npm test` does).
import { fork } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const ROOT = resolve(__dirname, '../../..')
export const MAIN_BUNDLE = join(ROOT, 'out/main/index.js')
const REGISTER = join(__dirname, 'register-stand-in.cjs')
/** Bound on any one wait: a first launch here takes about a second. */
const WAIT_MS = 20_000

export interface Call {
  name: string
  args: unknown[]
}

export function assertMainBuilt(): void {
  if (!existsSync(MAIN_BUNDLE)) {
    throw new Error(`${MAIN_BUNDLE} is missing: run \`npm run build:app\` before this test.`)
  }
}

type Answer = Record<string, unknown> & { error?: string }

export class ShellProcess {
  stderr = ''
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  private nextId = 1
  private readonly waiting = new Map<number, (answer: Answer) => void>()
  private quitSeen = false

  private constructor(private readonly child: ChildProcess) {
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()))
    child.on('message', (message: Answer & { id?: number; type?: string }) => {
      if (message.type === 'quit') {
        this.quitSeen = true
      }
      if (message.id !== undefined) {
        this.waiting.get(message.id)?.(message)
      }
    })
    this.exited = new Promise((done) => child.on('exit', (code, signal) => done({ code, signal })))
  }

  /** Starts the bundle on dataDir and resolves once the stand-in is loaded (before `ready`). */
  static async launch(dataDir: string, bundle = MAIN_BUNDLE): Promise<ShellProcess> {
    const env = { ...process.env }
    delete env.ELECTRON_RENDERER_URL
    const child = fork(bundle, ['--data', dataDir, '--no-sandbox'], {
      cwd: ROOT,
      env,
      execArgv: ['--require', REGISTER],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    })
    const shell = new ShellProcess(child)
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`the bundle did not load:\n${shell.stderr}`)), WAIT_MS)
      child.on('message', (m: { type?: string }) => {
        if (m.type !== 'loaded') {
          return
        }
        clearTimeout(timer)
        done()
      })
      child.on('exit', () => fail(new Error(`the bundle exited while loading:\n${shell.stderr}`)))
    })
    return shell
  }

  get quit(): boolean {
    return this.quitSeen
  }

  async ask(op: string, extra: Record<string, unknown> = {}): Promise<Answer> {
    const id = this.nextId++
    const answer = await new Promise<Answer>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no answer to ${op}:\n${this.stderr}`)), WAIT_MS)
      this.waiting.set(id, (a) => {
        clearTimeout(timer)
        done(a)
      })
      this.child.send({ id, op, ...extra })
    })
    this.waiting.delete(id)
    if (answer.error !== undefined) {
      throw new Error(answer.error)
    }
    return answer
  }

  async calls(): Promise<Call[]> {
    return (await this.ask('calls')).calls as Call[]
  }

  async named(name: string): Promise<Call[]> {
    return (await this.calls()).filter((c) => c.name === name)
  }

  /** Polls the recorded calls until `until` holds (bounded). */
  async waitFor(what: string, until: (calls: Call[]) => boolean): Promise<Call[]> {
    const deadline = Date.now() + WAIT_MS
    for (;;) {
      const calls = await this.calls()
      if (until(calls)) {
        return calls
      }
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${what}:\n${this.stderr}`)
      }
      await new Promise((r) => setTimeout(r, 25))
    }
  }

  /** Waits for the process to end by itself; kills it (and fails) when it does not. */
  async waitForExit(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const timer = setTimeout(() => this.child.kill('SIGKILL'), WAIT_MS)
    const result = await this.exited
    clearTimeout(timer)
    return result
  }

  kill(): void {
    if (this.child.exitCode === null) {
      this.child.kill('SIGKILL')
    }
  }
}
