// The node's identity (data/node.json): read at start, made and saved once for a new folder.
import { readdir, stat } from 'node:fs/promises'
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { openDurableDoc, StoreCorruptError } from './log'
import type { NodeIdentity } from './store-options'

/**
 * The stored identity (renamed to `name` when one is given and differs), or a fresh one saved
 * before anything refers to it. A folder whose log holds records but whose node.json is gone
 * is refused: a new identity would make every stored event someone else's.
 */
export async function openNodeIdentity(dataDir: string, name: string | undefined, now: Date): Promise<NodeIdentity> {
  const fresh: NodeIdentity = {
    id: `n_${randomUUID().replace(/-/g, '').slice(0, 16)}`,
    name: name ?? 'Envelope',
    createdAt: now.toISOString(),
  }
  const identityFile = join(dataDir, 'node.json')
  const holdsRecords = await logHoldsRecords(join(dataDir, 'log'))
  const doc = await openDurableDoc<NodeIdentity>(identityFile, fresh, (raw) => {
    const d = raw as Partial<NodeIdentity> | null
    if (!d || typeof d.id !== 'string' || !/^n_[A-Za-z0-9]{1,64}$/.test(d.id) || typeof d.name !== 'string') {
      throw new StoreCorruptError(identityFile, 'it does not hold a node id and name')
    }
    return d as NodeIdentity
  })
  if (doc.data.id === fresh.id && holdsRecords) {
    // Nothing is written: the log stays as it was for a person to restore node.json.
    throw new StoreCorruptError(identityFile, `it is missing, but the log in ${join(dataDir, 'log')} holds records`)
  }
  if (name && doc.data.name !== name) {
    await doc.update((d) => void (d.name = name))
  }
  // A fresh identity goes on disk before anything refers to it; a stored one is not rewritten.
  else if (doc.data.id === fresh.id) {
    await doc.update(() => undefined)
  }
  return { ...doc.data }
}

/**
 * Whether any segment file holds bytes. An empty active file is a spare the log made ahead of
 * its next roll-over (a crash can leave one behind before any record was written): it holds
 * nothing anyone could be disowned of.
 */
async function logHoldsRecords(logDir: string): Promise<boolean> {
  const names = await readdir(logDir).catch(() => [] as string[])
  for (const name of names.filter((file) => /^\d{6,}\.jsonl?$/.test(file))) {
    const size = await stat(join(logDir, name)).then(
      (s) => s.size,
      () => 0,
    )
    if (size > 0) {
      return true
    }
  }
  return false
}
