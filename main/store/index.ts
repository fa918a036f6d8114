// The store's public face: commands and named queries on Store, event types, and the few
// pure helpers (ids and sort keys) that callers compute themselves. The projection stays inside.
export * from './events'
export { Store } from './store'
export type { NodeIdentity, EventListener, StoreOptions } from './store'
export type { ConversationInfo, ViewerInfo, SendHistory } from './store-queries'
export { conversationIdFor, messageKey, clientKey } from './state'
export { shownTo, toMessage, toRef } from './queries'
export { accountSchema, EVENT_BODY_SCHEMAS, eventMetaSchema, firstIssuePath, profilePatchSchema, storedMessageSchema } from './event-schema'
export { decodeCursor } from './inbox-order'
export type { ConversationPage } from './inbox-order'
