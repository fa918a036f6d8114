// One CSP for the app's pages whoever serves them: the desktop shell's app:// handler and the
// headless node's renderer responses send the very same header (shared/app-origin.ts).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_ENTRY_URL, CONTENT_SECURITY_POLICY } from '@shared/app-origin'
import { serveAppRequest } from '../../main/electron/app-protocol'
import { silentLogger } from '../../main/lib/logger'
import { startNode } from '../../main/node/start'
import type { RunningNode } from '../../main/node/start'

let dir: string
let rendererDir: string
let node: RunningNode

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'envelope-csp-'))
  rendererDir = join(dir, 'renderer')
  const dataDir = join(dir, 'data')
  mkdirSync(rendererDir)
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Envelope</title>')
  node = await startNode({ dataDir, host: '127.0.0.1', port: 0, rendererDir, logger: silentLogger })
})

afterAll(async () => {
  await node.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('the Content-Security-Policy of the renderer', () => {
  it('is the same from app:// and from the headless node', async () => {
    const fromShell = await serveAppRequest(new Request(APP_ENTRY_URL), rendererDir)
    const fromNode = await fetch(`${node.url}/`)
    expect(fromNode.status).toBe(200)
    expect(await fromNode.text()).toContain('<title>Envelope</title>')
    expect(fromShell.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(fromNode.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
  })

  it('keeps scripts to the page itself', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'")
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/)
  })
})
