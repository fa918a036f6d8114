// The messaging rules (docs/RULES.md), pure functions shared by the node (authority) and the renderer.
export * from './refusal'
export * from './age'
export * from './account'
export * from './message-text'
export * from './settings'
export * from './caps'
export * from './send'
export * from './usage'
