// Stamping: what turns the events of one commit into the records the log appends. Each record
// is a fresh object with its seq already in place, so the log takes it as it is instead of
// copying it again. Its key order is the order of the log's lines (seq, the event, origin,
// at, id), so the bytes on disk do not depend on how a record was built.
import { isoTime } from '../lib/iso-time'
import type { DomainEvent, RemoteEvent } from './events'

/** An event as the log stores it: seq, the event, then where and when it was made. */
export type StampedEvent = DomainEvent & { seq: number; id: string; origin: string; at: string }

type SentEvent = Extract<DomainEvent, { type: 'message.sent' }>

/**
 * The records for one commit after `lastSeq`: `imported` first (they keep their origin's id
 * and time), then `local`, made on `nodeId`: each gets that node as origin, one time (`nowMs`
 * read once, only when there is a local event) and its id "<nodeId>:<seq>".
 */
export function stampRecords(local: readonly DomainEvent[], imported: readonly RemoteEvent[], lastSeq: number, nodeId: string, nowMs: () => number): StampedEvent[] {
  const out: StampedEvent[] = []
  let seq = lastSeq
  for (const e of imported) {
    seq += 1
    out.push(stampImported(e, seq))
  }
  if (local.length === 0) {
    return out
  }
  const at = isoTime(nowMs())
  for (const e of local) {
    seq += 1
    out.push(stampLocal(e, seq, nodeId, at))
  }
  return out
}

/** An imported event with our seq first; a seq it brought from its origin is replaced. */
function stampImported(e: RemoteEvent, seq: number): StampedEvent {
  return ('seq' in e ? Object.assign({ seq }, e, { seq }) : { seq, ...e }) as StampedEvent
}

/**
 * One of this node's events. A send, the event nearly every commit holds, is built as an
 * object literal of one fixed shape: a spread after `seq` copies key by key through the
 * generic path, and the literal also gives every send record the same hidden class for the
 * log's JSON.stringify and freeze. Its keys are in the order `message.sent` is declared and
 * built (domain/messaging.ts, node/demo.ts), which is the order the spread kept, so the
 * line written is the same (tests/store/stamping.test.ts).
 */
export function stampLocal(e: DomainEvent, seq: number, origin: string, at: string): StampedEvent {
  const id = `${origin}:${seq}`
  if (e.type === 'message.sent') {
    return stampSent(e, seq, origin, at, id)
  }
  return { seq, ...e, origin, at, id }
}

function stampSent(e: SentEvent, seq: number, origin: string, at: string, id: string): StampedEvent {
  return {
    seq,
    type: e.type,
    conversationId: e.conversationId,
    message: e.message,
    newConversation: e.newConversation,
    acceptsRequest: e.acceptsRequest,
    origin,
    at,
    id,
  }
}
