// The store's public face: events, projected state, the Store class and its named queries.
export * from './events'
export * from './state'
export * from './store'
export * from './queries'
export * from './directory'
export * from './event-schema'
