// Start-up from a checkpoint plus the log's tail gives the same projection as replaying the
// whole log, for any event sequence and any point the checkpoint was taken at; a checkpoint
// write cut off by a crash leaves a folder that still opens to the same state.
import { readdir, rm } from 'node:fs/promises'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import type { DomainEvent } from '../../main/store'
import { Store, conversationIdFor } from '../../main/store'
import { checkpointPath, readCheckpoint } from '../../main/store/checkpoint'
import { HEADER_AT, LENGTH_AT } from '../../main/store/checkpoint-layout'
import type { FileOps } from '../../main/store/log'
import { tempDir } from '../api/support'
import { accountEvents } from './store-fixtures'
import { ControlledFiles } from './log-helpers'

const made: string[] = []
afterEach(async () => {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })))
})
async function folder(): Promise<string> {
  const dir = await tempDir('envelope-checkpoint-')
  made.push(dir)
  return dir
}

const NOW = new Date('2026-03-10T12:00:00.000Z')
const IDS = ['a_ann', 'a_bob', 'a_cem']

const who = fc.constantFrom(...IDS)
const pair = fc.tuple(who, who).filter(([a, b]) => a !== b)
let counter = 0
/** Random events over three accounts: every kind that changes the projection. */
const eventArb: fc.Arbitrary<DomainEvent> = fc.oneof(
  pair.map(([from, to]) => ({ type: 'follow.added' as const, from, to })),
  pair.map(([from, to]) => ({ type: 'follow.removed' as const, from, to })),
  pair.map(([from, to]) => ({ type: 'block.added' as const, from, to })),
  pair.map(([from, to]) => ({ type: 'block.removed' as const, from, to })),
  fc.tuple(pair, fc.constantFrom('direct', 'request', 'pending'), fc.integer({ min: 0, max: 500 })).map(([[from, to], delivery, minute]) => {
    counter += 1
    const request = delivery === 'request'
    const message = {
      id: `m_${counter}`,
      conversationId: conversationIdFor(from, to),
      from,
      to,
      text: `t${counter}`,
      sentAt: new Date(NOW.getTime() + minute * 60_000).toISOString(),
      clientId: `c${counter}`,
      delivery: delivery as 'direct' | 'request' | 'pending',
    }
    return { type: 'message.sent' as const, conversationId: message.conversationId, message, newConversation: request, acceptsRequest: !request }
  }),
  pair.map(([by, other]) => ({ type: 'request.accepted' as const, conversationId: conversationIdFor(by, other), by })),
  pair.map(([by, other]) => ({ type: 'request.deleted' as const, conversationId: conversationIdFor(by, other), by })),
  fc
    .tuple(pair, fc.boolean())
    .map(([[by, other], muted]) => ({ type: 'conversation.muted' as const, conversationId: conversationIdFor(by, other), by, muted, until: null })),
  fc.tuple(pair, fc.integer({ min: 0, max: 500 })).map(([[by, other], minute]) => ({
    type: 'conversation.read' as const,
    conversationId: conversationIdFor(by, other),
    by,
    upTo: `${new Date(NOW.getTime() + minute * 60_000).toISOString()}|m_x`,
  })),
  fc
    .tuple(pair, fc.integer({ min: 1, max: 40 }))
    .map(([[by, other], n]) => ({ type: 'message.hidden' as const, conversationId: conversationIdFor(by, other), messageId: `m_${n}`, by })),
  // A cross-node send's verdict (only a pending message of that conversation takes it).
  fc.tuple(pair, fc.integer({ min: 1, max: 40 }), fc.constantFrom('direct', 'request', 'refused'), fc.boolean()).map(([[a, b], n, delivery, fresh]) => ({
    type: 'message.verdict' as const,
    conversationId: conversationIdFor(a, b),
    messageId: `m_${n}`,
    delivery: delivery as 'direct' | 'request' | 'refused',
    newConversation: fresh,
    acceptsRequest: !fresh,
    ...(delivery === 'refused' ? { refused: { code: 'BLOCKED' as const, message: 'Blocked.' } } : {}),
  })),
)

const accounts = (): DomainEvent[] => accountEvents(IDS, NOW)

describe('checkpoint + tail = full replay', () => {
  it('for random event sequences, checkpointed at a random point', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(eventArb, { minLength: 1, maxLength: 40 }), fc.nat(), async (events, cut) => {
        const dataDir = await folder()
        const split = cut % (events.length + 1)
        const first = await Store.open({ dataDir, clock: () => NOW })
        await first.commit([...accounts(), ...events.slice(0, split)]).durable
        await first.close() // writes the checkpoint
        const resumed = await Store.open({ dataDir, clock: () => NOW })
        for (const e of events.slice(split)) {
          await resumed.commit([e]).durable
        }
        const fromCheckpoint = resumed.snapshot()
        await resumed.close()

        await rm(checkpointPath(dataDir))
        const replayed = await Store.open({ dataDir, clock: () => NOW })
        expect(replayed.snapshot()).toEqual(fromCheckpoint)
        // And the checkpoint written at that close gives the same again.
        await replayed.close()
        const again = await Store.open({ dataDir, clock: () => NOW })
        expect(again.snapshot()).toEqual(fromCheckpoint)
        await again.close()
      }),
      { numRuns: 25 },
    )
  })
})

