// `npm run lab -- --nodes N [--traffic RATE] [--keep DIR] [--topology mesh|line]`: N nodes on
// loopback, each with its own data folder, name, port and demo world, paired, with one table
// to open them. Ctrl-C stops the traffic, lets the nodes catch up, and stops every node
// cleanly; a node that dies is reported at once. (README "A local lab".)
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
// @ts-expect-error: a plain ES module shared with `npm run serve`
import { buildIfStale, entry, root } from '../build-if-stale.mjs'
import { LabNode } from './lab-node.mjs'
import { pairAll, settle, table } from './network.mjs'
import { Traffic } from './traffic.mjs'

const USAGE = `Usage: npm run lab -- [--nodes N] [--traffic RATE] [--keep DIR] [--topology mesh|line]
  --nodes N        how many nodes (1-12, default 3)
  --traffic RATE   scripted people act RATE times a second on every node (e.g. 5)
  --keep DIR       keep the nodes' data in DIR and reuse it next time (default: a temp folder, removed)
  --topology T     mesh: every node paired with every other (default); line: 1-2, 2-3, ... (relayed)`

function options() {
  const { values } = parseArgs({
    options: { nodes: { type: 'string', default: '3' }, traffic: { type: 'string' }, keep: { type: 'string' }, topology: { type: 'string', default: 'mesh' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  })
  const nodes = Number(values.nodes)
  const rate = values.traffic === undefined ? 0 : Number(values.traffic)
  if (values.help) {
    return null
  }
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > 12) {
    throw new Error('--nodes must be a whole number from 1 to 12.')
  }
  if (!(rate >= 0) || rate > 200) {
    throw new Error('--traffic must be a number of actions a second from 0 to 200.')
  }
  if (values.topology !== 'mesh' && values.topology !== 'line') {
    throw new Error('--topology is mesh or line.')
  }
  return { nodes, rate, keep: values.keep === undefined ? null : resolve(values.keep), topology: values.topology as 'mesh' | 'line' }
}

async function main(): Promise<void> {
  let opts
  try {
    opts = options()
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`)
    process.exit(2)
  }
  if (!opts) {
    return console.log(USAGE)
  }
  buildIfStale()
  const dir = opts.keep ?? (await mkdtemp(join(tmpdir(), 'envelope-lab-')))
  await mkdir(dir, { recursive: true })
  // Generous caps, so a living network is not mostly DAILY_CAP refusals.
  const policyFile = join(dir, 'lab-policy.json')
  await writeFile(policyFile, JSON.stringify({ caps: { personal: { messagesPerDay: 100_000, newConversationsPerDay: 10_000, newConversationsPerBurst: 1_000 }, verifiedBusiness: { messagesPerDay: 100_000, newConversationsPerDay: 10_000, newConversationsPerBurst: 1_000 } } }))
  let stopping = false
  const died = (node: LabNode, why: string) => {
    if (stopping) {
      return
    }
    console.error(`\n!! node ${node.name} ${why}; its data stays in ${node.spec.dataDir}. The other nodes go on.\n${node.tail()}`)
  }
  const nodes = Array.from({ length: opts.nodes }, (_, i) => new LabNode({ index: i + 1, name: `lab-${i + 1}`, dataDir: join(dir, `node-${i + 1}`), entry, cwd: root, policyFile }, died))
  let traffic: Traffic | null = null
  const stop = async (signal: string) => {
    if (stopping) {
      return
    }
    stopping = true
    console.log(`\n${signal}: stopping the traffic, letting the nodes catch up, stopping ${nodes.length} nodes...`)
    await traffic?.stop()
    if (traffic) {
      console.log(`traffic: ${traffic.summary()}`)
    }
    await settle(nodes, 15_000)
    await Promise.all(nodes.map((n) => n.stop()))
    if (!opts.keep) {
      await rm(dir, { recursive: true, force: true })
    } else {
      console.log(`data kept in ${dir}`)
    }
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))

  try {
    await Promise.all(nodes.map((n) => n.start()))
    await pairAll(nodes, opts.topology)
  } catch (error) {
    console.error(`The lab could not start: ${(error as Error).message}`)
    stopping = true
    await Promise.all(nodes.map((n) => n.stop()))
    process.exit(1)
  }
  await writeFile(join(dir, 'lab.json'), JSON.stringify({ nodes: nodes.map((n) => ({ name: n.name, nodeId: n.nodeId, url: n.url, token: n.token, dataDir: n.spec.dataDir })) }, null, 2), { mode: 0o600 })
  console.log(await table(nodes))
  console.log(`\n${opts.topology === 'line' ? 'Paired in a line (events are relayed)' : 'Paired as a full mesh'}; data in ${dir}. Ctrl-C stops every node.`)
  if (opts.rate > 0) {
    traffic = new Traffic(nodes, opts.rate)
    await traffic.start()
    console.log(`Traffic: ${opts.rate} actions a second on every node.`)
    setInterval(() => !stopping && console.log(`traffic: ${traffic!.summary()}`), 30_000).unref()
  }
}

main().catch((error: Error) => {
  console.error(`The lab failed: ${error.stack ?? error.message}`)
  process.exit(1)
})
