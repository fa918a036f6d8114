// shutdown.ts: one stop of the node, whatever asks for it and however often, then quit; bounded in time.
import { describe, expect, it } from 'vitest'
import { createShutdown } from '../../main/electron/shutdown'

const lines: string[] = []
const log = { info: (m: string) => void lines.push(m), warn: (m: string) => void lines.push(m), error: (m: string) => void lines.push(m) }

describe('createShutdown', () => {
  it('stops the node once, then quits, however many ways out fire', async () => {
    const order: string[] = []
    const shutdown = createShutdown({
      stopNode: async () => void order.push('stop'),
      quit: () => order.push('quit'),
      timeoutMs: 5_000,
      log,
    })
    expect(shutdown.finished).toBe(false)
    await Promise.all([shutdown.run('quit'), shutdown.run('Windows session ended'), shutdown.run('system shutdown')])
    expect(order).toEqual(['stop', 'quit'])
    expect(shutdown.finished).toBe(true)
    expect(lines).toContain('node stopped, store closed')
  })

  it('quits even when the node fails to stop', async () => {
    let quits = 0
    const shutdown = createShutdown({ stopNode: async () => Promise.reject(new Error('disk gone')), quit: () => quits++, timeoutMs: 5_000, log })
    await shutdown.run('quit')
    expect(quits).toBe(1)
    expect(lines).toContain('the node did not stop cleanly')
  })

  it('quits when the node never finishes stopping', async () => {
    let quits = 0
    const shutdown = createShutdown({ stopNode: () => new Promise<void>(() => undefined), quit: () => quits++, timeoutMs: 20, log })
    await shutdown.run('quit')
    expect(quits).toBe(1)
    expect(shutdown.finished).toBe(true)
  })
})
