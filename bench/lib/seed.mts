// Data folders for the bench, written through the store's own writer in big batches (not one
// HTTP request per message) and cached between runs under the temp folder. The cache key
// hashes the store's source, so a change to the store's format builds the worlds again.
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defaultSettings } from '../../shared/rules/settings.ts'
import type { Account } from '../../shared/types.ts'
import type { DomainEvent } from '../../main/store/events.ts'
import { conversationIdFor, messageKey } from '../../main/store/state.ts'
import { Store } from '../../main/store/store.ts'
import { ROOT } from './results.mts'

const BATCH = 5000
const START = Date.parse('2026-01-01T00:00:00Z')
const NOW = new Date('2026-06-01T00:00:00Z')

function sourceHash(): string {
  const hash = createHash('sha256')
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) {
        walk(path)
      } else if (name.endsWith('.ts') || name.endsWith('.mts')) {
        hash.update(name).update(readFileSync(path))
      }
    }
  }
  walk(join(ROOT, 'main/store'))
  hash.update(readFileSync(import.meta.filename))
  return hash.digest('hex').slice(0, 12)
}

export function accountEvent(id: string, handle: string, nodeId: string, directoryOnly: boolean): DomainEvent {
  const a: Account = {
    id,
    handle,
    displayName: handle,
    birthDate: '1990-01-01',
    phone: '+14155550100',
    region: 'US',
    kind: 'personal',
    verified: false,
    bio: '',
    topics: [],
    stats: { followers: 0, following: 0, likes: 0, engagementRate: 0 },
    homeNodeId: nodeId,
    createdAt: NOW.toISOString(),
    ...(directoryOnly ? { directoryOnly: true } : {}),
  }
  return { type: 'account.created', account: a, settings: defaultSettings(a, NOW) }
}

export function messageEvent(from: string, to: string, i: number, text: string, newConversation: boolean): DomainEvent {
  const conversationId = conversationIdFor(from, to)
  const sentAt = new Date(START + i * 10).toISOString()
  const message = { id: `m_${i.toString(36)}_${from}`, conversationId, from, to, text, sentAt, clientId: `seed${i}`, delivery: 'direct' as const }
  return { type: 'message.sent', conversationId, message, newConversation, acceptsRequest: false }
}

export type Writer = (events: Iterable<DomainEvent>) => Promise<void>
export type Filler = (write: Writer, nodeId: string) => Promise<void>

async function build(dir: string, fill: Filler): Promise<void> {
  const store = await Store.open({ dataDir: dir, name: 'bench', clock: () => NOW })
  let batch: DomainEvent[] = []
  const flush = async () => {
    if (batch.length) {
      await store.commit(batch).durable
    }
    batch = []
  }
  await fill(async (events) => {
    for (const e of events) {
      batch.push(e)
      if (batch.length >= BATCH) {
        await flush()
      }
    }
  }, store.nodeId)
  await flush()
  await store.close()
}

/** A fresh copy of the cached world `name` (built on first use); the caller removes it. */
export async function world(name: string, fill: Filler): Promise<string> {
  const cache = join(tmpdir(), 'envelope-bench-cache', `${name}-${sourceHash()}`)
  if (!existsSync(join(cache, '.complete'))) {
    rmSync(cache, { recursive: true, force: true })
    mkdirSync(cache, { recursive: true })
    const t0 = performance.now()
    console.log(`building the "${name}" world (cached for later runs) ...`)
    await build(cache, fill)
    writeFileSync(join(cache, '.complete'), '')
    console.log(`  built in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  }
  const copy = await mkdtemp(join(tmpdir(), `envelope-bench-${name}-`))
  cpSync(cache, copy, { recursive: true })
  rmSync(join(copy, '.complete'))
  return copy
}

/** The sender and the reader every send bench uses, following each other: two commits' events. */
export function senderAndReader(node: string): DomainEvent[][] {
  return [
    [accountEvent('a_sender', 'bench.sender', node, false), accountEvent('a_reader', 'bench.reader', node, false)],
    [
      { type: 'follow.added', from: 'a_sender', to: 'a_reader' },
      { type: 'follow.added', from: 'a_reader', to: 'a_sender' },
    ],
  ]
}

/** `messages` messages in conversations of 1,000 between pairs of accounts, plus a sender and a reader who follow each other. */
export function storeWorld(messages: number): Filler {
  return async (write, node) => {
    for (const events of senderAndReader(node)) {
      await write(events)
    }
    const pairs = Math.max(1, Math.ceil(messages / 1000))
    for (let p = 0; p < pairs; p++) {
      const [x, y] = [`a_x${p}`, `a_y${p}`]
      const events: DomainEvent[] = [accountEvent(x, `x${p}`, node, false), accountEvent(y, `y${p}`, node, false)]
      for (let i = p * 1000; i < Math.min(messages, (p + 1) * 1000); i++) {
        const fromX = i % 2 === 0
        events.push(messageEvent(fromX ? x : y, fromX ? y : x, i, `message ${i}: about the collab`, i === p * 1000))
      }
      await write(events)
    }
  }
}

/** "me" with one conversation of `messages` messages with "pen", and `conversations` - 1 short ones. */
export function inboxWorld(messages: number, conversations: number): Filler {
  return async (write, node) => {
    await write([accountEvent('a_me', 'me', node, false), accountEvent('a_pen', 'pen', node, true)])
    const long = function* () {
      for (let i = 0; i < messages; i++) {
        const fromMe = i % 2 === 0
        yield messageEvent(fromMe ? 'a_me' : 'a_pen', fromMe ? 'a_pen' : 'a_me', i, `message ${i}: about the collab`, i === 0)
      }
    }
    await write(long())
    // Read up to the message before the newest, as a person keeps a long conversation: one unread.
    if (messages > 1) {
      const before = messageEvent(messages % 2 === 0 ? 'a_me' : 'a_pen', 'x', messages - 2, '', false)
      const upTo = messageKey((before as { message: { sentAt: string; id: string } }).message)
      await write([{ type: 'conversation.read', conversationId: conversationIdFor('a_me', 'a_pen'), by: 'a_me', upTo }])
    }
    const short = function* () {
      for (let c = 1; c < conversations; c++) {
        yield accountEvent(`a_p${c}`, `partner${c}`, node, true)
        yield messageEvent(`a_p${c}`, 'a_me', c, `hello from partner ${c}`, true)
      }
    }
    await write(short())
  }
}
