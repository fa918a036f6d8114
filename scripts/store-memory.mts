// What the store keeps in memory per message: sends N messages through the real domain command
// (sendMessage: R18 client-id index, R12 cap window, conversation columns, log) into a Store in
// a temp folder, one sender and one recipient like the SSE soak, and reports the V8 heap and
// the typed arrays (arrayBuffers) after a full GC at a first mark and at the end, per message
// added in between. No checkpoint is written during the run, so only stored data is measured.
// Run: npx tsx --tsconfig tsconfig.node.json scripts/store-memory.mts [--messages 180000] [--from 22000]
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { DEFAULT_POLICY } from '../shared/policy.ts'
import { defaultSettings } from '../shared/rules/settings.ts'
import type { Account } from '../shared/types.ts'
import { sendMessage } from '../main/domain/messaging.ts'
import { Store } from '../main/store/store.ts'

const { values } = parseArgs({ options: { messages: { type: 'string', default: '180000' }, from: { type: 'string', default: '22000' } } })
const TOTAL = Number(values.messages)
const MARK = Number(values.from)
/** Sends in flight at once, so the log's group commit shares an fsync among them as under load. */
const CONCURRENT = 64

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

/** Heap and typed arrays after two full collections, MiB-exact bytes. */
function measure(): { heapUsed: number; arrayBuffers: number; rss: number } {
  gc()
  gc()
  const m = process.memoryUsage()
  return { heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers, rss: m.rss }
}

const NOW = new Date()
function account(id: string): Account {
  return {
    ...{ id, handle: id.slice(2), displayName: id, birthDate: '1990-01-01', phone: '+14155550123', region: 'US' },
    ...{ kind: 'personal', verified: false, bio: '', topics: [], homeNodeId: '', createdAt: NOW.toISOString() },
    stats: { followers: 0, following: 0, likes: 0, engagementRate: 0 },
  }
}

const dataDir = await mkdtemp(join(tmpdir(), 'envelope-store-memory-'))
try {
  const store = await Store.open({ dataDir, checkpointEvery: { events: Number.MAX_SAFE_INTEGER, ms: 2 ** 31 - 1 } })
  const [sender, recipient] = ['a_sender', 'a_reader'].map((id) => ({ ...account(id), homeNodeId: store.nodeId }))
  await store.commit([sender, recipient].map((a) => ({ type: 'account.created', account: a, settings: defaultSettings(a, NOW) }))).durable
  await store.commit([{ type: 'follow.added', from: sender.id, to: recipient.id }]).durable
  // The soak's policy: caps lifted far above the run, so every send is stored.
  const big = { messagesPerDay: 10_000_000, newConversationsPerDay: 100_000, newConversationsPerBurst: 100_000 }
  const domain = { store, policy: { ...DEFAULT_POLICY, caps: { personal: big, verifiedBusiness: big } } }
  const run = Date.now().toString(36)
  let sent = 0
  const sendUpTo = async (n: number) => {
    while (sent < n) {
      const batch: Promise<unknown>[] = []
      for (; sent < n && batch.length < CONCURRENT; sent++) {
        batch.push(sendMessage(domain, sender.id, { to: recipient.id, text: `soak ${sent} the quick brown fox`, clientId: `${run}-${sent}` }))
      }
      await Promise.all(batch)
    }
  }
  await sendUpTo(MARK)
  const before = measure()
  await sendUpTo(TOTAL)
  const after = measure()
  const added = TOTAL - MARK
  const per = (k: 'heapUsed' | 'arrayBuffers' | 'rss') => Math.round(((after[k] - before[k]) / added) * 10) / 10
  const mib = (b: number) => Math.round((b / 2 ** 20) * 10) / 10
  console.log(
    `store-memory ${JSON.stringify({
      messages: { from: MARK, to: TOTAL },
      mib: {
        before: { heapUsed: mib(before.heapUsed), arrayBuffers: mib(before.arrayBuffers), rss: mib(before.rss) },
        after: { heapUsed: mib(after.heapUsed), arrayBuffers: mib(after.arrayBuffers), rss: mib(after.rss) },
      },
      bytesPerMessage: {
        heapUsed: per('heapUsed'),
        arrayBuffers: per('arrayBuffers'),
        both: Math.round((per('heapUsed') + per('arrayBuffers')) * 10) / 10,
        rss: per('rss'),
      },
    })}`,
  )
  await store.close()
} finally {
  await rm(dataDir, { recursive: true, force: true })
}
