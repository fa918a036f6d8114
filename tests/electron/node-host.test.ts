// node-host.ts with real nodes: moving the node between addresses keeps its data folder, token
// and port, and a move that fails leaves it where it was. "The LAN" here is 127.0.0.2, a second
// loopback address, so nothing in the test is reachable from outside this machine.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createClient } from '@shared/api'
import { createNodeHost, portOf, rendererUrlOf } from '../../main/electron/node-host'
import type { NodeHost } from '../../main/electron/node-host'
import { silentLogger } from '../../main/lib/logger'
import { startNode } from '../../main/node/start'
import type { NodeOptions } from '../../main/node/start'

const TOKEN = 'node-host-test-token'
const LAN = '127.0.0.2'
let host: NodeHost | null = null
let dir = ''

function options(): Omit<NodeOptions, 'host'> {
  dir = mkdtempSync(join(tmpdir(), 'envelope-node-host-'))
  return { dataDir: dir, port: 0, token: TOKEN, logger: silentLogger }
}

afterEach(async () => {
  await host?.stop()
  host = null
  rmSync(dir, { recursive: true, force: true })
})

describe('createNodeHost', () => {
  it('starts on loopback, moves to the LAN address and back on the same port, keeping token and data', async () => {
    host = createNodeHost(options(), false, { lanHost: LAN })
    const first = await host.current()
    expect(host.lan).toBe(false)
    expect(new URL(first.url).hostname).toBe('127.0.0.1')
    const api = createClient({ baseUrl: first.url, token: TOKEN })
    await api.createAccount({ handle: 'moves.along', displayName: 'Moves', birthDate: '1990-05-17', phone: '+14155550123', region: 'US', kind: 'personal' })

    const onLan = await host.setLan(true)
    expect(host.lan).toBe(true)
    expect(new URL(onLan.url).hostname).toBe(LAN)
    expect(portOf(onLan)).toBe(portOf(first))
    expect(onLan.nodeId).toBe(first.nodeId)
    // The old address is closed; the new one serves the same accounts with the same token.
    await expect(fetch(`${first.url}/api/v1/health`)).rejects.toThrow()
    const accounts = await createClient({ baseUrl: onLan.url, token: TOKEN }).listAccounts(true)
    expect(JSON.stringify(accounts)).toContain('moves.along')
    // The renderer always talks to loopback (its CSP allows nothing else).
    expect(rendererUrlOf(onLan)).toBe(`http://127.0.0.1:${portOf(first)}`)

    expect(await host.setLan(true)).toBe(onLan)
    const back = await host.setLan(false)
    expect(host.lan).toBe(false)
    expect(back.url).toBe(first.url)
  })

  it('stays on its old address when the new one cannot be bound, and says why', async () => {
    const refuseLan = (o: NodeOptions) => (o.host === LAN ? Promise.reject(new Error('address not available')) : startNode(o))
    host = createNodeHost(options(), false, { lanHost: LAN, start: refuseLan })
    const first = await host.current()
    await expect(host.setLan(true)).rejects.toThrow('address not available')
    expect(host.lan).toBe(false)
    const again = await host.current()
    expect(again.url).toBe(first.url)
    expect((await fetch(`${again.url}/api/v1/health`)).status).toBe(200)
  })
})
