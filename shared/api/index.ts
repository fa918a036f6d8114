// The renderer's (and scripts') door to the node: response shapes, typed client, live events.
export * from './contract'
export * from './client'
export * from './events'
export { operationAreas, operations } from './operations'
export type { HttpMethod, Operation, OperationId, Operations, ResponseOf } from './operations'
