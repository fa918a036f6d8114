// Applies events from a peer, in its order: its own and those it relays. A message for one of
// our accounts is decided here, its recipient's home, and stored in the same atomic append as
// our verdict on it; a message for another node's account is only kept to be passed on.
import type { Domain } from '../domain/domain'
import { recipientVerdict } from '../domain/recipient-verdict'
import type { Logger } from '../lib/logger'
import type { LogEvent, RemoteEvent } from '../store'
import { checkPeerEvent } from './peer-event-check'
import { redact } from './outbox'

export interface AppliedBatch {
  /** Our verdicts on messages in the batch (new or earlier ones), for the sender to import now. */
  verdicts: RemoteEvent[]
  applied: number
  refused: number
  /** The origins of the batch's valid events: the peer leads to them (routes). */
  origins: Set<string>
}

export async function applyPeerEvents(domain: Domain, logger: Logger, peerId: string, raws: unknown[]): Promise<AppliedBatch> {
  const { store } = domain
  const durable: Promise<LogEvent[]>[] = []
  const verdictIds: string[] = []
  let applied = 0
  let refused = 0
  const origins = new Set<string>()
  for (const raw of raws) {
    const event = checkPeerEvent(store, store.nodeId, raw)
    if (typeof event === 'string') {
      refused++
      logger.warn('refused an event from a peer', { peer: peerId, id: (raw as { id?: unknown } | null)?.id, why: event })
      continue
    }
    origins.add(event.origin)
    if (store.hasApplied(event.id)) {
      // Seen before (a retry, or push and pull crossing): answer with the verdict we gave.
      const earlier = event.type === 'message.sent' ? store.verdictEventId(event.message.id) : undefined
      if (earlier) {
        verdictIds.push(earlier)
      }
      continue
    }
    if (event.type === 'message.sent' && store.account(event.message.to)?.homeNodeId === store.nodeId) {
      // Decided against the state as it stands after every earlier event of the batch: each
      // append below is applied to memory at once, before the disk write completes.
      const verdict = recipientVerdict(domain, event.message)
      if (!verdict) {
        refused++
        continue
      }
      // Delivered to an account of ours: its auto-messages are decided in the same append.
      const consequences = verdict.delivery === 'refused' ? [] : (domain.onDelivery?.(event.message) ?? [])
      const appended = store.importAndCommit([event], [verdict, ...consequences])
      durable.push(appended.durable)
      verdictIds.push(appended.events.find((e) => e.type === 'message.verdict')!.id)
    } else {
      durable.push(store.importEvents([event]).durable)
    }
    applied++
  }
  await Promise.all(durable)
  await store.flushed()
  const verdicts = verdictIds.flatMap((id) => {
    const v = store.localEvent(id)
    return v ? [redact(v)] : []
  })
  return { verdicts, applied, refused, origins }
}
