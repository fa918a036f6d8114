// Outreach test support: a node whose campaign scheduler the test drives (tick) with a
// hand-moved clock, and shorthands for creators, lists and templates.
import type { CreateAccountBody } from '@shared/api'
import type { AccountView } from '@shared/types'
import type { Policy } from '@shared/policy'
import { silentLogger } from '../../main/lib/logger'
import { startNode } from '../../main/node/start'
import { createClient } from '@shared/api'
import type { TestNode } from '../api/support'
import { ADULT, TOKEN, TestClock, tempDir, uniqueHandle } from '../api/support'
import { rm } from 'node:fs/promises'

export interface OutreachNode extends TestNode {
  clock: TestClock
  /** Creates `n` creators (adults, open to `whoCanMessageMe`), in parallel batches. */
  creators(n: number, overrides?: Partial<CreateAccountBody>, who?: 'everyone' | 'followers'): Promise<AccountView[]>
  /** Runs scheduler ticks until nothing more is due now; returns how many messages went out. */
  drain(): Promise<number>
}

/** A node with the scheduler's own timer off: the test ticks it, so the clock alone says when. */
export async function startOutreachNode(options: { policy?: Policy; dataDir?: string; clock?: TestClock } = {}): Promise<OutreachNode> {
  const clock = options.clock ?? new TestClock('2026-03-09T08:00:00.000Z')
  const ownDir = options.dataDir === undefined
  const dataDir = options.dataDir ?? (await tempDir('envelope-outreach-'))
  const node = await startNode({
    dataDir,
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    logger: silentLogger,
    clock: clock.now,
    policy: options.policy,
    schedulerTickMs: 0,
  })
  const client = createClient({ baseUrl: node.url, token: TOKEN })
  const account = async (overrides: Partial<CreateAccountBody> = {}) => {
    const { account } = await client.createAccount({
      handle: uniqueHandle(),
      displayName: 'Test Person',
      birthDate: ADULT,
      phone: '+14155550123',
      region: 'US',
      kind: 'personal',
      ...overrides,
    })
    return account
  }
  return {
    node,
    url: node.url,
    dataDir,
    client,
    clock,
    account,
    async creators(n, overrides = {}, who = 'followers') {
      const out: AccountView[] = []
      for (let i = 0; i < n; i += 50) {
        const batch = await Promise.all(
          Array.from({ length: Math.min(50, n - i) }, (_, j) =>
            account({ handle: uniqueHandle('cr'), displayName: `Creator ${i + j}`, topics: ['food'], ...overrides }),
          ),
        )
        if (who === 'everyone') await Promise.all(batch.map((a) => client.patchSettings(a.id, { whoCanMessageMe: 'everyone' })))
        out.push(...batch)
      }
      return out
    },
    async drain() {
      let sent = 0
      for (;;) {
        const result = await node.outreach.tick()
        sent += result.sent
        if (result.sent === 0) return sent
      }
    },
    async stop(keep = false) {
      await node.stop()
      if (ownDir && !keep) await rm(dataDir, { recursive: true, force: true })
    },
  }
}
