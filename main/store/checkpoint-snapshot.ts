// The projection as a checkpoint's JSON, taken entry by entry across turns of the event loop
// instead of in one long pause (~0.2-1 s at a million messages). Consistency by copy-on-write
// at the entry level: each of the projection's Maps (accounts, conversations, cap windows...)
// has its keys noted when the snapshot starts, and until every entry is encoded, its get, set
// and delete first encode the entry they name (as it still is: nothing reaches an entry but
// through its Map), and iterating or clearing it first encodes the rest. Parts that are not
// Maps (the id index, outreach, business) are encoded at once. The typed arrays an entry holds
// are taken by view and watched (./checkpoint-journal.ts) until written.
import type { Encoder } from './checkpoint-codec'

/** How long one turn of encoding runs before sends get the event loop back. */
const SLICE_MS = 4

type AnyMap = Map<unknown, unknown>

/** One turn's budget: SLICE_MS, or (tests) a number of entries. */
class Slice {
  private readonly deadline: number
  private count = 0

  constructor(
    private readonly entries = Number.POSITIVE_INFINITY,
    ms = SLICE_MS,
  ) {
    this.deadline = performance.now() + ms
  }

  /** Called before each entry: whether this turn is over. */
  over(): boolean {
    this.count += 1
    return this.count > this.entries || ((this.count & 15) === 0 && performance.now() > this.deadline)
  }
}

/** No end: what a Map's iteration needs before it goes on. */
const UNBOUNDED = new Slice(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY)

/** Map methods that hand out an entry (or all of them): encoded first while a snapshot is taken. */
const KEYED = ['get', 'set', 'delete'] as const
const WHOLE = ['values', 'entries', 'forEach', 'clear', Symbol.iterator] as const

/** One Map of the projection while its snapshot is taken. */
class MapSnapshot {
  /** Its keys when the snapshot began, in order: the entries the snapshot holds. */
  readonly keys: unknown[]
  private readonly held: Set<unknown>
  /** JSON of each entry encoded so far, `[key, value]`. */
  readonly texts = new Map<unknown, string>()
  /** Keys before this one are all encoded. */
  private cursor = 0

  constructor(
    readonly map: AnyMap,
    private readonly encodeEntry: (key: unknown, value: unknown) => string,
  ) {
    this.keys = [...map.keys()]
    this.held = new Set(this.keys)
  }

  /** Encodes the entry under `key` if the snapshot holds it and has not encoded it yet. */
  ensure(key: unknown): void {
    if (!this.texts.has(key) && this.held.has(key)) {
      this.texts.set(key, this.encodeEntry(key, Map.prototype.get.call(this.map, key)))
    }
  }

  /** Encodes entries in order until `slice` says stop; true once all are. */
  advance(slice: Slice): boolean {
    for (; this.cursor < this.keys.length; this.cursor++) {
      if (!this.texts.has(this.keys[this.cursor])) {
        if (slice.over()) {
          return false
        }
        this.ensure(this.keys[this.cursor])
      }
    }
    return true
  }

  text(): string {
    return `{"$map":[${this.keys.map((k) => this.texts.get(k)).join(',')}]}`
  }
}

export class StateSnapshot {
  /** Each part of the state in order: its JSON, or the Map being taken. */
  private readonly parts: [string, string | MapSnapshot][] = []
  /** Set when an entry could not be encoded (the checkpoint is then given up). */
  failure: unknown = null

  constructor(
    state: object,
    encoder: Encoder,
    /** The value a checkpoint stores for an entry of the Map named `part` (conversations are trimmed). */
    stored: (part: string, value: unknown) => unknown,
  ) {
    try {
      for (const [name, value] of Object.entries(state)) {
        if (value instanceof Map) {
          const taken = new MapSnapshot(value as AnyMap, (k, v) => `[${JSON.stringify(encoder.encode(k))},${JSON.stringify(encoder.encode(stored(name, v)))}]`)
          this.parts.push([name, taken])
          this.guard(taken)
        } else {
          this.parts.push([name, JSON.stringify(encoder.encode(value))])
        }
      }
    } catch (err) {
      // No Map stays guarded by a snapshot that never began.
      this.release()
      throw err
    }
  }

  /** Encodes for one turn (SLICE_MS, or `entries` entries); true once every entry is encoded (or the snapshot failed). */
  step(entries?: number): boolean {
    const slice = new Slice(entries)
    for (const [, part] of this.parts) {
      if (typeof part !== 'string' && !this.safely(() => part.advance(slice))) {
        return this.failure !== null
      }
    }
    return true
  }

  /** The state's JSON, once step() returned true; the Maps are left as they were. */
  text(): string {
    this.release()
    return `{"$obj":{${this.parts.map(([name, part]) => `${JSON.stringify(name)}:${typeof part === 'string' ? part : part.text()}`).join(',')}}}`
  }

  /** Stops guarding the Maps (done, or given up). */
  release(): void {
    for (const [, part] of this.parts) {
      if (typeof part !== 'string') {
        for (const method of [...KEYED, ...WHOLE]) {
          delete (part.map as unknown as Record<PropertyKey, unknown>)[method]
        }
      }
    }
  }

  /** Runs `f`, turning a failure into `failure` (never thrown into a send's own map access). */
  private safely(f: () => boolean): boolean {
    if (this.failure !== null) {
      return false
    }
    try {
      return f()
    } catch (err) {
      this.failure = err
      this.release()
      return false
    }
  }

  /** Gives the Map own methods that encode what they hand out first. */
  private guard(taken: MapSnapshot): void {
    const map = taken.map as unknown as Record<PropertyKey, (...args: unknown[]) => unknown>
    const proto = Map.prototype as unknown as Record<PropertyKey, (...args: unknown[]) => unknown>
    for (const method of KEYED) {
      map[method] = (key: unknown, ...rest: unknown[]) => {
        this.safely(() => (taken.ensure(key), true))
        return proto[method].call(taken.map, key, ...rest)
      }
    }
    for (const method of WHOLE) {
      map[method] = (...args: unknown[]) => {
        this.safely(() => taken.advance(UNBOUNDED))
        return proto[method].apply(taken.map, args)
      }
    }
  }
}
