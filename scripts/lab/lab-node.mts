// One node of the lab: the built headless node as a child process with its own data folder,
// name, port and token, found through the lines it prints. Its death is reported, not hidden.
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createClient } from '../../shared/api/client.ts'
import type { EnvelopeClient } from '../../shared/api/client.ts'

export interface LabNodeSpec {
  index: number
  name: string
  dataDir: string
  entry: string
  cwd: string
  policyFile: string
}

export class LabNode {
  readonly token = randomBytes(24).toString('base64url')
  url = ''
  nodeId = ''
  /** The one-time sign-in link the node printed at start. */
  openLink = ''
  client!: EnvelopeClient
  private proc: ChildProcess | null = null
  private stopping = false
  private output = ''

  constructor(
    readonly spec: LabNodeSpec,
    private readonly onDeath: (node: LabNode, why: string) => void,
  ) {}

  get name(): string {
    return this.spec.name
  }

  get alive(): boolean {
    return this.proc !== null
  }

  /** Starts the node and resolves once it prints its URL and sign-in link. */
  start(): Promise<void> {
    const { index, dataDir, entry, cwd, policyFile, name } = this.spec
    const seed = index === 1 ? ['--demo'] : ['--lab-node', String(index)]
    const args = [entry, '--data', dataDir, '--port', '0', '--host', '127.0.0.1', '--token', this.token, '--name', name, '--policy', policyFile, ...seed]
    // Its own process group: Ctrl-C in the terminal reaches the lab only, which first lets the
    // nodes catch up with each other and then stops them; if the lab exits, they go too.
    const proc = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    this.proc = proc
    process.once('exit', () => proc.kill('SIGTERM'))
    proc.stdout!.on('data', (c: Buffer) => (this.output = (this.output + c.toString()).slice(-20_000)))
    proc.stderr!.on('data', (c: Buffer) => (this.output = (this.output + c.toString()).slice(-20_000)))
    const started = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} did not start within 30 s:\n${this.output}`)), 30_000)
      const check = () => {
        const id = /\((n_[0-9a-f]+)\)/.exec(this.output)
        const url = /listening on (http:\/\/\S+)/.exec(this.output)
        const open = /open (http:\/\/\S+#code=\S+)/.exec(this.output)
        if (id && url && open) {
          clearTimeout(timer)
          proc.stdout!.off('data', check)
          this.nodeId = id[1]
          this.url = url[1]
          this.openLink = open[1]
          this.client = createClient({ baseUrl: this.url, token: this.token })
          resolve()
        }
      }
      proc.stdout!.on('data', check)
      proc.once('exit', (code, signal) => {
        clearTimeout(timer)
        reject(new Error(`${name} exited at start (${signal ?? `code ${code}`}):\n${this.output}`))
      })
    })
    proc.on('exit', (code, signal) => {
      this.proc = null
      if (!this.stopping) {
        this.onDeath(this, signal ? `killed by ${signal}` : `exited with code ${code}`)
      }
    })
    return started
  }

  /** Stops the node cleanly (SIGTERM: it finishes its writes) and waits until it is gone. */
  async stop(): Promise<void> {
    this.stopping = true
    const proc = this.proc
    if (!proc) {
      return
    }
    await new Promise<void>((done) => {
      const force = setTimeout(() => proc.kill('SIGKILL'), 10_000)
      proc.once('exit', () => {
        clearTimeout(force)
        done()
      })
      proc.kill('SIGTERM')
    })
  }

  /** The last lines the node printed (for a death report). */
  tail(lines = 5): string {
    return this.output.trimEnd().split('\n').slice(-lines).join('\n')
  }
}
