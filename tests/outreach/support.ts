// Outreach test support: a node whose campaign scheduler the test drives (tick) with a
// hand-moved clock, and shorthands for creators.
import type { CreateAccountBody } from '@shared/api'
import type { Policy } from '@shared/policy'
import type { AccountView } from '@shared/types'
import type { TestNode } from '../api/support'
import { startTestNode, TestClock, uniqueHandle } from '../api/support'

export interface OutreachNode extends TestNode {
  clock: TestClock
  /** Creates `n` creators (adults, open to `who`), in parallel batches. */
  creators(n: number, overrides?: Partial<CreateAccountBody>, who?: 'everyone' | 'followers'): Promise<AccountView[]>
  /** Runs scheduler ticks until one sends nothing; returns how many messages went out. */
  drain(): Promise<number>
}

/** A node with the scheduler's own timer off: the test ticks it, so the clock alone says when. */
export async function startOutreachNode(options: { policy?: Policy; dataDir?: string; clock?: TestClock } = {}): Promise<OutreachNode> {
  const clock = options.clock ?? new TestClock('2026-03-09T08:00:00.000Z')
  const t = await startTestNode({ clock, policy: options.policy, dataDir: options.dataDir, schedulerTickMs: 0 })
  return {
    ...t,
    clock,
    async creators(n, overrides = {}, who = 'followers') {
      const out: AccountView[] = []
      for (let i = 0; i < n; i += 50) {
        const batch = await Promise.all(
          Array.from({ length: Math.min(50, n - i) }, (_, j) => t.account({ handle: uniqueHandle('cr'), displayName: `Creator ${i + j}`, topics: ['food'], ...overrides })),
        )
        if (who === 'everyone') {await Promise.all(batch.map((a) => t.client.patchSettings(a.id, { whoCanMessageMe: 'everyone' })))}
        out.push(...batch)
      }
      return out
    },
    async drain() {
      let sent = 0
      for (;;) {
        const result = await t.node.outreach.tick()
        sent += result.sent
        if (result.sent === 0) {
          return sent
        }
      }
    },
  }
}
