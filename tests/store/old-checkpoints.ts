// Test helpers for data folders written by older checkpoint versions: the sends the version
// tests store, and reading and rewriting checkpoint.bin's header and blobs by hand.
import { readFile, writeFile } from 'node:fs/promises'
import { expect } from 'vitest'
import type { DomainEvent } from '../../main/store'
import { conversationIdFor } from '../../main/store'
import type { Json } from '../../main/store/checkpoint-codec'
import { checkpointPath } from '../../main/store/checkpoint'
import { digest, DIGEST, HEADER_AT, LENGTH_AT, MAGIC } from '../../main/store/checkpoint-layout'

export const NOW = new Date('2026-03-10T12:00:00.000Z')
export const CONV = conversationIdFor('a_ann', 'a_bob')

/** Send number `i` between ann and bob, one second apart, alternating sides. */
export function sent(i: number): DomainEvent {
  const from = i % 2 ? 'a_ann' : 'a_bob'
  const to = i % 2 ? 'a_bob' : 'a_ann'
  const message = {
    id: `m_${i}`,
    conversationId: CONV,
    from,
    to,
    text: `hello ${i}`,
    sentAt: new Date(NOW.getTime() + i * 1000).toISOString(),
    clientId: `c${i}`,
    delivery: 'direct' as const,
  }
  return { type: 'message.sent', conversationId: CONV, message, newConversation: i === 0, acceptsRequest: false }
}

export type Header = { version: number; seq: number; state: Json; blobs: [number, number][] }

/** checkpoint.bin's header and its blobs' bytes. */
export async function readCheckpoint(dataDir: string): Promise<{ header: Header; blobs: Uint8Array[] }> {
  const bytes = await readFile(checkpointPath(dataDir))
  const header = JSON.parse(bytes.subarray(HEADER_AT, HEADER_AT + bytes.readUInt32LE(LENGTH_AT)).toString('utf8')) as Header
  return { header, blobs: header.blobs.map(([offset, length]) => bytes.subarray(offset, offset + length)) }
}

/** Writes checkpoint.bin with `header` as given but for `version`, `state` and the blobs, placed 8-byte aligned after it. */
export async function writeCheckpointAs(dataDir: string, header: Header, version: number, state: Json, blobs: Uint8Array[]): Promise<void> {
  const align = (n: number) => (n + 7) & ~7
  // A generous first offset, then each blob 8-byte aligned after the one before.
  const first = align(HEADER_AT + JSON.stringify({ ...header, version, state }).length + 32 * blobs.length + 64)
  let offset = first
  const placed = blobs.map((b) => {
    const at = offset
    offset = align(offset + b.byteLength)
    return [at, b.byteLength] as [number, number]
  })
  const text = Buffer.from(JSON.stringify({ ...header, version, state, blobs: placed }))
  expect(HEADER_AT + text.length).toBeLessThanOrEqual(first)
  const out = Buffer.alloc(placed.length ? placed[placed.length - 1][0] + placed[placed.length - 1][1] : first)
  out.write(MAGIC, 0, 'latin1')
  out.writeUInt32LE(text.length, LENGTH_AT)
  text.copy(out, HEADER_AT)
  blobs.forEach((b, i) => out.set(b, placed[i][0]))
  digest(out.subarray(MAGIC.length + DIGEST)).copy(out, MAGIC.length)
  await writeFile(checkpointPath(dataDir), out)
}
