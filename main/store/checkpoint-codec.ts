// Turns the projection into JSON and back, whatever it holds: plain data, arrays, Maps and
// Sets, and objects reachable twice (a message in its conversation and in the id index)
// come back as one object. So a new part of StoreState is checkpointed with no code here.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Map) && !(v instanceof Set)
}

/** How many times each object is reached: shared ones are written once and referred to after. */
function countReferences(value: unknown, seen: Map<object, number>): void {
  if (typeof value !== 'object' || value === null) {return}
  const n = seen.get(value) ?? 0
  seen.set(value, n + 1)
  if (n > 0) {return}
  if (value instanceof Map) {
    for (const [k, v] of value) {
      countReferences(k, seen)
      countReferences(v, seen)
    }
  }
  else if (value instanceof Set || Array.isArray(value)) {for (const v of value) {countReferences(v, seen)}}
  else {for (const v of Object.values(value)) {countReferences(v, seen)}}
}

export function encodeState(value: unknown): Json {
  const counts = new Map<object, number>()
  countReferences(value, counts)
  const ids = new Map<object, number>()
  const encode = (v: unknown): Json => {
    if (typeof v !== 'object' || v === null) {
      if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v === null) {return v}
      if (v === undefined) {return { $undefined: true }}
      throw new TypeError(`the projection holds a ${typeof v}, which a checkpoint cannot store`)
    }
    const id = ids.get(v)
    if (id !== undefined) {return { $ref: id }}
    let out: Json
    const shared = (counts.get(v) ?? 0) > 1
    if (shared) {ids.set(v, ids.size)}
    if (v instanceof Map) {out = { $map: [...v].map(([k, x]) => [encode(k), encode(x)]) }}
    else if (v instanceof Set) {out = { $set: [...v].map(encode) }}
    else if (Array.isArray(v)) {out = v.map(encode)}
    else if (isPlainObject(v)) {
      const fields: Record<string, Json> = {}
      for (const [k, x] of Object.entries(v)) {fields[k] = encode(x)}
      out = { $obj: fields }
    } else {throw new TypeError('the projection holds an object a checkpoint cannot store')}
    return shared ? { $id: ids.get(v)!, $v: out } : out
  }
  return encode(value)
}

export function decodeState(json: Json): unknown {
  const byId: unknown[] = []
  const decode = (v: Json): unknown => {
    if (typeof v !== 'object' || v === null) {return v}
    if (Array.isArray(v)) {return v.map(decode)}
    if ('$ref' in v) {return byId[v.$ref as number]}
    if ('$id' in v) {
      // Registered before its fields are read, so a cycle back to it resolves too.
      const inner = v.$v as { [key: string]: Json } | Json[]
      const target: Record<string, unknown> | unknown[] | Map<unknown, unknown> | Set<unknown> = Array.isArray(inner)
        ? []
        : '$map' in inner
          ? new Map()
          : '$set' in inner
            ? new Set()
            : {}
      byId[v.$id as number] = target
      fill(target, inner)
      return target
    }
    if ('$undefined' in v) {return undefined}
    const target = '$map' in v ? new Map() : '$set' in v ? new Set() : {}
    fill(target, v)
    return target
  }
  const fill = (target: Record<string, unknown> | unknown[] | Map<unknown, unknown> | Set<unknown>, v: { [key: string]: Json } | Json[]): void => {
    if (Array.isArray(target)) {for (const x of v as Json[]) {target.push(decode(x))}}
    else if (target instanceof Map) {for (const [k, x] of (v as { $map: [Json, Json][] }).$map) {target.set(decode(k), decode(x))}}
    else if (target instanceof Set) {for (const x of (v as { $set: Json[] }).$set) {target.add(decode(x))}}
    else {for (const [k, x] of Object.entries((v as { $obj: Record<string, Json> }).$obj)) {target[k] = decode(x)}}
  }
  return decode(json)
}
