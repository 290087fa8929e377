export type * from '@flock/protocol';
export { createFlockClient, type FlockClient, type FlockClientOptions } from './client.js';
export { FlockError, isFlockError } from './errors.js';
export type { EventSourceLike, LiveStatus } from './live.js';
export type { ResourceState, ResourceStore } from './resource-store.js';
export { clockOffset, msUntil } from './time.js';
