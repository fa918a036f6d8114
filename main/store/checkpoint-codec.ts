// Turns the projection into JSON and back, whatever it holds: plain data, arrays, Maps and
// Sets, and objects reachable twice come back as one object. So a new part of StoreState is
// checkpointed with no code here. Typed arrays (the message columns, the id index) and long
// arrays of numbers (cap windows) go as binary blobs beside the JSON, not as digits in it.
// A part that is plain JSON already (an account, its settings, a message) goes as it is,
// tagged `$j`: start-up takes JSON.parse's object for it without walking or copying it.
// Decoding is ./checkpoint-decode.ts.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

export type TypedArray = Int32Array | Uint32Array | Float64Array | Uint8Array
export const TYPED = { Int32Array, Uint32Array, Float64Array, Uint8Array } as const
export type TypedName = keyof typeof TYPED

/** A number array at least this long is stored as a Float64 blob. */
const NUMBER_BLOB_MIN = 64

function isTyped(v: unknown): v is TypedArray {
  return v instanceof Int32Array || v instanceof Uint32Array || v instanceof Float64Array || v instanceof Uint8Array
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Map) && !(v instanceof Set) && !ArrayBuffer.isView(v)
}

/**
 * Whether JSON.stringify/JSON.parse gives `v` back as it is: primitives (but undefined),
 * arrays and objects of the Object prototype, none reached twice, no long number array
 * (those go as blobs).
 */
function isPureJson(v: unknown, counts: Map<object, number>): boolean {
  if (typeof v !== 'object' || v === null) {
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null
  }
  if ((counts.get(v) ?? 0) > 1) {
    return false
  }
  if (Array.isArray(v)) {
    if (allNumbers(v)) {
      return false
    }
    for (let i = 0; i < v.length; i++) {
      if (!isPureJson(v[i], counts)) {
        return false
      }
    }
    return true
  }
  const proto = Object.getPrototypeOf(v) as unknown
  if (proto !== Object.prototype && proto !== null) {
    return false
  }
  for (const k in v) {
    if (!isPureJson((v as Record<string, unknown>)[k], counts)) {
      return false
    }
  }
  return true
}

function allNumbers(v: unknown[]): v is number[] {
  if (v.length < NUMBER_BLOB_MIN) {
    return false
  }
  for (let i = 0; i < v.length; i++) {
    if (typeof v[i] !== 'number') {
      return false
    }
  }
  return true
}

/** How many times each object is reached: shared ones are written once and referred to after. */
function countReferences(value: unknown, seen: Map<object, number>): void {
  // Typed arrays are stored whole as blobs: their elements are no references to count.
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) {
    return
  }
  const n = seen.get(value) ?? 0
  seen.set(value, n + 1)
  if (n > 0) {
    return
  }
  if (value instanceof Map) {
    for (const [k, v] of value) {
      countReferences(k, seen)
      countReferences(v, seen)
    }
  } else if (Array.isArray(value)) {
    // An indexed loop, primitives skipped inline: cap windows hold a million numbers in all,
    // and this runs on the event loop while sends wait.
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i]
      if (typeof v === 'object' && v !== null) {
        countReferences(v, seen)
      }
    }
  } else if (value instanceof Set) {
    for (const v of value) {
      if (typeof v === 'object' && v !== null) {
        countReferences(v, seen)
      }
    }
  } else {
    for (const v of Object.values(value)) {
      countReferences(v, seen)
    }
  }
}

/** `blobs` collects the binary parts; the JSON names them by position. */
export function encodeState(value: unknown, blobs: Uint8Array[] = []): Json {
  return new Encoder(blobs).encode(value)
}

/** Thrown when a value encoded part by part reaches one object from two parts: it would come back as two objects. */
export class SharedAcrossParts extends Error {}

/**
 * Encodes a value in parts (a checkpoint encodes the projection's entries one at a time,
 * across turns of the event loop): blob numbers and shared-object ids run on from one part to
 * the next, and with `parts` an object reached from two parts is refused (SharedAcrossParts).
 */
export class Encoder {
  private nextId = 0
  /** The part each object was met in, when parts are checked. */
  private readonly owners: Map<object, number> | null
  private part = 0
  /** Told of each blob as it is taken: a checkpoint being written watches it from then on. */
  private readonly onBlob: ((blob: Uint8Array) => void) | undefined

  constructor(
    readonly blobs: Uint8Array[] = [],
    options: { parts?: boolean; onBlob?: (blob: Uint8Array) => void } = {},
  ) {
    this.owners = options.parts ? new Map() : null
    this.onBlob = options.onBlob
  }

  encode(value: unknown): Json {
    const counts = new Map<object, number>()
    countReferences(value, counts)
    if (this.owners) {
      this.part += 1
      for (const o of counts.keys()) {
        const owner = this.owners.get(o)
        if (owner !== undefined && owner !== this.part) {
          throw new SharedAcrossParts('an object of the projection is reached from two of its entries')
        }
        this.owners.set(o, this.part)
      }
    }
    return this.encodeCounted(value, counts)
  }

  private addBlob(blob: Uint8Array): number {
    this.blobs.push(blob)
    this.onBlob?.(blob)
    return this.blobs.length - 1
  }

  private encodeCounted(value: unknown, counts: Map<object, number>): Json {
    const ids = new Map<object, number>()
    const encode = (v: unknown): Json => {
      if (typeof v !== 'object' || v === null) {
        if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v === null) {
          return v
        }
        if (v === undefined) {
          return { $undefined: true }
        }
        throw new TypeError(`the projection holds a ${typeof v}, which a checkpoint cannot store`)
      }
      const id = ids.get(v)
      if (id !== undefined) {
        return { $ref: id }
      }
      let out: Json
      const shared = (counts.get(v) ?? 0) > 1
      if (shared) {
        ids.set(v, this.nextId++)
      }
      if (isTyped(v)) {
        // A view, not a copy: the caller copies the blobs once, into the file's bytes.
        return { $bin: this.addBlob(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)), $t: v.constructor.name }
      }
      if (Array.isArray(v) && allNumbers(v)) {
        return { $f64: this.addBlob(new Uint8Array(new Float64Array(v).buffer)) }
      }
      if (!shared && isPureJson(v, counts)) {
        // The live object, not a copy: the caller stringifies the result before the projection moves on.
        return { $j: v as Json }
      }
      if (v instanceof Map) {
        out = { $map: [...v].map(([k, x]) => [encode(k), encode(x)]) }
      } else if (v instanceof Set) {
        out = { $set: [...v].map(encode) }
      } else if (Array.isArray(v)) {
        out = v.map(encode)
      } else if (isPlainObject(v)) {
        const fields: Record<string, Json> = {}
        for (const [k, x] of Object.entries(v)) {
          fields[k] = encode(x)
        }
        out = { $obj: fields }
      } else {
        throw new TypeError('the projection holds an object a checkpoint cannot store')
      }
      return shared ? { $id: ids.get(v)!, $v: out } : out
    }
    return encode(value)
  }
}
