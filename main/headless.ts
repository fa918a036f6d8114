// `npm run serve`: the same node as the desktop app, with no window (docs/API.md "Headless start").
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { CliError, parseArgs, USAGE } from './node/config'
import type { CliOptions } from './node/config'
import { loadPolicy } from './node/policy-file'
import { startNode } from './node/start'
import { startFailureMessage } from './node/start-error'
import type { RunningNode } from './node/start'

function rendererDir(): string | undefined {
  const candidates = [join(__dirname, '../renderer'), join(process.cwd(), 'out/renderer')]
  return candidates.find((dir) => existsSync(join(dir, 'index.html')))
}

/** The data folder asked for, once the command line is read: named in a start failure. */
let dataDir: string | undefined

async function main(): Promise<void> {
  let options: CliOptions
  let policy
  try {
    options = parseArgs(process.argv.slice(2))
    policy = options.policyFile ? loadPolicy(options.policyFile) : undefined
  } catch (error) {
    if (!(error instanceof CliError)) {
      throw error
    }
    console.error(`${error.message}\n${USAGE}`)
    process.exit(2)
  }
  if (options.help) {
    console.log(USAGE)
    return
  }
  dataDir = options.dataDir
  // Test hooks (docs/SYNC.md "Testing"): off unless the environment asks, never in real use.
  const testHooks = process.env.ENVELOPE_TEST_HOOKS === '1'
  const offset = testHooks ? Number(process.env.ENVELOPE_TEST_CLOCK_OFFSET_MS ?? 0) : 0
  const segmentSize = testHooks && process.env.ENVELOPE_TEST_SEGMENT_SIZE ? Number(process.env.ENVELOPE_TEST_SEGMENT_SIZE) : undefined
  const renderer = rendererDir()
  const node: RunningNode = await startNode({
    dataDir: options.dataDir,
    host: options.host,
    port: options.port,
    token: options.token,
    name: options.name,
    demo: options.demo,
    labNode: options.labNode,
    rendererDir: renderer,
    policy,
    version: process.env.npm_package_version,
    peerPort: options.peerPort,
    testHooks,
    segmentSize,
    clock: offset ? () => new Date(Date.now() + offset) : undefined,
  })
  console.log(`Envelope node "${node.name}" (${node.nodeId}), data in ${options.dataDir}`)
  if (node.seeded) {
    console.log('Seeded a demo world into the empty data folder.')
  }
  if (!options.token) {
    console.log(`token ${node.token}`)
  }
  console.log(`listening on ${node.url}`)
  console.log(`peers connect to ${node.peerUrl} (certificate ${node.fingerprint})`)
  if (renderer) {
    console.log(`open ${node.loginUrl()}`)
  } else {
    console.log('(the renderer is not built: run `npm run build:app` to use the UI in a browser)')
  }

  if (options.peer && options.pairCode) {
    try {
      const peer = await node.sync.pair(options.peer, options.pairCode)
      console.log(`paired with "${peer.name}" (${peer.id}) at ${options.peer}`)
    } catch (error) {
      // A previous start with the same flags may have paired already: that is what was asked.
      if ((error as { code?: string }).code === 'ALREADY_PAIRED') {
        console.log(`already paired with ${options.peer}`)
      } else {
        console.error(`pairing with ${options.peer} failed: ${(error as Error).message}`)
      }
    }
  }

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) {
      return
    }
    stopping = true
    console.log(`${signal}: stopping`)
    await node.stop()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

main().catch((error: Error) => {
  console.error(`Envelope could not start: ${startFailureMessage(error, dataDir)}`)
  process.exit(1)
})
