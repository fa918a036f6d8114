// Messages read back from the log: the projection keeps only columns per message
// (message-refs.ts) and an id index (id-index.ts); this turns them into StoredMessages by
// reading the records they point at (the store's recent records, else the log on disk).
import type { LogEvent, StoredMessage } from './events'
import type { IdIndex } from './id-index'
import { HASH_START, hashChar, hashEnd, hashKey, hashMore, indexAdd, indexAddHashed, indexFind, indexFindHashed } from './id-index'
import type { IdAt, KeyParts } from './message-refs'
import { deliveryAt, keyParts, positionOf, refIndex } from './message-refs'
import type { ConversationState, StoreState } from './state'
import { parseTime } from './time-parse'

/** A record by its log seq: appended-but-not-yet-durable ones from memory, the rest from disk. */
export type RecordReader = (seq: number) => LogEvent | undefined

/** hashKey(`c${clientKey(from, clientId)}`) without building the key. */
export function clientKeyHash(from: string, clientId: string): number {
  // The key is "c", `from`, U+0000, `clientId` (state.ts clientKey).
  return hashEnd(hashMore(hashChar(hashMore(hashChar(HASH_START, 0x63), from), 0), clientId))
}

export class Messages {
  // The client id last hashed, and its hash (clientKeyHash).
  private lastFrom = ''
  private lastClientId = ''
  private lastClientHash = clientKeyHash('', '')

  constructor(
    private readonly state: StoreState,
    private readonly read: RecordReader,
    /** How long before a sender's newest send its send times are kept (send-counts.ts); forever by default. */
    readonly sendTimesKeptMs = Infinity,
  ) {}

  private get ids(): IdIndex {
    return this.state.ids
  }

  /** The message a `message.sent` record at `seq` holds, as written. */
  private written(seq: number): StoredMessage | undefined {
    const record = this.read(seq)
    return record?.type === 'message.sent' ? record.message : undefined
  }

  /** The message at position `i` of the conversation, as it stands now (a verdict may have decided it). */
  at(conv: ConversationState, i: number): StoredMessage {
    const m = this.written(conv.refs.seqs[i])
    if (!m) {
      throw new Error(`the log holds no message at seq ${conv.refs.seqs[i]} (conversation ${conv.id})`)
    }
    return this.current(m, deliveryAt(conv.refs, i))
  }

  private current(m: StoredMessage, delivery: StoredMessage['delivery']): StoredMessage {
    if (delivery === m.delivery) {
      return m
    }
    const refused = delivery === 'refused' ? this.state.refusals.get(m.id) : undefined
    return { ...m, delivery, ...(refused ? { refused } : {}) }
  }

  /** Reads ids for same-millisecond tie-breaks (rare: see message-refs.ts). */
  idAt(conv: ConversationState): IdAt {
    return (i) => this.at(conv, i).id
  }

  /** Index of the first message above `key` (orEqual: not below it); 0 for a null key. */
  firstAfter(conv: ConversationState, key: string | KeyParts | null, orEqual = false): number {
    if (key === null) {
      return 0
    }
    return refIndex(conv.refs, typeof key === 'string' ? keyParts(key) : key, this.idAt(conv), orEqual)
  }

  /** Where a message sits in its conversation, or -1. */
  positionOf(conv: ConversationState, m: StoredMessage, seq: number): number {
    return positionOf(conv.refs, parseTime(m.sentAt), seq)
  }

  /**
   * The seq of the record that sent message `id`, found by its id hash in the columns of
   * `conversationId` (when the caller knows it) or of every conversation: a scan of 4 bytes
   * a message (about a millisecond per million), which spares the id index a key per message.
   */
  seqOf(id: string, conversationId?: string): number | undefined {
    const h = hashKey(id)
    const convs = conversationId === undefined ? this.state.conversations.values() : [this.state.conversations.get(conversationId)]
    for (const conv of convs) {
      if (!conv) {
        continue
      }
      const { idHashes, seqs, length } = conv.refs
      // Slots past `length` are 0, which no hash is.
      for (let i = idHashes.indexOf(h); i >= 0 && i < length; i = idHashes.indexOf(h, i + 1)) {
        if (this.written(seqs[i])?.id === id) {
          return seqs[i]
        }
      }
    }
    return undefined
  }

  byId(id: string, conversationId?: string): StoredMessage | undefined {
    const seq = this.seqOf(id, conversationId)
    return seq === undefined ? undefined : this.bySeq(seq)
  }

  /** The message the `message.sent` record at `seq` holds, as it stands now. */
  bySeq(seq: number): StoredMessage | undefined {
    const m = this.written(seq)
    const conv = m && this.state.conversations.get(m.conversationId)
    const i = conv ? this.positionOf(conv, m, seq) : -1
    return i < 0 ? m : this.current(m!, deliveryAt(conv!.refs, i))
  }

  /** The message `from` sent with this client id (R18). */
  byClientId(from: string, clientId: string): StoredMessage | undefined {
    const seq = indexFindHashed(this.ids, this.clientKeyHash(from, clientId), (s) => {
      const m = this.written(s)
      return m !== undefined && m.from === from && m.clientId === clientId
    })
    return seq === undefined ? undefined : this.bySeq(seq)
  }

  /** Notes a message's client id (R18), sent by the record at `seq`. */
  noteMessage(m: StoredMessage, seq: number): void {
    indexAddHashed(this.ids, this.clientKeyHash(m.from, m.clientId), seq)
  }

  /**
   * The id index's hash of a client id's key ("c" + clientKey): the send's lookup (R18)
   * and, in the same tick, its projection both need it, so the last one is kept. A hit is
   * the same two strings, so it is the same hash however the message got here.
   */
  private clientKeyHash(from: string, clientId: string): number {
    if (from !== this.lastFrom || clientId !== this.lastClientId) {
      this.lastFrom = from
      this.lastClientId = clientId
      this.lastClientHash = clientKeyHash(from, clientId)
    }
    return this.lastClientHash
  }

  /** Was an event imported from another node (by its global id) already applied? */
  hasImported(eventId: string): boolean {
    return indexFind(this.ids, `e${eventId}`, (seq) => this.read(seq)?.id === eventId) !== undefined
  }

  noteImported(eventId: string, seq: number): void {
    indexAdd(this.ids, `e${eventId}`, seq)
  }
}
