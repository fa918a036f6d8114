// `npm run lab` end to end: four nodes with scripted traffic, stopped with Ctrl-C (SIGINT).
// Then every node's data folder is opened and the homes of each conversation's two accounts
// must agree: the same messages, decided the same way, in the same order, none twice.
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { Store } from '../../main/store'
import { assertBuilt, eventually, ROOT } from './harness'

interface LabFile {
  nodes: { name: string; nodeId: string; url: string; token: string; dataDir: string }[]
}

/** Every message each local account sees, per conversation, from a stopped node's folder. */
async function views(dataDir: string): Promise<{ nodeId: string; seen: Map<string, { id: string; from: string; delivery?: string }[]>; delivery: (id: string) => string | undefined; close: () => Promise<void> }> {
  const store = await Store.open({ dataDir })
  const seen = new Map<string, { id: string; from: string; delivery?: string }[]>()
  for (const account of store.allAccounts().filter((a) => a.homeNodeId === store.nodeId)) {
    for (const conv of store.conversations(account.id, undefined, new Date())) {
      const list: { id: string; from: string; delivery?: string }[] = []
      for (let before: string | undefined; ; ) {
        const page = store.messagesPage(conv.id, account.id, before, 100)
        if (page === 'UNKNOWN_CURSOR') {
          throw new Error('cursor lost')
        }
        list.unshift(...page.messages.map((m) => ({ id: m.id, from: m.from, delivery: m.delivery })))
        if (!page.hasMore || page.messages.length === 0) {
          break
        }
        before = page.messages[0].id
      }
      seen.set(`${account.id}|${conv.id}`, list)
    }
  }
  return { nodeId: store.nodeId, seen, delivery: (id) => store.message(id)?.delivery, close: () => store.close() }
}

describe('npm run lab', { timeout: 150_000 }, () => {
  let dir = ''
  afterAll(() => rm(dir, { recursive: true, force: true }))

  test('4 nodes with traffic, stopped with Ctrl-C: the homes of every conversation agree, nothing doubled', async () => {
    assertBuilt()
    dir = await mkdtemp(join(tmpdir(), 'envelope-lab-test-'))
    const lab = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['--tsconfig', 'tsconfig.node.json', 'scripts/lab/main.mts', '--nodes', '4', '--traffic', '5', '--keep', dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    lab.stdout.on('data', (c: Buffer) => (out += c.toString()))
    lab.stderr.on('data', (c: Buffer) => (out += c.toString()))
    const exited = new Promise<number | null>((r) => lab.once('exit', (code) => r(code)))
    await eventually('the lab to print its table and start the traffic', () => /Traffic: 5 actions/.test(out), 90_000)
    expect(out).toMatch(/^node\s+URL\s+open \(one-time link\)\s+accounts$/m)
    for (let i = 1; i <= 4; i++) {
      expect(out).toMatch(new RegExp(`^lab-${i}\\s+http://127\\.0\\.0\\.1:\\d+\\s+http://127\\.0\\.0\\.1:\\d+/#code=\\S+\\s+@`, 'm'))
    }
    const { nodes } = JSON.parse(await readFile(join(dir, 'lab.json'), 'utf8')) as LabFile
    // Let people act for a while: enough for cross-node requests, answers, blocks and mutes.
    await new Promise((r) => setTimeout(r, 12_000))
    lab.kill('SIGINT')
    expect(await exited, out).toBe(0)
    expect(out).not.toMatch(/^!! node/m)
    const sent = Number(/traffic: \d+ actions: sent (\d+)/.exec(out)?.[1] ?? 0)
    expect(sent).toBeGreaterThan(20)

    const all = await Promise.all(nodes.map((n) => views(n.dataDir)))
    try {
      const byNode = new Map(all.map((v) => [v.nodeId, v]))
      const homeOf = new Map<string, (typeof all)[number]>()
      for (const v of all) {
        for (const key of v.seen.keys()) {
          homeOf.set(key.split('|')[0], v)
        }
      }
      let crossNode = 0
      for (const v of all) {
        for (const [key, list] of v.seen) {
          const [viewer, convId] = key.split('|')
          expect(new Set(list.map((m) => m.id)).size, `${key} holds a message twice`).toBe(list.length)
          // Everything settled: no send is still waiting for its recipient's home.
          expect(list.filter((m) => m.delivery === 'pending')).toEqual([])
          const other = convId.slice(2).replace(viewer, '').replace(/^_|_$/, '')
          const otherHome = homeOf.get(other)
          if (!otherHome || otherHome === v) {
            continue
          }
          crossNode++
          // Each message this viewer sent is held by the other home, decided the same way.
          for (const m of list.filter((x) => x.from === viewer)) {
            const there = otherHome.delivery(m.id)
            expect(there === 'refused', `${m.id} decided differently on the two homes`).toBe(m.delivery === 'refused')
          }
          // The messages both sides see are in one order (R19).
          const theirs = otherHome.seen.get(`${other}|${convId}`) ?? []
          const common = new Set(theirs.map((m) => m.id))
          expect(list.filter((m) => common.has(m.id)).map((m) => m.id)).toEqual(theirs.filter((m) => list.some((x) => x.id === m.id)).map((m) => m.id))
        }
      }
      expect(byNode.size).toBe(4)
      expect(crossNode).toBeGreaterThan(4)
    } finally {
      await Promise.all(all.map((v) => v.close()))
    }
  })
})
