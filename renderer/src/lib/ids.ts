// R18: a client-chosen id per send, reused by Retry so the node stores nothing twice.
export function newClientId(): string {
  const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
  return `r-${random}`
}
