export type * from '@flock/protocol';
export { type Attribution, currentAttribution, REFERRAL_URL_PARAM } from './attribution.js';
export { createFlockClient, type FlockClient, type FlockClientOptions } from './client.js';
export { type ConsoleClient, type ConsoleClientOptions, createConsoleClient } from './console.js';
export { FlockError, isFlockError } from './errors.js';
export type { EventSourceLike, LiveStatus } from './live.js';
export type { ResourceState, ResourceStore } from './resource-store.js';
export { clockOffset, msUntil } from './time.js';
export { createStaffClient } from './voucher.js';
