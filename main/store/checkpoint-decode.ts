// Turns a checkpoint's JSON and blobs back into the projection (the reverse of
// ./checkpoint-codec.ts): Maps, Sets, shared objects, typed arrays as views of the file's bytes.
import type { Json, TypedArray, TypedName } from './checkpoint-codec'
import { TYPED } from './checkpoint-codec'

/**
 * `blobs` are the binary parts encodeState collected, in order (views are kept, not copied).
 * With `later`, the blobs' bytes may not have arrived yet: typed arrays are made as views at
 * once, and whatever must read the bytes (a number array, an unaligned copy) is pushed to
 * `later`, for the caller to run once they are there.
 */
export function decodeState(json: Json, blobs: Uint8Array[] = [], later?: (() => void)[]): unknown {
  const byId: unknown[] = []
  const blob = (i: Json): Uint8Array => {
    const b = blobs[i as number]
    if (!b) {
      throw new TypeError(`the checkpoint names blob ${String(i)}, which it does not hold`)
    }
    return b
  }
  const typed = (bytes: Uint8Array, name: TypedName): TypedArray => {
    const Ctor = TYPED[name]
    if (!Ctor || bytes.byteLength % Ctor.BYTES_PER_ELEMENT !== 0) {
      throw new TypeError(`a checkpoint blob is not a ${name}`)
    }
    // A view where the bytes are aligned (the checkpoint file pads them so); else a copy.
    if (bytes.byteOffset % Ctor.BYTES_PER_ELEMENT === 0) {
      return new Ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength / Ctor.BYTES_PER_ELEMENT)
    }
    const copy = new Ctor(bytes.byteLength / Ctor.BYTES_PER_ELEMENT)
    whenRead(() => new Uint8Array(copy.buffer).set(bytes))
    return copy
  }
  const whenRead = (fill: () => void) => (later ? later.push(fill) : fill())
  type Tagged = { [key: string]: Json }
  /** The tag of an encoded object: its first (and, but for $id/$v and $bin/$t, only) key. */
  const tagOf = (v: Tagged): string => {
    for (const k in v) {
      return k
    }
    return ''
  }
  // One pass, dispatching on each object's tag: start-up decodes every conversation and account.
  const decode = (v: Json): unknown => {
    if (typeof v !== 'object' || v === null) {
      return v
    }
    if (Array.isArray(v)) {
      const out: unknown[] = new Array(v.length)
      for (let i = 0; i < v.length; i++) {
        out[i] = decode(v[i])
      }
      return out
    }
    switch (tagOf(v)) {
      case '$obj':
        return fill({}, v)
      case '$map':
        return fill(new Map(), v)
      case '$set':
        return fill(new Set(), v)
      case '$bin':
        return typed(blob(v.$bin), v.$t as TypedName)
      case '$f64': {
        const numbers = typed(blob(v.$f64), 'Float64Array')
        const out: number[] = new Array(numbers.length)
        whenRead(() => {
          for (let i = 0; i < numbers.length; i++) {
            out[i] = numbers[i]
          }
        })
        return out
      }
      case '$j':
        return v.$j
      case '$ref':
        return byId[v.$ref as number]
      case '$undefined':
        return undefined
      case '$id': {
        // Registered before its fields are read, so a cycle back to it resolves too.
        const inner = v.$v as Tagged | Json[]
        if (Array.isArray(inner)) {
          const target: unknown[] = []
          byId[v.$id as number] = target
          for (const x of inner) {
            target.push(decode(x))
          }
          return target
        }
        const tag = tagOf(inner)
        const target = tag === '$map' ? new Map() : tag === '$set' ? new Set() : {}
        byId[v.$id as number] = target
        return fill(target, inner)
      }
      default:
        throw new TypeError('the checkpoint holds a value it cannot decode')
    }
  }
  const fill = <T extends Record<string, unknown> | Map<unknown, unknown> | Set<unknown>>(target: T, v: Tagged): T => {
    if (target instanceof Map) {
      for (const [k, x] of v.$map as [Json, Json][]) {
        target.set(decode(k), decode(x))
      }
    } else if (target instanceof Set) {
      for (const x of v.$set as Json[]) {
        target.add(decode(x))
      }
    } else {
      const fields = v.$obj as Tagged
      const out = target as Record<string, unknown>
      for (const k in fields) {
        out[k] = decode(fields[k])
      }
    }
    return target
  }
  return decode(json)
}
