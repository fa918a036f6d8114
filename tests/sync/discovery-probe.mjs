// Runs INSIDE a fresh network namespace (`unshare --net`, made by tests/sync/discovery.test.ts):
// wires a veth pair (10.77.0.1 <-> 10.77.0.2) that exists only in that namespace, starts two
// nodes bound to those LAN-visible addresses, and reports as JSON what each one saw through
// mDNS, then pairs them the way the Network pane does (a nearby node's URL plus its code).
// All traffic, multicast included, stays inside the namespace on this machine.
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const [entry] = process.argv.slice(2)
const TOKEN = 'discovery-test-token'
const ip = (...args) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] })
ip('link', 'set', 'lo', 'up')
// Both ends of the pair live in this namespace, so packets arrive from an address of our own:
// let them in (per-namespace settings; the machine's own are untouched).
for (const key of ['all/accept_local', 'default/accept_local', 'all/rp_filter', 'default/rp_filter']) {
  writeFileSync(`/proc/sys/net/ipv4/conf/${key}`, key.endsWith('accept_local') ? '1' : '0')
}
ip('link', 'add', 'envl0', 'type', 'veth', 'peer', 'name', 'envl1')
ip('addr', 'add', '10.77.0.1/24', 'dev', 'envl0')
ip('addr', 'add', '10.77.0.2/24', 'dev', 'envl1')
ip('link', 'set', 'envl0', 'multicast', 'on', 'up')
ip('link', 'set', 'envl1', 'multicast', 'on', 'up')
for (const dev of ['envl0', 'envl1']) {
  writeFileSync(`/proc/sys/net/ipv4/conf/${dev}/accept_local`, '1')
  writeFileSync(`/proc/sys/net/ipv4/conf/${dev}/rp_filter`, '0')
}
ip('route', 'add', '224.0.0.0/4', 'dev', 'envl0')

const dirs = []
const procs = []
function start(name, host) {
  const dir = mkdtempSync(join(tmpdir(), `envelope-disc-${name}-`))
  dirs.push(dir)
  const proc = spawn(process.execPath, [entry, '--data', dir, '--port', '0', '--host', host, '--token', TOKEN, '--name', name], { stdio: ['ignore', 'pipe', 'pipe'] })
  procs.push(proc)
  let out = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start: ${out}`)), 20_000)
    const take = (chunk) => {
      out += chunk
      const url = /listening on (http:\/\/\S+)/.exec(out)
      const id = /\((n_[0-9a-f]+)\)/.exec(out)
      if (url && id) {
        clearTimeout(timer)
        resolve({ name, url: url[1], nodeId: id[1] })
      }
    }
    proc.stdout.on('data', take)
    proc.stderr.on('data', take)
  })
}
const api = async (node, method, path, body) => {
  const res = await fetch(`${node.url}/api/v1${path}`, { method, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body) })
  return { status: res.status, body: await res.json() }
}

const result = {}
try {
  const [a, b] = await Promise.all([start('disc-a', '10.77.0.1'), start('disc-b', '10.77.0.2')])
  const deadline = Date.now() + 20_000
  let seen
  for (;;) {
    seen = [(await api(a, 'GET', '/nearby')).body, (await api(b, 'GET', '/nearby')).body]
    if (seen[0].nearby.some((n) => n.nodeId === b.nodeId) && seen[1].nearby.some((n) => n.nodeId === a.nodeId)) {
      break
    }
    if (Date.now() > deadline) {
      break
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  result.nodes = { a, b }
  result.seenByA = seen[0]
  result.seenByB = seen[1]
  const bOnA = seen[0].nearby.find((n) => n.nodeId === b.nodeId)
  if (bOnA) {
    const { code } = (await api(b, 'GET', '/pairing-code')).body
    result.pair = await api(a, 'POST', '/peers', { url: bOnA.url, code })
    result.afterPairing = (await api(a, 'GET', '/nearby')).body
  }
} catch (error) {
  result.error = String(error)
} finally {
  for (const p of procs) {
    p.kill('SIGTERM')
  }
  await Promise.all(procs.map((p) => new Promise((r) => (p.exitCode !== null ? r() : p.once('exit', r)))))
  for (const d of dirs) {
    rmSync(d, { recursive: true, force: true })
  }
}
process.stdout.write(`${JSON.stringify(result)}\n`)
