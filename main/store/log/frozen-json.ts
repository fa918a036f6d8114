// Freezing the records the log hands out, so nobody can change what it holds.

/**
 * If `value` holds only what JSON keeps as it is (strings, finite numbers but -0, booleans,
 * null, dense arrays and plain objects with no undefined in them), freezes it deeply and
 * returns true: it then equals its own JSON round trip. Otherwise changes nothing (a value
 * found unfit part-way leaves the parts already checked frozen, which JSON data can bear).
 */
export function freezeIfPlainJson(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0)
    case 'object': {
      if (value === null) {
        return true
      }
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          if (!(i in value) || !freezeIfPlainJson(value[i])) {
            return false
          }
        }
      } else {
        const proto: unknown = Object.getPrototypeOf(value)
        if ((proto !== Object.prototype && proto !== null) || Object.getOwnPropertySymbols(value).length > 0) {
          return false
        }
        for (const key in value) {
          if (!freezeIfPlainJson((value as Record<string, unknown>)[key])) {
            return false
          }
        }
      }
      Object.freeze(value)
      return true
    }
    default:
      return false
  }
}

/** Freezes a parsed JSON value and everything in it (plain objects and arrays only). */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) {
      deepFreeze(inner)
    }
    Object.freeze(value)
  }
  return value
}
