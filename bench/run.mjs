// `npm run bench`: throughput of the node's hot paths, each printed as a ratio against a
// bare node:http reference measured in the same run on the same machine (so the numbers
// compare across machines). Loopback only; every load is bounded in time.
import autocannon from 'autocannon'
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const CONNECTIONS = 16
const TOKEN = 'bench-token'

function start(args) {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
      const m = /listening on (http:\/\/[^\s]+)/.exec(out)
      if (m) {
        resolve({ url: m[1], stop: () => child.kill('SIGTERM') })
      }
    })
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)))
  })
}

async function call(url, method, path, body) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: body && JSON.stringify(body),
  })
  if (!res.ok) {
    throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
  }
  return res.json()
}

function load(url, request) {
  let n = 0
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    requests: [{ ...request, setupRequest: (req) => (request.body ? { ...req, body: request.body(n++) } : req) }],
  })
}

const results = []
function report(name, run, ref) {
  const bad = run.non2xx + run.errors
  results.push({ name, perSecond: Math.round(run.requests.average), reference: Math.round(ref.requests.average), ratio: run.requests.average / ref.requests.average, p99ms: run.latency.p99, bad })
}

const dir = await mkdtemp(join(tmpdir(), 'envelope-bench-'))
const reference = await start([join(root, 'bench/reference-server.mjs')])
const node = await start([join(root, 'out/main/headless.js'), '--data', dir, '--port', '0', '--token', TOKEN, '--policy', join(root, 'bench/policy.json')])
try {
  const person = (handle) => ({ handle, displayName: handle, birthDate: '1990-01-01', phone: '+14155550100', region: 'US', kind: 'personal' })
  await call(node.url, 'POST', '/api/v1/accounts', person('bench.sender'))
  await call(node.url, 'POST', '/api/v1/accounts', person('bench.reader'))
  await call(node.url, 'POST', '/api/v1/accounts/@bench.sender/follows', { target: '@bench.reader' })
  const first = await call(node.url, 'POST', '/api/v1/accounts/@bench.sender/messages', { to: '@bench.reader', text: 'hello', clientId: 'warm-up' })

  const postRef = await load(`${reference.url}/api/v1/accounts/x/messages`, { method: 'POST', body: (i) => JSON.stringify({ to: 'x', text: 'hi', clientId: `r${i}` }) })
  const sends = await load(`${node.url}/api/v1/accounts/@bench.sender/messages`, {
    method: 'POST',
    body: (i) => JSON.stringify({ to: '@bench.reader', text: `message ${i}: the quick brown fox`, clientId: `b${i}` }),
  })
  report('send a message (201, fsynced)', sends, postRef)

  const getRef = await load(`${reference.url}/api/v1/x`, { method: 'GET' })
  const page = await load(`${node.url}/api/v1/accounts/@bench.reader/conversations/${first.conversationId}/messages?limit=50`, { method: 'GET' })
  report(`read the newest 50 of ${sends.requests.total} messages`, page, getRef)
  const inbox = await load(`${node.url}/api/v1/accounts/@bench.reader/conversations`, { method: 'GET' })
  report('list conversations', inbox, getRef)
} finally {
  node.stop()
  reference.stop()
  await rm(dir, { recursive: true, force: true })
}

console.log(`\nEnvelope benchmarks (${SECONDS} s each, ${CONNECTIONS} connections, loopback). ratio = Envelope / bare node:http`)
console.log('| what | Envelope req/s | reference req/s | ratio | p99 ms | failed |')
console.log('| --- | --- | --- | --- | --- | --- |')
for (const r of results) {
  console.log(`| ${r.name} | ${r.perSecond} | ${r.reference} | ${r.ratio.toFixed(2)} | ${r.p99ms} | ${r.bad} |`)
}
if (results.some((r) => r.bad > 0)) {
  process.exitCode = 1
}