describe('a checkpoint taken and written in slices while events land between them', () => {
  // The projection is encoded entry by entry between turns of the event loop, then written in
  // pieces from the live columns and index, while sends insert into conversations (in the
  // middle too), verdicts change delivery flags, client ids fill index slots, follows and
  // blocks change: the file must still hold the projection at its seq, or start-up from it
  // plus the tail would count those events twice (or not at all).
  it('holds the projection at its seq: checkpoint + tail = full replay, for random events', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(eventArb, { minLength: 1, maxLength: 30 }),
        fc.array(eventArb, { maxLength: 20 }),
        fc.array(eventArb, { maxLength: 20 }),
        async (before, duringSnapshot, duringPieces) => {
          const dataDir = await folder()
          const ctl = new ControlledFiles()
          const landed: Promise<unknown>[] = []
          let store: Store | null = null
          let blobsFrom = Number.POSITIVE_INFINITY
          let committed = false
          const files: FileOps = {
            ...ctl.files,
            createDurable: async (file) => {
              const real = await ctl.files.createDurable(file)
              return {
                ...real,
                // One event lands as each piece of the blobs is written (after the header).
                write: async (bytes, position) => {
                  if (position === 0) {
                    blobsFrom = HEADER_AT + Buffer.from(bytes).readUInt32LE(LENGTH_AT)
                  } else if (position >= blobsFrom && duringPieces.length > 0 && store) {
                    landed.push(store.commit([duringPieces.shift()!]).durable)
                  }
                  await real.write(bytes, position)
                },
                commit: async () => {
                  await real.commit()
                  committed = true
                },
              }
            },
          }
          const first = [...accounts(), ...before]
          // One checkpoint, started by the commit of `first`: one entry a turn, 64 bytes a piece.
          store = await Store.open({
            dataDir,
            clock: () => NOW,
            files,
            checkpointEvery: { events: first.length, ms: 3_600_000 },
            checkpointPieceBytes: 64,
            checkpointSliceEntries: 1,
          })
          await store.commit(first).durable
          // The snapshot has begun: one event lands each turn while it goes on.
          for (const e of duringSnapshot) {
            landed.push(store.commit([e]).durable)
            await new Promise((resolve) => setImmediate(resolve))
          }
          while (!committed) {
            await new Promise((resolve) => setTimeout(resolve, 1))
          }
          await Promise.all(landed)
          expect((await readCheckpoint(dataDir, store.nodeId))?.seq).toBe(first.length)
          // Crash, so that the close writes no checkpoint of its own: the one above is what start-up reads.
          ctl.crashAt = ctl.steps.length + 1
          await store.close().catch(() => undefined)
          const fromCheckpoint = await Store.open({ dataDir, clock: () => NOW })
          const restored = fromCheckpoint.snapshot()
          await fromCheckpoint.close()
          await rm(checkpointPath(dataDir))
          const replayed = await Store.open({ dataDir, clock: () => NOW })
          expect(replayed.snapshot()).toEqual(restored)
          await replayed.close()
        },
      ),
      { numRuns: 15 },
    )
  })
})

describe('a crash while writing a checkpoint', () => {
  // The checkpoint is one atomic, durable replace: a crash before it completes leaves the
  // previous checkpoint (or none) beside a log that holds everything.
  // Close steps: seal (write 000002.json, write segments.json, remove 000002.jsonl), then the
  // checkpoint (create its temp file, a piece, its SHA-256, commit: fsync, rename, fsync folder).
  for (const crashAt of [1, 2, 3, 4, 5, 6, 7]) {
    it(`crash at file step ${crashAt} of a close: the reopened store equals a full replay`, async () => {
      const dataDir = await folder()
      const s = await Store.open({ dataDir, clock: () => NOW })
      await s.commit(accounts()).durable
      await s.close()
      const ctl = new ControlledFiles()
      const crashing = await Store.open({ dataDir, clock: () => NOW, files: ctl.files })
      await crashing.commit([{ type: 'follow.added', from: 'a_ann', to: 'a_bob' }]).durable
      const live = crashing.snapshot()
      ctl.crashAt = ctl.steps.length + crashAt
      await crashing.close().catch(() => undefined)
      const reopened = await Store.open({ dataDir, clock: () => NOW })
      expect(reopened.snapshot()).toEqual(live)
      expect(reopened.follows('a_ann', 'a_bob')).toBe(true)
      await reopened.close()
      expect((await readdir(dataDir)).filter((n) => n.endsWith('.tmp'))).toEqual([])
    })
  }
})
